import type {
  ArrearsRowSchema,
  BaseDeclareSchema,
  BaseImportResultSchema,
  BaseRowSchema,
  BaseSchema,
  BranchMateSchema,
  CalculateResultSchema,
  CalculateSchema,
  CaseResolveSchema,
  CaseSchema,
  DuesSettingsSchema,
  DuesSettingsUpdateSchema,
  ExpenseCreateSchema,
  ExpenseSchema,
  GenerateResultSchema,
  LedgerRowSchema,
  LedgerSchema,
  MemberOpenBillsSchema,
  MyDuesSchema,
  MyProxySchema,
  PaymentCreateSchema,
  PaymentReportSchema,
  PaymentSchema,
  ProxyConsentSchema,
  PublicationSchema,
  RemittanceSchema,
  TotalsSchema,
  YearSummarySchema,
} from '@vanguard/shared/api/dues';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { zhCN } from '../i18n/zh-CN';
import { api, apiFile } from './client';
import type { Page } from './types';

/**
 * The web's client of the dues contract (@vanguard/shared/api/dues), used by the console and the phone.
 * Types are the JSON on the wire, `z.input` of the contract's schemas (timestamps are ISO strings;
 * request fields with a default are optional). Money is integer fen.
 */
export type DuesTotals = z.input<typeof TotalsSchema>;
export type LedgerRow = z.input<typeof LedgerRowSchema>;
export type Ledger = z.input<typeof LedgerSchema>;
export type BaseRow = z.input<typeof BaseRowSchema>;
export type Payment = z.input<typeof PaymentSchema>;
export type ArrearsRow = z.input<typeof ArrearsRowSchema>;
export type DuesCase = z.input<typeof CaseSchema>;
export type YearSummary = z.input<typeof YearSummarySchema>;
export type Publication = z.input<typeof PublicationSchema>;
export type Remittance = z.input<typeof RemittanceSchema>;
export type MyProxy = z.input<typeof MyProxySchema>;
export type MyDues = z.input<typeof MyDuesSchema>;
export type DuesSettings = z.input<typeof DuesSettingsSchema>;
export type CaseResolveInput = z.input<typeof CaseResolveSchema>;
type Q = Record<string, string | number | boolean | undefined | null>;

export const duesApi = {
  settings: () => api<DuesSettings>('/api/v1/dues/settings'),
  saveSettings: (body: z.input<typeof DuesSettingsUpdateSchema>) => api<DuesSettings>('/api/v1/dues/settings', { method: 'PUT', body }),
  ledger: (q: Q) => api<Ledger>('/api/v1/dues/ledger', { query: q }),
  ledgerXlsx: (orgId: number, month: string) => apiFile('/api/v1/dues/ledger.xlsx', { query: { orgId, month } }),
  generate: (orgId: number, month: string) =>
    api<z.input<typeof GenerateResultSchema>>('/api/v1/dues/bills/generate', { method: 'POST', body: { orgId, month } }),
  bases: (q: Q) => api<Page<BaseRow>>('/api/v1/dues/bases', { query: q }),
  declare: (body: z.input<typeof BaseDeclareSchema>) => api<z.input<typeof BaseSchema>>('/api/v1/dues/bases', { method: 'POST', body }),
  calculate: (body: z.input<typeof CalculateSchema>) =>
    api<z.input<typeof CalculateResultSchema>>('/api/v1/dues/calculate', { method: 'POST', body }),
  template: (orgId: number, year: number) => apiFile('/api/v1/dues/bases/template.xlsx', { query: { orgId, year } }),
  importBases: (orgId: number, year: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<z.input<typeof BaseImportResultSchema>>(`/api/v1/dues/bases/import?orgId=${orgId}&year=${year}`, { method: 'POST', form });
  },
  payments: (q: Q) => api<Page<Payment>>('/api/v1/dues/payments', { query: q }),
  payment: (id: number) => api<Payment>(`/api/v1/dues/payments/${id}`),
  openBills: (memberId: number) => api<z.input<typeof MemberOpenBillsSchema>>(`/api/v1/dues/members/${memberId}/open-bills`),
  record: (body: z.input<typeof PaymentCreateSchema>) => api<Payment>('/api/v1/dues/payments', { method: 'POST', body }),
  confirm: (id: number, receiptNo?: string) =>
    api<Payment>(`/api/v1/dues/payments/${id}/confirm`, { method: 'POST', body: receiptNo ? { receiptNo } : {} }),
  reject: (id: number, reason: string) => api<Payment>(`/api/v1/dues/payments/${id}/reject`, { method: 'POST', body: { reason } }),
  reverse: (id: number, reason: string) => api<Payment>(`/api/v1/dues/payments/${id}/reverse`, { method: 'POST', body: { reason } }),
  arrears: (q: Q) => api<Page<ArrearsRow>>('/api/v1/dues/arrears', { query: q }),
  cases: (orgId: number) => api<DuesCase[]>('/api/v1/dues/cases', { query: { orgId } }),
  resolveCase: (id: number, body: CaseResolveInput) => api<DuesCase>(`/api/v1/dues/cases/${id}/resolve`, { method: 'POST', body }),
  summary: (orgId: number, year: number) => api<YearSummary>('/api/v1/dues/summary', { query: { orgId, year } }),
  publication: (orgId: number, year: number) => api<Publication>('/api/v1/dues/publication', { query: { orgId, year } }),
  publicationXlsx: (orgId: number, year: number) => apiFile('/api/v1/dues/publication.xlsx', { query: { orgId, year } }),
  summaryXlsx: (orgId: number, year: number) => apiFile('/api/v1/dues/summary.xlsx', { query: { orgId, year } }),
  remittanceXlsx: (orgId: number, from: string, to: string) => apiFile('/api/v1/dues/remittance.xlsx', { query: { orgId, from, to } }),
  remittance: (orgId: number, from: string, to: string) => api<Remittance>('/api/v1/dues/remittance', { query: { orgId, from, to } }),
  addExpense: (body: z.input<typeof ExpenseCreateSchema>) =>
    api<z.input<typeof ExpenseSchema>>('/api/v1/dues/expenses', { method: 'POST', body }),
  me: () => api<MyDues>('/api/v1/dues/me'),
  report: (body: z.input<typeof PaymentReportSchema>) => api<Payment>('/api/v1/dues/me/payments', { method: 'POST', body }),
  myPayment: (id: number) => api<Payment>(`/api/v1/dues/me/payments/${id}`),
  branchMates: () => api<z.input<typeof BranchMateSchema>[]>('/api/v1/dues/me/branch-members'),
  giveProxy: (body: z.input<typeof ProxyConsentSchema>) => api<MyProxy>('/api/v1/dues/me/proxy', { method: 'PUT', body }),
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
