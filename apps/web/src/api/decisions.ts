/** The web's client for the 三重一大 decisions contract (@vanguard/shared/api/decisions), console and phone. */
import type {
  MatterCreateSchema,
  MatterListQuery,
  MatterPageSchema,
  MatterSchema,
  MyPublicationPageSchema,
  MyPublicationSchema,
  StepRecordSchema,
  ThresholdDtoSchema,
} from '@vanguard/shared/api/decisions';
import type { z } from 'zod';
import { api } from './client';

export type MatterStatus = z.input<typeof MatterListQuery>['status'] & string;
export type MatterWire = z.input<typeof MatterSchema>;
export type MatterRowWire = z.input<typeof MatterPageSchema>['items'][number];
export type StepBody = z.input<typeof StepRecordSchema>;
export type MyPublicationWire = z.input<typeof MyPublicationSchema>;

export const decisionsApi = {
  list: (q: { orgId?: number; status?: MatterStatus; page: number; pageSize: number }) =>
    api<z.input<typeof MatterPageSchema>>('/api/v1/decisions', { query: { ...q } }),
  create: (body: z.input<typeof MatterCreateSchema>) => api<MatterWire>('/api/v1/decisions', { method: 'POST', body }),
  get: (id: number) => api<MatterWire>(`/api/v1/decisions/${id}`),
  record: (id: number, body: StepBody) => api<MatterWire>(`/api/v1/decisions/${id}/steps`, { method: 'POST', body }),
  threshold: () => api<z.input<typeof ThresholdDtoSchema>>('/api/v1/decisions/threshold'),
  myPublications: (page = 1) =>
    api<z.input<typeof MyPublicationPageSchema>>('/api/v1/me/decision-publications', { query: { page, pageSize: 50 } }),
  read: (id: number) => api<MyPublicationWire>(`/api/v1/me/decision-publications/${id}/read`, { method: 'POST' }),
};
