import { api, apiFile } from '../../api/client';

/** Shapes of the mentors API (apps/server/src/modules/mentors/mentors.schemas.ts). */
export interface PairItem {
  key: string;
  id: number | null;
  caseId: number | null;
  kind: string;
  kindName: string;
  orgId: number;
  orgName: string;
  mentorName: string;
  menteeName: string;
  menteeType: string;
  startsOn: string;
  plannedEndOn: string | null;
  status: string;
  statusName: string;
  lastMeetingOn: string | null;
  meetingDueOn: string | null;
  overdue: boolean;
}
export interface PairDetail {
  id: number;
  kind: string;
  kindName: string;
  orgId: number;
  orgName: string;
  mentorName: string;
  menteeName: string;
  startsOn: string;
  plannedEndOn: string;
  goals: string;
  status: string;
  statusName: string;
  endedOn: string | null;
  endReason: string | null;
  lastMeetingOn: string | null;
  meetingDueOn: string;
  overdue: boolean;
  midTermDueOn: string;
  evaluationDue: 'mid' | 'final' | null;
  myRole: 'mentor' | 'mentee' | null;
  milestones: { id: number; title: string; dueOn: string; doneOn: string | null }[];
  meetings: { id: number; metOn: string; topic: string; content: string; writtenBy: string; writtenByName: string }[];
  evaluations: { id: number; stage: string; stageName: string; rating: string; ratingName: string; comment: string; evaluatedOn: string }[];
}
export interface PairFilters {
  orgId: number;
  kind?: string;
  status?: string;
  overdue?: boolean;
}
export interface Candidate {
  id: number;
  name: string;
  orgName: string;
}
export interface MeetingInput {
  metOn: string;
  topic: string;
  content: string;
  clientKey?: string;
}

export const mentorsApi = {
  list: (f: PairFilters & { page: number; pageSize: number }) =>
    api<{ items: PairItem[]; total: number }>('/api/v1/mentor-pairs', { query: { ...f } }),
  exportXlsx: (f: PairFilters) => apiFile('/api/v1/mentor-pairs.xlsx', { query: { ...f } }),
  candidates: (orgId: number, type: 'member' | 'worker', q?: string) =>
    api<Candidate[]>('/api/v1/mentor-pairs/candidates', { query: { orgId, type, q } }),
  create: (body: Record<string, unknown>) => api<PairDetail>('/api/v1/mentor-pairs', { method: 'POST', body }),
  get: (id: number) => api<PairDetail>(`/api/v1/mentor-pairs/${id}`),
  addMeeting: (id: number, body: MeetingInput) => api<PairDetail>(`/api/v1/mentor-pairs/${id}/meetings`, { method: 'POST', body }),
  addMilestone: (id: number, body: { title: string; dueOn: string }) =>
    api<PairDetail>(`/api/v1/mentor-pairs/${id}/milestones`, { method: 'POST', body }),
  markMilestone: (id: number, milestoneId: number, done: boolean) =>
    api<PairDetail>(`/api/v1/mentor-pairs/${id}/milestones/${milestoneId}`, { method: 'PATCH', body: { done } }),
  evaluate: (id: number, body: { stage: string; rating: string; comment: string; evaluatedOn: string }) =>
    api<PairDetail>(`/api/v1/mentor-pairs/${id}/evaluations`, { method: 'POST', body }),
  end: (id: number, body: { endedOn: string; reason: string }) =>
    api<PairDetail>(`/api/v1/mentor-pairs/${id}/end`, { method: 'POST', body }),
  mine: () => api<{ items: PairDetail[]; total: number }>('/api/v1/my/mentor-pairs'),
  myPair: (id: number) => api<PairDetail>(`/api/v1/my/mentor-pairs/${id}`),
  addMyMeeting: (id: number, body: MeetingInput) => api<PairDetail>(`/api/v1/my/mentor-pairs/${id}/meetings`, { method: 'POST', body }),
  markMyMilestone: (id: number, milestoneId: number, done: boolean) =>
    api<PairDetail>(`/api/v1/my/mentor-pairs/${id}/milestones/${milestoneId}`, { method: 'PATCH', body: { done } }),
};
