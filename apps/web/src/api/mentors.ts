/** The web's client for the mentors contract (@vanguard/shared/api/mentors), used by console and phone. */
import type {
  CandidateDto,
  EvaluationCreateInput,
  MeetingCreateInput,
  MilestoneCreateInput,
  PairCreateBody,
  PairDetailDto,
  PairEndInput,
  PairListItemDto,
  PairListQuery,
} from '@vanguard/shared/api/mentors';
import { api, apiFile } from './client';
import type { Page } from './types';

/** The list's filters (the page is added by the table). */
export type PairFilters = Omit<PairListQuery, 'page' | 'pageSize'>;

export const mentorsApi = {
  list: (f: PairFilters & { page: number; pageSize: number }) => api<Page<PairListItemDto>>('/api/v1/mentor-pairs', { query: { ...f } }),
  exportXlsx: (f: PairFilters) => apiFile('/api/v1/mentor-pairs.xlsx', { query: { ...f } }),
  candidates: (orgId: number, type: 'member' | 'worker', q?: string) =>
    api<CandidateDto[]>('/api/v1/mentor-pairs/candidates', { query: { orgId, type, q } }),
  create: (body: PairCreateBody) => api<PairDetailDto>('/api/v1/mentor-pairs', { method: 'POST', body }),
  get: (id: number) => api<PairDetailDto>(`/api/v1/mentor-pairs/${id}`),
  addMeeting: (id: number, body: MeetingCreateInput) => api<PairDetailDto>(`/api/v1/mentor-pairs/${id}/meetings`, { method: 'POST', body }),
  addMilestone: (id: number, body: MilestoneCreateInput) =>
    api<PairDetailDto>(`/api/v1/mentor-pairs/${id}/milestones`, { method: 'POST', body }),
  markMilestone: (id: number, milestoneId: number, done: boolean) =>
    api<PairDetailDto>(`/api/v1/mentor-pairs/${id}/milestones/${milestoneId}`, { method: 'PATCH', body: { done } }),
  evaluate: (id: number, body: EvaluationCreateInput) =>
    api<PairDetailDto>(`/api/v1/mentor-pairs/${id}/evaluations`, { method: 'POST', body }),
  end: (id: number, body: PairEndInput) => api<PairDetailDto>(`/api/v1/mentor-pairs/${id}/end`, { method: 'POST', body }),
  mine: () => api<Page<PairDetailDto>>('/api/v1/my/mentor-pairs'),
  myPair: (id: number) => api<PairDetailDto>(`/api/v1/my/mentor-pairs/${id}`),
  addMyMeeting: (id: number, body: MeetingCreateInput) =>
    api<PairDetailDto>(`/api/v1/my/mentor-pairs/${id}/meetings`, { method: 'POST', body }),
  markMyMilestone: (id: number, milestoneId: number, done: boolean) =>
    api<PairDetailDto>(`/api/v1/my/mentor-pairs/${id}/milestones/${milestoneId}`, { method: 'PATCH', body: { done } }),
};
