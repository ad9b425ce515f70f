import { useQuery } from '@tanstack/react-query';
import type {
  CaseCreateSchema,
  CaseDetailSchema,
  CaseListSchema,
  CaseSummarySchema,
  CheckCreateSchema,
  MyCaseSchema,
  MyCourseSchema,
  MyThoughtReportSchema,
  PlanSchema,
  PlanUpsertSchema,
  StepCompleteSchema,
  UploadedFileSchema,
  VoteRecordSchema,
  VoterSchema,
  VoteSchema,
  WorkerSchema,
} from '@vanguard/shared/api/recruitment';
import type { z } from 'zod';
import { api, apiFile } from './client';
import type { Page } from './types';

/**
 * The web's client of the recruitment contract (@vanguard/shared/api/recruitment), used by the
 * console and the phone. Types are the JSON on the wire, `z.input` of the contract's schemas
 * (timestamps are ISO strings; request fields with a default are optional).
 */
export type CaseSummary = z.input<typeof CaseSummarySchema>;
export type NextStep = NonNullable<CaseSummary['next']>;
export type Periodic = CaseSummary['periodic'][number];
export type CaseDetail = z.input<typeof CaseDetailSchema>;
export type StepRecord = CaseDetail['steps'][number];
export type VoteRecord = z.input<typeof VoteRecordSchema>;
export type CaseList = z.input<typeof CaseListSchema>;
export type PlanRow = z.input<typeof PlanSchema>;
export type CaseCreateInput = z.input<typeof CaseCreateSchema>;
export type VoteInput = z.input<typeof VoteSchema>;
export type StepInput = z.input<typeof StepCompleteSchema>;
export type CheckInput = z.input<typeof CheckCreateSchema>;
export type MyCase = z.input<typeof MyCaseSchema>;
/** A query string's values (the server's schema checks and coerces them). */
type Query = Record<string, string | number | boolean | undefined | null>;

const base = '/api/v1/recruitment';
export const recruitmentApi = {
  cases: (q: Query) => api<CaseList>(`${base}/cases`, { query: { ...q } }),
  exportXlsx: (orgId: number, status?: string) => apiFile(`${base}/cases/export.xlsx`, { query: { orgId, status } }),
  approvals: (orgId: number) => api<Page<CaseSummary>>(`${base}/approvals`, { query: { orgId } }),
  get: (id: number) => api<CaseDetail>(`${base}/cases/${id}`),
  create: (body: CaseCreateInput) => api<CaseDetail>(`${base}/cases`, { method: 'POST', body }),
  step: (id: number, no: number, body: StepInput) => api<CaseDetail>(`${base}/cases/${id}/steps/${no}`, { method: 'POST', body }),
  check: (id: number, body: CheckInput) => api<CaseDetail>(`${base}/cases/${id}/checks`, { method: 'POST', body }),
  voters: (id: number) => api<Page<z.input<typeof VoterSchema>>>(`${base}/cases/${id}/voters`),
  workers: (orgId: number, q?: string) => api<Page<z.input<typeof WorkerSchema>>>(`${base}/workers`, { query: { orgId, q } }),
  plans: (orgId: number, year: number) => api<Page<PlanRow>>(`${base}/plans`, { query: { orgId, year } }),
  savePlan: (body: z.input<typeof PlanUpsertSchema>) => api<Page<PlanRow>>(`${base}/plans`, { method: 'PUT', body }),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<z.input<typeof UploadedFileSchema>>('/api/v1/files', { method: 'POST', form });
  },
  /** 我的入党进程 (phone). */
  myCase: () => api<MyCase | null>('/api/v1/me/recruitment'),
  myCourse: (id: number) => api<z.input<typeof MyCourseSchema>>(`/api/v1/me/recruitment/courses/${id}`),
  submitThoughtReport: (body: z.input<typeof MyThoughtReportSchema>) =>
    api<MyCase>('/api/v1/me/recruitment/thought-reports', { method: 'POST', body }),
};

export const RECRUITMENT_KEY = ['recruitment'] as const;
export const useCase = (id: number) =>
  useQuery({ queryKey: [...RECRUITMENT_KEY, 'case', id], queryFn: () => recruitmentApi.get(id), enabled: id > 0 });
