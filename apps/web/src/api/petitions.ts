/** The web's client for the petitions and care contracts (@vanguard/shared/api/petitions), used by console and phone. */
import type {
  CalendarSchema,
  CareAssignResultSchema,
  CareCoverageSchema,
  CareLoadsSchema,
  CareWorkerPageSchema,
  ContactCreateSchema,
  ContactSchema,
  DeedPageSchema,
  MyContactMemberSchema,
  MyWorkersSchema,
  OnTimeSchema,
  PetitionCloseSchema,
  PetitionPageSchema,
  PetitionRateSchema,
  PetitionSchema,
  PetitionSubmitSchema,
  PetitionTargetsSchema,
} from '@vanguard/shared/api/petitions';
import type { z } from 'zod';
import { api, apiFile } from './client';

export type PetitionDto = z.input<typeof PetitionSchema>;
export type PetitionPage = z.input<typeof PetitionPageSchema>;
export type DeedPage = z.input<typeof DeedPageSchema>;
type Q = Record<string, string | number | undefined>;

export const petitionsApi = {
  targets: () => api<z.input<typeof PetitionTargetsSchema>>('/api/v1/me/petition-targets'),
  submit: (body: z.input<typeof PetitionSubmitSchema>) => api<PetitionDto>('/api/v1/me/petitions', { method: 'POST', body }),
  mine: (page = 1) => api<PetitionPage>('/api/v1/me/petitions', { query: { page, pageSize: 50 } }),
  myOne: (id: number) => api<PetitionDto>(`/api/v1/me/petitions/${id}`),
  rate: (id: number, body: z.input<typeof PetitionRateSchema>) =>
    api<PetitionDto>(`/api/v1/me/petitions/${id}/rating`, { method: 'POST', body }),
  myDeeds: (q: Q) => api<DeedPage>('/api/v1/me/deeds', { query: q }),
  board: (q: Q) => api<PetitionPage>('/api/v1/petitions', { query: q }),
  get: (id: number) => api<PetitionDto>(`/api/v1/petitions/${id}`),
  accept: (id: number) => api<PetitionDto>(`/api/v1/petitions/${id}/accept`, { method: 'POST' }),
  reply: (id: number, reply: string) => api<PetitionDto>(`/api/v1/petitions/${id}/reply`, { method: 'POST', body: { reply } }),
  meeting: (id: number, body: { meetingId: number; decision?: string }) =>
    api<PetitionDto>(`/api/v1/petitions/${id}/meeting`, { method: 'POST', body }),
  close: (id: number, body: z.input<typeof PetitionCloseSchema>) =>
    api<PetitionDto>(`/api/v1/petitions/${id}/close`, { method: 'POST', body }),
  onTime: () => api<z.input<typeof OnTimeSchema>>('/api/v1/petitions/on-time'),
  calendar: (orgId: number, year: number) =>
    api<z.input<typeof CalendarSchema>>(`/api/v1/petition-calendars/${orgId}`, { query: { year } }),
  deeds: (q: Q) => api<DeedPage>('/api/v1/deeds', { query: q }),
  exportDeeds: (q: Q) => apiFile('/api/v1/deeds/export', { query: q }),
};

export const careApi = {
  workers: (q: Q) => api<z.input<typeof CareWorkerPageSchema>>('/api/v1/care/workers', { query: q }),
  loads: (orgId: number) => api<z.input<typeof CareLoadsSchema>>('/api/v1/care/loads', { query: { orgId } }),
  assign: (memberId: number, workerIds: number[]) =>
    api<z.input<typeof CareAssignResultSchema>>('/api/v1/care/links', { method: 'POST', body: { memberId, workerIds } }),
  end: (linkId: number) => api<z.input<typeof CareAssignResultSchema>>(`/api/v1/care/links/${linkId}/end`, { method: 'POST' }),
  coverage: () => api<z.input<typeof CareCoverageSchema>>('/api/v1/care/coverage'),
  myWorkers: () => api<z.input<typeof MyWorkersSchema>>('/api/v1/me/care/workers'),
  logContact: (body: z.input<typeof ContactCreateSchema>) =>
    api<z.input<typeof ContactSchema>>('/api/v1/me/care/contacts', { method: 'POST', body }),
  myContactMember: () => api<z.input<typeof MyContactMemberSchema>>('/api/v1/me/care/contact-member'),
};
