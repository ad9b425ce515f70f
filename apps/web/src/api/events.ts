/** The web's client for the events contract (@vanguard/shared/api/events), used by console and phone. */
import type { EventCreateBody, EventDetailDto, EventItemDto, EventStatsDto, RegistrationDto } from '@vanguard/shared/api/events';
import { api } from './client';
import type { Page } from './types';

export const eventsApi = {
  list: (orgId: number, page: number, pageSize: number) => api<Page<EventItemDto>>('/api/v1/events', { query: { orgId, page, pageSize } }),
  create: (body: EventCreateBody) => api<EventDetailDto>('/api/v1/events', { method: 'POST', body }),
  get: (id: number) => api<EventDetailDto>(`/api/v1/events/${id}`),
  registrations: (id: number) => api<{ items: RegistrationDto[] }>(`/api/v1/events/${id}/registrations`),
  stats: (id: number) => api<EventStatsDto>(`/api/v1/events/${id}/stats`),
  summary: (id: number, summary: string) => api<EventDetailDto>(`/api/v1/events/${id}/summary`, { method: 'PUT', body: { summary } }),
  moderate: (id: number, photoId: number, status: 'approved' | 'rejected') =>
    api<EventDetailDto>(`/api/v1/events/${id}/photos/${photoId}`, { method: 'PATCH', body: { status } }),
  mine: () => api<Page<EventItemDto>>('/api/v1/my/events', { query: { pageSize: 50 } }),
  myGet: (id: number) => api<EventDetailDto>(`/api/v1/my/events/${id}`),
  register: (id: number) => api<EventDetailDto>(`/api/v1/my/events/${id}/register`, { method: 'POST' }),
  cancel: (id: number) => api<EventDetailDto>(`/api/v1/my/events/${id}/cancel`, { method: 'POST' }),
  checkin: (id: number, code: string) => api<EventDetailDto>(`/api/v1/my/events/${id}/checkin`, { method: 'POST', body: { code } }),
  photo: (id: number, fileId: string) => api<EventDetailDto>(`/api/v1/my/events/${id}/photos`, { method: 'POST', body: { fileId } }),
};
