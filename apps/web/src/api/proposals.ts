/** The web's client for the proposals contract (@vanguard/shared/api/proposals), used by console and phone. */
import type {
  BoardItemDto,
  DecideBody,
  MyReviewDto,
  OwnerBody,
  ProgressBody,
  ProposalCreateBody,
  ProposalDetailDto,
  ProposalItemDto,
  RewardRowDto,
  RoutePutBody,
  RouteRowDto,
  ScoreBody,
  SimilarDto,
  StatsDto,
  VerifyBody,
} from '@vanguard/shared/api/proposals';
import { api, apiFile } from './client';
import type { Page } from './types';

type Column = 'open' | 'adopted' | 'implemented' | 'closed';
type Person = { userId: number; name: string; orgName: string };

export const proposalsApi = {
  create: (body: ProposalCreateBody) => api<ProposalDetailDto>('/api/v1/proposals', { method: 'POST', body }),
  similar: (q: string) => api<SimilarDto>('/api/v1/proposals/similar', { query: { q } }),
  board: (column?: Column, page = 1) => api<Page<BoardItemDto>>('/api/v1/proposal-board', { query: { column, page, pageSize: 50 } }),
  mine: () => api<Page<BoardItemDto>>('/api/v1/my/proposals', { query: { pageSize: 100 } }),
  people: (q: string) => api<{ items: Person[] }>('/api/v1/proposals/people', { query: { q } }),
  boardGet: (id: number) => api<ProposalDetailDto>(`/api/v1/proposal-board/${id}`),
  support: (id: number) => api<ProposalDetailDto>(`/api/v1/proposal-board/${id}/support`, { method: 'POST' }),
  comment: (id: number, body: string) =>
    api<ProposalDetailDto>(`/api/v1/proposal-board/${id}/comments`, { method: 'POST', body: { body } }),
  ownerProgress: (id: number, body: ProgressBody) =>
    api<ProposalDetailDto>(`/api/v1/my/proposals/${id}/progress`, { method: 'POST', body }),
  myReviews: () => api<{ items: MyReviewDto[] }>('/api/v1/my/proposal-reviews'),
  reviewGet: (id: number) => api<ProposalDetailDto>(`/api/v1/my/proposal-reviews/${id}`),
  score: (id: number, body: ScoreBody) => api<ProposalDetailDto>(`/api/v1/my/proposal-reviews/${id}/score`, { method: 'POST', body }),
  list: (q: { orgId: number; status?: string; category?: string; q?: string; page: number; pageSize: number }) =>
    api<Page<ProposalItemDto>>('/api/v1/proposals', { query: { ...q } }),
  get: (id: number) => api<ProposalDetailDto>(`/api/v1/proposals/${id}`),
  setReviewers: (id: number, reviewerUserIds: number[]) =>
    api<ProposalDetailDto>(`/api/v1/proposals/${id}/reviewers`, { method: 'PUT', body: { reviewerUserIds } }),
  decide: (id: number, body: DecideBody) => api<ProposalDetailDto>(`/api/v1/proposals/${id}/decide`, { method: 'POST', body }),
  owner: (id: number, body: OwnerBody) => api<ProposalDetailDto>(`/api/v1/proposals/${id}/owner`, { method: 'POST', body }),
  progress: (id: number, body: ProgressBody) => api<ProposalDetailDto>(`/api/v1/proposals/${id}/progress`, { method: 'POST', body }),
  verify: (id: number, body: VerifyBody) => api<ProposalDetailDto>(`/api/v1/proposals/${id}/verify`, { method: 'POST', body }),
  routes: (orgId: number) => api<{ items: RouteRowDto[] }>('/api/v1/proposal-routes', { query: { orgId } }),
  putRoute: (body: RoutePutBody) => api<{ items: RouteRowDto[] }>('/api/v1/proposal-routes', { method: 'PUT', body }),
  rewards: (q: { orgId: number; paid?: boolean; page: number; pageSize: number }) =>
    api<Page<RewardRowDto>>('/api/v1/proposal-rewards', { query: { ...q } }),
  rewardsXlsx: (orgId: number) => apiFile('/api/v1/proposal-rewards.xlsx', { query: { orgId } }),
  pay: (id: number, voucher: string) => api<RewardRowDto>(`/api/v1/proposal-rewards/${id}/pay`, { method: 'POST', body: { voucher } }),
  stats: (orgId: number, year: number) => api<StatsDto>('/api/v1/proposal-stats', { query: { orgId, year } }),
  statsXlsx: (orgId: number, year: number) => apiFile('/api/v1/proposal-stats.xlsx', { query: { orgId, year } }),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<{ id: string; name: string; mime: string; size: number }>('/api/v1/files', { method: 'POST', form });
  },
};
