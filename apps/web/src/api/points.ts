/** The web's client for the points contract (@vanguard/shared/api/points), used by console and phone. */
import type {
  BoardQuery,
  BranchBoardDto,
  CapsUpdateInput,
  HistoryItemWire,
  MemberBoardDto,
  MyPointsDto,
  PointsSettingsDto,
} from '@vanguard/shared/api/points';
import { api } from './client';
import type { Page } from './types';

export const pointsApi = {
  members: (q: BoardQuery) => api<MemberBoardDto>('/api/v1/points/leaderboard/members', { query: q }),
  branches: (q: BoardQuery) => api<BranchBoardDto>('/api/v1/points/leaderboard/branches', { query: q }),
  settings: () => api<PointsSettingsDto>('/api/v1/points/settings'),
  saveCaps: (caps: CapsUpdateInput) => api<PointsSettingsDto>('/api/v1/points/settings', { method: 'PUT', body: caps }),
  me: () => api<MyPointsDto>('/api/v1/points/me'),
  history: (page: number, pageSize = 20) => api<Page<HistoryItemWire>>('/api/v1/points/me/history', { query: { page, pageSize } }),
};
