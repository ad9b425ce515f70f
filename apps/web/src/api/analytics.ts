/** The web's client for the analytics and service-token contracts (@vanguard/shared/api/analytics, service-tokens). */
import type {
  CorrelationDto,
  DashboardDto,
  HistoryPageSchema,
  IndicatorImportDto,
  IndicatorListSchema,
  ValuesWriteInput,
  WriteResultSchema,
} from '@vanguard/shared/api/analytics';
import type {
  ServiceTokenCreatedSchema,
  ServiceTokenCreateInput,
  ServiceTokenDto,
  ServiceTokenPageSchema,
} from '@vanguard/shared/api/service-tokens';
import type { z } from 'zod';
import { api, apiFile } from './client';

export type AnalyticsPeriod = 'month' | 'quarter' | 'year';
export type IndicatorDto = z.input<typeof IndicatorListSchema>['items'][number];
export type HistoryRowDto = z.input<typeof HistoryPageSchema>['items'][number];
export type { CorrelationDto, DashboardDto, IndicatorImportDto, ServiceTokenDto };

export const analyticsApi = {
  indicators: () => api<z.input<typeof IndicatorListSchema>>('/api/v1/analytics/indicators'),
  dashboard: (q: { orgId: number; period: AnalyticsPeriod; at: string }) => api<DashboardDto>('/api/v1/analytics/dashboard', { query: q }),
  exportXlsx: (q: { orgId: number; period: AnalyticsPeriod; at: string; group: string }) =>
    apiFile('/api/v1/analytics/dashboard.xlsx', { query: q }),
  correlation: (q: { orgId: number; from: string; to: string; x: string; y: string }) =>
    api<CorrelationDto>('/api/v1/analytics/correlation', { query: q }),
  history: (q: { orgId: number; page: number; pageSize: number }) =>
    api<z.input<typeof HistoryPageSchema>>('/api/v1/analytics/history', { query: q }),
  putValues: (input: ValuesWriteInput) =>
    api<z.input<typeof WriteResultSchema>>('/api/v1/analytics/values', { method: 'PUT', body: input }),
  template: () => apiFile('/api/v1/analytics/import-template'),
  upload: (orgId: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api<IndicatorImportDto>('/api/v1/analytics/imports', { method: 'POST', form, query: { orgId } });
  },
  confirm: (id: number, replace: boolean) =>
    api<IndicatorImportDto>(`/api/v1/analytics/imports/${id}/confirm`, { method: 'POST', body: { replace } }),
  errorReport: (id: number) => apiFile(`/api/v1/analytics/imports/${id}/errors.xlsx`),
  refresh: (month: string) =>
    api<{ month: string; rows: number; ms: number }>('/api/v1/analytics/rollups/refresh', { method: 'POST', body: { month } }),
};

export const serviceTokensApi = {
  list: (page: number, pageSize: number) =>
    api<z.input<typeof ServiceTokenPageSchema>>('/api/v1/service-tokens', { query: { page, pageSize } }),
  create: (input: ServiceTokenCreateInput) =>
    api<z.input<typeof ServiceTokenCreatedSchema>>('/api/v1/service-tokens', { method: 'POST', body: input }),
  revoke: (id: number) => api<ServiceTokenDto>(`/api/v1/service-tokens/${id}/revoke`, { method: 'POST' }),
};
