/** The web's client for the 党纪处分 contract (@vanguard/shared/api/discipline). */
import type { CandidateListSchema, DisciplineCreateSchema, DisciplinePageSchema, DisciplineSchema } from '@vanguard/shared/api/discipline';
import type { z } from 'zod';
import { api } from './client';

export type DisciplineWire = z.input<typeof DisciplineSchema>;

export const disciplineApi = {
  list: (q: { orgId: number; page: number; pageSize: number }) =>
    api<z.input<typeof DisciplinePageSchema>>('/api/v1/discipline-records', { query: q }),
  get: (id: number) => api<DisciplineWire>(`/api/v1/discipline-records/${id}`),
  create: (body: z.input<typeof DisciplineCreateSchema>) => api<DisciplineWire>('/api/v1/discipline-records', { method: 'POST', body }),
  candidates: (orgId: number, q?: string) =>
    api<z.input<typeof CandidateListSchema>>('/api/v1/discipline-records/candidates', { query: { orgId, q } }),
};
