import type { TFunction } from 'i18next';
import { api, apiFile } from '../../api/client';
import { zhCN } from '../../i18n/zh-CN';

/** Shapes of the dues API (apps/server/src/modules/dues/dues.schemas.ts). Money is integer fen. */
export interface DuesTotals {
  members: number;
  standardFen: number;
  dueFen: number;
  paidFen: number;
  owedFen: number;
  waivedFen: number;
  extraFen: number;
}
export interface LedgerRow {
  billId: number;
  memberId: number;
  memberName: string;
  orgName: string;
  month: string;
  standardFen: number;
  dueFen: number;
  paidFen: number;
  status: string;
  paidOn: string | null;
  paymentId: number | null;
  receiptNo: string | null;
}
export interface Ledger {
  orgId: number;
  orgName: string;
  month: string;
  totals: DuesTotals;
  items: LedgerRow[];
  total: number;
}
export interface BaseRow {
  memberId: number;
  memberName: string;
  memberCategory: string;
  orgId: number;
  orgName: string;
  baseId: number | null;
  category: string | null;
  baseFen: number | null;
  baseMasked: string | null;
  standardFen: number | null;
  monthlyFen: number | null;
  rateBp: number | null;
  hardshipKind: string | null;
  effectiveFrom: string | null;
  source: string | null;
  ruleVersion: string | null;
  basis: string | null;
  declaredThisYear: boolean;
}
export interface Payment {
  id: number;
  memberId: number;
  memberName: string;
  orgId: number;
  orgName: string;
  kind: string;
  method: string;
  status: string;
  months: string[];
  amountFen: number;
  duesFen: number;
  extraFen: number;
  paidOn: string;
  receiptNo: string | null;
  proofFileId: string | null;
  proxyMemberId: number | null;
  proxyMemberName: string | null;
  proxyConsent: string | null;
  approval: string | null;
  note: string | null;
  confirmedAt: string | null;
  confirmedByName: string | null;
  rejectedReason: string | null;
  reversesId: number | null;
  reversedById: number | null;
  reason: string | null;
  createdAt: string;
}
export interface ArrearsRow {
  memberId: number;
  memberName: string;
  orgId: number;
  orgName: string;
  monthsUnpaid: number;
  owedFen: number;
  sinceMonth: string;
  lastPaidMonth: string | null;
  stage: string | null;
}
export interface DuesCase {
  id: number;
  memberId: number;
  memberName: string;
  orgName: string;
  sinceMonth: string;
  monthsUnpaid: number;
  status: string;
  outcome: 'continued' | 'removed' | null;
  decidedOn: string | null;
  approval: string | null;
  resolution: string | null;
  createdAt: string;
}
export interface CaseResolveInput {
  outcome: 'continued' | 'removed';
  resolution: string;
  decidedOn?: string;
  approval?: string | null;
}
export interface YearSummary {
  orgId: number;
  orgName: string;
  year: number;
  months: (DuesTotals & { month: string })[];
  totals: DuesTotals;
  largeFen: number;
  expensesFen: number;
  expenses: { spentOn: string; purpose: string; amountFen: number; note: string | null }[];
  paidMembers: number;
  source: string;
}
export interface Remittance {
  orgName: string;
  everyMonths: number;
  rows: { orgId: number; orgName: string; duesFen: number; extraFen: number; largeFen: number; remitFen: number }[];
  totals: { duesFen: number; extraFen: number; largeFen: number; remitFen: number };
}
export interface MyProxy {
  given: { proxyMemberId: number; proxyName: string; untilMonth: string } | null;
  forMe: { memberId: number; memberName: string; untilMonth: string; openBills: { month: string; dueFen: number }[] }[];
}
export interface MyDues {
  memberId: number;
  memberName: string;
  orgName: string;
  today: string;
  standard: {
    category: string;
    categoryName: string;
    baseFen: number | null;
    standardFen: number;
    monthlyFen: number;
    rateBp: number | null;
    effectiveFrom: string;
    ruleVersion: string;
    basis: string;
    hardshipKind: string | null;
    source: string;
  } | null;
  bills: {
    id: number;
    month: string;
    standardFen: number;
    dueFen: number;
    paidFen: number;
    status: string;
    paidOn: string | null;
    paymentId: number | null;
  }[];
  arrears: { monthsUnpaid: number; owedFen: number; sinceMonth: string | null; lastPaidMonth: string | null };
  payments: Payment[];
  prepay: { month: string; dueFen: number }[];
  proxy: MyProxy;
}
type Page<T> = { items: T[]; total: number };
type Q = Record<string, string | number | boolean | undefined | null>;

export interface DuesSettings {
  rounding: 'fen' | 'jiao-up';
  remitEveryMonths: number;
  defaults: { rounding: 'fen' | 'jiao-up'; remitEveryMonths: number };
  roundings: Record<string, string>;
  canEdit: boolean;
}
export const duesApi = {
  settings: () => api<DuesSettings>('/api/v1/dues/settings'),
  saveSettings: (body: Pick<DuesSettings, 'rounding' | 'remitEveryMonths'>) =>
    api<DuesSettings>('/api/v1/dues/settings', { method: 'PUT', body }),
  ledger: (q: Q) => api<Ledger>('/api/v1/dues/ledger', { query: q }),
  ledgerXlsx: (orgId: number, month: string) => apiFile('/api/v1/dues/ledger.xlsx', { query: { orgId, month } }),
  generate: (orgId: number, month: string) =>
    api<{ created: number; existing: number; withoutBase: number; totalDueFen: number }>('/api/v1/dues/bills/generate', {
      method: 'POST',
      body: { orgId, month },
    }),
  bases: (q: Q) => api<Page<BaseRow>>('/api/v1/dues/bases', { query: q }),
  declare: (body: unknown) => api<{ monthlyFen: number; rebilled: number }>('/api/v1/dues/bases', { method: 'POST', body }),
  calculate: (body: unknown) =>
    api<{ monthlyFen: number; rate: number | null; basis: string; ruleVersion: string }>('/api/v1/dues/calculate', {
      method: 'POST',
      body,
    }),
  template: (orgId: number, year: number) => apiFile('/api/v1/dues/bases/template.xlsx', { query: { orgId, year } }),
  importBases: (orgId: number, year: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<{ imported: number; rebilled: number }>(`/api/v1/dues/bases/import?orgId=${orgId}&year=${year}`, { method: 'POST', form });
  },
  payments: (q: Q) => api<Page<Payment>>('/api/v1/dues/payments', { query: q }),
  payment: (id: number) => api<Payment>(`/api/v1/dues/payments/${id}`),
  record: (body: unknown) => api<Payment>('/api/v1/dues/payments', { method: 'POST', body }),
  confirm: (id: number, receiptNo?: string) =>
    api<Payment>(`/api/v1/dues/payments/${id}/confirm`, { method: 'POST', body: receiptNo ? { receiptNo } : {} }),
  reject: (id: number, reason: string) => api<Payment>(`/api/v1/dues/payments/${id}/reject`, { method: 'POST', body: { reason } }),
  reverse: (id: number, reason: string) => api<Payment>(`/api/v1/dues/payments/${id}/reverse`, { method: 'POST', body: { reason } }),
  arrears: (q: Q) => api<Page<ArrearsRow>>('/api/v1/dues/arrears', { query: q }),
  cases: (orgId: number) => api<DuesCase[]>('/api/v1/dues/cases', { query: { orgId } }),
  resolveCase: (id: number, body: CaseResolveInput) => api<DuesCase>(`/api/v1/dues/cases/${id}/resolve`, { method: 'POST', body }),
  summary: (orgId: number, year: number) => api<YearSummary>('/api/v1/dues/summary', { query: { orgId, year } }),
  publication: (orgId: number, year: number) => api<YearSummary>('/api/v1/dues/publication', { query: { orgId, year } }),
  publicationXlsx: (orgId: number, year: number) => apiFile('/api/v1/dues/publication.xlsx', { query: { orgId, year } }),
  summaryXlsx: (orgId: number, year: number) => apiFile('/api/v1/dues/summary.xlsx', { query: { orgId, year } }),
  remittanceXlsx: (orgId: number, from: string, to: string) => apiFile('/api/v1/dues/remittance.xlsx', { query: { orgId, from, to } }),
  remittance: (orgId: number, from: string, to: string) => api<Remittance>('/api/v1/dues/remittance', { query: { orgId, from, to } }),
  addExpense: (body: unknown) => api<unknown>('/api/v1/dues/expenses', { method: 'POST', body }),
  me: () => api<MyDues>('/api/v1/dues/me'),
  report: (body: unknown) => api<Payment>('/api/v1/dues/me/payments', { method: 'POST', body }),
  myPayment: (id: number) => api<Payment>(`/api/v1/dues/me/payments/${id}`),
  branchMates: () => api<{ id: number; name: string }[]>('/api/v1/dues/me/branch-members'),
  giveProxy: (body: { proxyMemberId: number; untilMonth: string }) => api<MyProxy>('/api/v1/dues/me/proxy', { method: 'PUT', body }),
  revokeProxy: () => api<MyProxy>('/api/v1/dues/me/proxy', { method: 'DELETE' }),
};

/** Fen as 元 with two decimals (no float arithmetic on the amount itself). */
export function yuan(fen: number | null | undefined): string {
  if (fen == null) return '—';
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / 100).toLocaleString('zh-CN')}.${String(a % 100).padStart(2, '0')}`;
}

/** 元 typed in a form (at most two decimals) → fen; undefined when not an amount. */
export function toFen(v: string | number | null | undefined): number | undefined {
  if (v == null || v === '') return undefined;
  const s = String(v).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const [i, d = ''] = s.split('.');
  return Number(i) * 100 + Number(d.padEnd(2, '0'));
}

export const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

type Group = 'status' | 'kind' | 'method' | 'category' | 'stage';
/** A code shown in the UI language; an unknown code (newer server) is shown as sent. */
export function codeText(t: TFunction, group: Group, code: string): string {
  const known = (zhCN.dues[group] as Record<string, string>)[code] !== undefined;
  return known ? t(`dues.${group}.${code}` as 'dues.title') : code;
}
