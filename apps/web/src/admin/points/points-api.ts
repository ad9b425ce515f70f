import { api } from '../../api/client';

/** Shapes of the points API (apps/server/src/modules/points/points.schemas.ts). */
export interface BoardPeriod {
  period: string;
  from: string;
  to: string;
}
export interface MemberBoardRow {
  rank: number;
  memberId: number;
  name: string;
  orgName: string;
  points: number;
  studyHours: number;
  examsPassed: number;
  activities: number;
}
export interface BranchBoardRow {
  rank: number;
  orgId: number;
  name: string;
  members: number;
  participants: number;
  participationPct: number;
  points: number;
  perCapita: number;
  studyHours: number;
  examsPassed: number;
}
export type Caps = Record<'study' | 'exam' | 'competition' | 'challenge' | 'mentor_meeting' | 'total', number>;
export interface PointsSettings {
  rulesetVersion: string;
  source: string;
  points: Record<string, number>;
  studyMinutesPerPoint: number;
  examPassBonus: number;
  defaults: Caps;
  caps: Caps;
  overridden: boolean;
}
export interface MyPoints {
  memberName: string;
  today: { day: string; points: number; cap: number; byActivity: { activity: string; name: string; points: number; cap: number }[] };
  month: { period: string; points: number };
  year: { period: string; points: number };
  branch: { name: string; rank: number; of: number } | null;
}
export interface HistoryItem {
  id: number;
  activity: string;
  activityName: string;
  day: string;
  at: string;
  requested: number;
  points: number;
  capped: boolean;
}
type Q = { orgId: number; period?: string; page: number; pageSize: number };

export const pointsApi = {
  members: (q: Q) =>
    api<{ items: MemberBoardRow[]; total: number; period: BoardPeriod }>('/api/v1/points/leaderboard/members', { query: q }),
  branches: (q: Q) =>
    api<{ items: BranchBoardRow[]; total: number; period: BoardPeriod }>('/api/v1/points/leaderboard/branches', { query: q }),
  settings: () => api<PointsSettings>('/api/v1/points/settings'),
  saveCaps: (caps: Caps) => api<PointsSettings>('/api/v1/points/settings', { method: 'PUT', body: caps }),
  me: () => api<MyPoints>('/api/v1/points/me'),
  history: (page: number, pageSize = 20) =>
    api<{ items: HistoryItem[]; total: number }>('/api/v1/points/me/history', { query: { page, pageSize } }),
};
