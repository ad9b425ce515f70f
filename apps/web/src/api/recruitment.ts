import { useQuery } from '@tanstack/react-query';
import { api, apiFile } from '../../api/client';
import type { Page } from '../../api/types';

export interface NextStep {
  no: number;
  name: string;
  actor: 'branch' | 'committee';
  opensOn: string | null;
  dueOn: string | null;
  state: 'ok' | 'blocked' | 'warning' | 'overdue';
  message: string | null;
}

export interface Periodic {
  kind: 'review' | 'thought_report';
  dueOn: string;
  state: 'ok' | 'due' | 'late';
}

export interface CaseSummary {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  sex: string;
  stage: number;
  stageName: string;
  lastStep: number;
  status: 'active' | 'completed' | 'cancelled' | 'stopped';
  appliedOn: string;
  activistOn: string | null;
  targetOn: string | null;
  admittedOn: string | null;
  probationEndsOn: string | null;
  fullOn: string | null;
  memberId: number | null;
  next: NextStep | null;
  periodic: Periodic[];
}

export interface StepRecord {
  id: number;
  stepNo: number;
  round: number;
  name: string;
  doneOn: string;
  actors: string | null;
  people: { memberId: number; name: string; role: string }[];
  form: Record<string, unknown>;
  files: { id: string; name: string }[];
  note: string | null;
  late: boolean;
  confirmedBy: string;
  confirmedAt: string;
}

export interface VoteRecord {
  id: number;
  stepNo: number;
  round: number;
  meetingOn: string;
  fullMembers: number;
  excluded: number;
  entitled: number;
  present: number;
  forCount: number;
  againstCount: number;
  abstainCount: number;
  absentOpinionsFor: number;
  passed: boolean;
}

export interface CaseDetail extends CaseSummary {
  birthDate: string;
  age: number;
  education: string | null;
  post: string | null;
  workerId: number | null;
  round: number;
  extensionMonths: number | null;
  endedOn: string | null;
  endReason: string | null;
  rulesetVersion: string;
  rulesetSource: string;
  steps: StepRecord[];
  checks: { id: number; kind: string; doneOn: string; note: string | null }[];
  votes: VoteRecord[];
  lastVote: VoteRecord | null;
}

export interface CaseList extends Page<CaseSummary> {
  stageCounts: Record<string, number>;
}

export interface PlanRow {
  orgId: number;
  orgName: string;
  year: number;
  planned: { activists: number; targets: number; admissions: number; conversions: number } | null;
  actual: { activists: number; targets: number; admissions: number; conversions: number };
  note: string | null;
}

export interface CaseCreateInput {
  orgId: number;
  workerId?: number | null;
  name: string;
  sex: string;
  birthDate: string;
  idNumber?: string | null;
  education?: string | null;
  post?: string | null;
  appliedOn: string;
  note?: string | null;
  fileIds?: string[];
}

export interface VoteInput {
  absentees: { memberId: number; excludedReason?: string | null; approvedBy?: string | null; writtenOpinion?: string | null }[];
  forCount: number;
  againstCount: number;
  abstainCount: number;
  result: 'pass' | 'fail';
}

export interface StepInput {
  doneOn: string;
  actors?: string | null;
  note?: string | null;
  fileIds?: string[];
  people?: number[];
  lateReason?: string | null;
  form?: Record<string, unknown>;
  vote?: VoteInput;
}

const base = '/api/v1/recruitment';
export const recruitmentApi = {
  cases: (q: { orgId: number; stage?: number; status?: string; q?: string; page: number; pageSize: number }) =>
    api<CaseList>(`${base}/cases`, { query: { ...q } }),
  exportXlsx: (orgId: number, status?: string) => apiFile(`${base}/cases/export.xlsx`, { query: { orgId, status } }),
  approvals: (orgId: number) => api<Page<CaseSummary>>(`${base}/approvals`, { query: { orgId } }),
  get: (id: number) => api<CaseDetail>(`${base}/cases/${id}`),
  create: (body: CaseCreateInput) => api<CaseDetail>(`${base}/cases`, { method: 'POST', body }),
  step: (id: number, no: number, body: StepInput) => api<CaseDetail>(`${base}/cases/${id}/steps/${no}`, { method: 'POST', body }),
  check: (id: number, body: { kind: string; doneOn: string; note?: string | null; fileIds?: string[] }) =>
    api<CaseDetail>(`${base}/cases/${id}/checks`, { method: 'POST', body }),
  voters: (id: number) => api<Page<{ id: number; name: string; orgName: string }>>(`${base}/cases/${id}/voters`),
  workers: (orgId: number, q?: string) =>
    api<Page<{ id: number; name: string; sex: string; team: string | null; orgName: string }>>(`${base}/workers`, { query: { orgId, q } }),
  plans: (orgId: number, year: number) => api<Page<PlanRow>>(`${base}/plans`, { query: { orgId, year } }),
  savePlan: (body: {
    orgId: number;
    year: number;
    activists: number;
    targets: number;
    admissions: number;
    conversions: number;
    note?: string | null;
  }) => api<Page<PlanRow>>(`${base}/plans`, { method: 'PUT', body }),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<{ id: string; name: string }>('/api/v1/files', { method: 'POST', form });
  },
};

export const RECRUITMENT_KEY = ['recruitment'] as const;
export const useCase = (id: number) =>
  useQuery({ queryKey: [...RECRUITMENT_KEY, 'case', id], queryFn: () => recruitmentApi.get(id), enabled: id > 0 });
