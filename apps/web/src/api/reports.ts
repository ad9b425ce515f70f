/** The web's client for the whistleblowing contract (@vanguard/shared/api/reports): the public pages and the handler's console. */

import type { ReportOutcome, ReportStatus } from '@vanguard/shared';
import type {
  FollowViewSchema,
  PublicChannelsSchema,
  ReportDetailSchema,
  ReportIntakeInput,
  ReportKeyStatusSchema,
  ReportPageSchema,
  ReportReceiptSchema,
  ReportStatsSchema,
} from '@vanguard/shared/api/reports';
import type { z } from 'zod';
import { api, apiFile } from './client';

export type PublicChannel = z.input<typeof PublicChannelsSchema>['items'][number];
export type FollowView = z.input<typeof FollowViewSchema>;
export type ReportRow = z.input<typeof ReportPageSchema>['items'][number];
export type ReportDetail = z.input<typeof ReportDetailSchema>;
export type ReportKeyStatus = z.input<typeof ReportKeyStatusSchema>;
export type ReportStats = z.input<typeof ReportStatsSchema>;
export type AttachmentIn = { name: string; base64: string };

/* The public calls carry no session on purpose: the server ignores one anyway (credentials are same-origin cookies). */
export const reportIntakeApi = {
  channels: () => api<z.input<typeof PublicChannelsSchema>>('/api/v1/reports/intake/channels', { noAuthRedirect: true }),
  submit: (body: ReportIntakeInput) =>
    api<z.input<typeof ReportReceiptSchema>>('/api/v1/reports/intake', { method: 'POST', body, noAuthRedirect: true }),
  follow: (receipt: string) =>
    api<FollowView>('/api/v1/reports/intake/follow', { method: 'POST', body: { receipt }, noAuthRedirect: true }),
  answer: (receipt: string, text: string) =>
    api<FollowView>('/api/v1/reports/intake/follow/messages', { method: 'POST', body: { receipt, text }, noAuthRedirect: true }),
  addFile: (receipt: string, file: AttachmentIn) =>
    api<FollowView>('/api/v1/reports/intake/follow/files', { method: 'POST', body: { receipt, file }, noAuthRedirect: true }),
};

export const reportsApi = {
  keyStatus: () => api<ReportKeyStatus>('/api/v1/reports/key'),
  setupKey: (password: string) => api<ReportKeyStatus>('/api/v1/reports/key', { method: 'POST', body: { password } }),
  unlock: (password: string) => api<ReportKeyStatus>('/api/v1/reports/key/unlock', { method: 'POST', body: { password } }),
  lock: () => api<null>('/api/v1/reports/key/unlock', { method: 'DELETE' }),
  list: (q: { page: number; pageSize: number; status?: ReportStatus; overdue?: 'true' }) =>
    api<z.input<typeof ReportPageSchema>>('/api/v1/reports', { query: q }),
  get: (id: number) => api<ReportDetail>(`/api/v1/reports/${id}`),
  stats: () => api<ReportStats>('/api/v1/reports/stats'),
  status: (id: number, body: { to: ReportStatus; outcome?: ReportOutcome; reason?: string }) =>
    api<{ id: number }>(`/api/v1/reports/${id}/status`, { method: 'POST', body }),
  message: (id: number, body: { kind: 'reply' | 'note'; text: string }) =>
    api<{ id: number }>(`/api/v1/reports/${id}/messages`, { method: 'POST', body }),
  handlers: (id: number, body: { add?: number[]; remove?: number[] }) =>
    api<{ id: number }>(`/api/v1/reports/${id}/handlers`, { method: 'POST', body }),
  flags: (id: number, body: { important?: boolean; label?: string | null; extendReason?: string }) =>
    api<{ id: number }>(`/api/v1/reports/${id}`, { method: 'PATCH', body }),
  reward: (id: number, amountFen: number) => api<{ id: number }>(`/api/v1/reports/${id}/reward`, { method: 'POST', body: { amountFen } }),
  rewardPaid: (id: number) => api<{ id: number }>(`/api/v1/reports/${id}/reward/paid`, { method: 'POST' }),
  file: (id: number, fileId: number) => apiFile(`/api/v1/reports/${id}/files/${fileId}`),
  ledger: () => apiFile('/api/v1/reports/rewards.xlsx'),
};

/** A File as base64 (the intake sends the report and its files in one request). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}
