/*
 * The life module's API (apps/server/src/modules/life/life.routes.ts), shared by the console and
 * the phone portal. Shapes mirror the server's answers.
 */
import { api, apiFile } from './client';

export interface Attendee {
  memberId: number;
  name: string;
  category: string;
  orgName: string;
  status: 'pending' | 'present' | 'leave' | 'absent' | 'excluded';
  reason: string | null;
  signedAt: string | null;
  method: string | null;
  /** Training minutes credited (present at a 党课 / 学习研讨 / 现场教学), and why fewer. */
  minutes: number | null;
  hoursReason: string | null;
  leave: { id: number; status: string; reason: string } | null;
}

export interface MeetingSummary {
  id: number;
  orgId: number;
  orgName: string;
  type: string;
  typeName: string;
  topic: string;
  startsAt: string;
  place: string;
  status: 'planned' | 'held' | 'published' | 'cancelled';
  jointBody: string | null;
  hasMinutes: boolean;
  expected?: number;
  present?: number;
}

export interface MeetingDetail extends MeetingSummary {
  chairName: string | null;
  recorderName: string | null;
  orgs: { id: number; name: string }[];
  minutes: string | null;
  resolutions: string | null;
  cancelReason: string | null;
  hoursMinutes: number;
  signInOpens: string;
  signInCloses: string;
  attendance: {
    expected: number;
    present: number;
    leave: number;
    absent: number;
    excluded: number;
    pending: number;
    quorum: boolean | null;
    people: Attendee[];
  };
  files: { id: string; name: string; mime: string; kind: string }[];
  history: { kind: string; at: string; actor: string | null; details: Record<string, unknown> }[];
}

export type Invite =
  | { kind: 'members' }
  | { kind: 'committee' }
  | { kind: 'people'; memberIds: number[] }
  | { kind: 'orgs'; orgIds: number[]; who: 'members' | 'committee' };

export interface MeetingInput {
  orgId: number;
  type: string;
  topic: string;
  startsAt: string;
  place: string;
  chairMemberId?: number;
  recorderMemberId?: number;
  invite: Invite;
  jointBody?: string;
  hoursMinutes?: number;
}

export type SignInCode =
  | { open: false; message: string; opens: string; closes: string }
  | { open: true; token: string; url: string; qrSvg: string; code: string; refreshAt: string; opens: string; closes: string };

export interface ComplianceCell {
  key: string;
  type: string;
  typeName: string;
  every: string;
  period: string;
  held: number;
  status: 'done' | 'missing' | 'due' | 'future';
}

export interface Compliance {
  orgId: number;
  orgName: string;
  year: number;
  source: string;
  total: { orgs: number; expected: number; done: number; missing: number; rate: number | null };
  summary: {
    key: string;
    type: string;
    typeName: string;
    every: string;
    orgs: number;
    periods: { period: string; done: number; state: string }[];
  }[];
  children: {
    id: number;
    name: string;
    kind: string;
    orgs: number;
    expected: number;
    done: number;
    missing: number;
    rate: number | null;
  }[];
  orgs: {
    total: number;
    items: { id: number; name: string; kind: string; expected: number; done: number; missing: number; cells: ComplianceCell[] }[];
  };
}

export interface ActionItem {
  id: number;
  title: string;
  dueOn: string;
  status: string;
  orgName: string;
  ownerName: string | null;
  doneNote: string | null;
  meetingId?: number;
  meetingTopic?: string;
  jointBody?: string | null;
  overdue?: boolean;
}

export interface Campaign {
  id: number;
  orgId: number;
  orgName: string;
  year: number;
  status: 'open' | 'closed' | 'determined';
  voted: number;
  excellentCap: number;
  source: string;
  people: {
    memberId: number;
    name: string;
    category: string;
    selfSummary: string | null;
    selfAt: string | null;
    grade: string | null;
    gradeName: string | null;
    mutual: Record<string, number> | null;
    mass: Record<string, number>;
    case: { id: number; measure: string; deadlineOn: string | null; status: string } | null;
  }[];
}

export interface MyMeeting {
  id: number;
  type: string;
  typeName: string;
  topic: string;
  orgName: string;
  startsAt: string;
  place: string;
  cancelled: boolean;
  signedAt: string | null;
  leaveStatus?: string | null;
  hasMinutes?: boolean;
}

export interface MyMeetingDetail extends MyMeeting {
  cancelReason: string | null;
  signInOpens: string;
  signInCloses: string;
  method: string | null;
  leave: { status: string; reason: string; note: string | null } | null;
  minutesVisible: boolean;
  minutesNote: string | null;
  minutes: string | null;
  resolutions: string | null;
  files: { id: string; name: string; mime: string; kind: string }[];
}

export interface SignInInput {
  token?: string;
  code?: string;
  meetingId?: number;
  scannedAt?: string;
  clientId: string;
}

const put = <T>(url: string, body: unknown) => api<T>(url, { method: 'PUT', body });
const post = <T>(url: string, body?: unknown) => api<T>(url, { method: 'POST', body: body ?? {} });

export const lifeApi = {
  meetings: (q: { orgId?: number; type?: string; status?: string; page: number; pageSize: number }) =>
    api<{ items: MeetingSummary[]; total: number }>('/api/v1/life/meetings', { query: q }),
  meeting: (id: number) => api<MeetingDetail>(`/api/v1/life/meetings/${id}`),
  plan: (input: MeetingInput) => post<MeetingDetail>('/api/v1/life/meetings', input),
  reschedule: (id: number, body: { startsAt: string; place?: string; reason: string }) =>
    post<MeetingDetail>(`/api/v1/life/meetings/${id}/reschedule`, body),
  cancel: (id: number, reason: string) => post<MeetingDetail>(`/api/v1/life/meetings/${id}/cancel`, { reason }),
  minutes: (id: number, body: { minutes: string; resolutions?: string; hoursMinutes?: number }) =>
    put<MeetingDetail>(`/api/v1/life/meetings/${id}/minutes`, body),
  publish: (id: number) => post<MeetingDetail>(`/api/v1/life/meetings/${id}/publish`),
  attach: (id: number, fileId: string, kind: 'photo' | 'file') =>
    post<MeetingDetail>(`/api/v1/life/meetings/${id}/files`, { fileId, kind }),
  detach: (id: number, fileId: string) => api<MeetingDetail>(`/api/v1/life/meetings/${id}/files/${fileId}`, { method: 'DELETE' }),
  creditHours: (id: number, body: { memberId: number; minutes: number; reason?: string }) =>
    api<MeetingDetail>(`/api/v1/life/meetings/${id}/hours`, { method: 'PUT', body }),
  attendance: (id: number, body: { memberId: number; status: string; reason?: string; exclusion?: string }) =>
    post<MeetingDetail>(`/api/v1/life/meetings/${id}/attendance`, body),
  signInCode: (id: number) => api<SignInCode>(`/api/v1/life/meetings/${id}/sign-in-code`),
  leaves: () =>
    api<{ id: number; meetingId: number; topic: string; startsAt: string; name: string; reason: string }[]>('/api/v1/life/leaves'),
  decideLeave: (id: number, approve: boolean, note?: string) =>
    post<{ status: string }>(`/api/v1/life/leaves/${id}/decision`, { approve, note }),
  meetingItems: (id: number) => api<ActionItem[]>(`/api/v1/life/meetings/${id}/action-items`),
  addItem: (id: number, body: { title: string; orgId: number; dueOn: string }) =>
    post<ActionItem>(`/api/v1/life/meetings/${id}/action-items`, body),
  items: (q: { orgId?: number; status: string; jointBody?: string; page: number; pageSize: number }) =>
    api<{ items: ActionItem[]; total: number }>('/api/v1/life/action-items', { query: q }),
  closeItem: (id: number, note: string) => post<ActionItem>(`/api/v1/life/action-items/${id}/done`, { note }),
  jointBodies: () => api<{ jointBody: string; meetings: number; open: number }[]>('/api/v1/life/joint-bodies'),
  compliance: (q: { orgId: number; year: number; onlyProblems?: boolean; page: number; pageSize: number }) =>
    api<Compliance>('/api/v1/life/compliance', { query: q }),
  hours: (q: { orgId: number; year: number; onlyShort?: boolean; page: number; pageSize: number }) =>
    api<{
      year: number;
      total: number;
      met: number;
      items: { memberId: number; name: string; orgName: string; hours: number; target: number; isLeader: boolean; met: boolean }[];
    }>('/api/v1/life/hours', { query: q }),
  hoursXlsx: (q: { orgId: number; year: number; onlyShort?: boolean }) => apiFile('/api/v1/life/hours.xlsx', { query: q }),
  complianceXlsx: (q: { orgId: number; year: number; onlyProblems?: boolean }) => apiFile('/api/v1/life/compliance.xlsx', { query: q }),
  campaigns: (orgId?: number) =>
    api<{ id: number; orgName: string; year: number; status: string; participants: number }[]>('/api/v1/life/appraisals', {
      query: { orgId },
    }),
  openCampaign: (orgId: number, year: number) => post<{ id: number }>('/api/v1/life/appraisals', { orgId, year }),
  campaign: (id: number) => api<Campaign>(`/api/v1/life/appraisals/${id}`),
  mass: (id: number, counts: { memberId: number; excellent: number; qualified: number; basic: number; unqualified: number }[]) =>
    put<Campaign>(`/api/v1/life/appraisals/${id}/mass`, { counts }),
  closeCampaign: (id: number) => post<Campaign>(`/api/v1/life/appraisals/${id}/close`),
  determine: (
    id: number,
    grades: { memberId: number; grade: string | null }[],
    cases: { memberId: number; measure: string; months?: number }[],
  ) => post<Campaign>(`/api/v1/life/appraisals/${id}/determination`, { grades, cases }),
  cases: (status: string) =>
    api<
      {
        id: number;
        name: string;
        orgName: string;
        measureName: string;
        deadlineOn: string | null;
        status: string;
        followUps: { on: string; note: string }[];
        outcome: string | null;
      }[]
    >('/api/v1/life/unqualified-cases', { query: { status } }),
  followUp: (id: number, note: string) => post(`/api/v1/life/unqualified-cases/${id}/follow-ups`, { note }),
  closeCase: (id: number, outcome: string) => post(`/api/v1/life/unqualified-cases/${id}/close`, { outcome }),
  // Phone
  myMeetings: (when: 'upcoming' | 'past') => api<MyMeeting[]>('/api/v1/life/my/meetings', { query: { when } }),
  myMeeting: (id: number) => api<MyMeetingDetail>(`/api/v1/life/my/meetings/${id}`),
  askLeave: (id: number, reason: string) => post<{ status: string }>(`/api/v1/life/my/meetings/${id}/leave`, { reason }),
  signIn: (input: SignInInput) =>
    post<{ meetingId: number; topic: string; signedAt: string; method: string; replay: boolean }>('/api/v1/life/sign-in', input),
  myHours: () =>
    api<{
      year: number;
      hours: number;
      target: number;
      isLeader: boolean;
      met: boolean;
      meetings: { id: number; typeName: string; topic: string; startsAt: string; hours: number }[];
    }>('/api/v1/life/my/hours'),
  myAppraisals: () =>
    api<{ id: number; year: number; orgName: string; status: string; selfDone: boolean; voted: boolean; grade: string | null }[]>(
      '/api/v1/life/my/appraisals',
    ),
  myAppraisal: (id: number) =>
    api<{
      id: number;
      year: number;
      status: string;
      selfSummary: string | null;
      voted: boolean;
      grade: string | null;
      others: { memberId: number; name: string; category: string }[];
    }>(`/api/v1/life/my/appraisals/${id}`),
  submitSelf: (id: number, summary: string) => put(`/api/v1/life/my/appraisals/${id}/self`, { summary }),
  ballot: (id: number, ratings: { memberId: number; grade: string }[]) => post(`/api/v1/life/my/appraisals/${id}/ballot`, { ratings }),
};
