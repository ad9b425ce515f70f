/** The web's client for the notices contract (@vanguard/shared/api/notices), used by console and phone. */
import type {
  MyNoticeCountSchema,
  MyNoticeDetailSchema,
  MyNoticePageSchema,
  MyNoticeSchema,
  NoticeCreateSchema,
  NoticePageSchema,
  NoticeRecipientPageSchema,
  NoticeRemindResultSchema,
  NoticeSchema,
  NoticeStatsSchema,
  ReceivedPageSchema,
} from '@vanguard/shared/api/notices';
import type { FileSchema } from '@vanguard/shared/api/platform';
import type { z } from 'zod';
import { api } from './client';

export type NoticeDto = z.input<typeof NoticeSchema>;
export type NoticeListItem = z.input<typeof NoticePageSchema>['items'][number];
export type NoticeCreateBody = z.input<typeof NoticeCreateSchema>;
export type NoticeStats = z.input<typeof NoticeStatsSchema>;
export type NoticeRecipient = z.input<typeof NoticeRecipientPageSchema>['items'][number];
export type MyNotice = z.input<typeof MyNoticeSchema>;
export type MyNoticeDetail = z.input<typeof MyNoticeDetailSchema>;
export type ReceivedItem = z.input<typeof ReceivedPageSchema>['items'][number];
export type RecipientState = 'unread' | 'read' | 'unsigned' | 'signed';

const base = '/api/v1/notices';
export const noticesApi = {
  list: (page: number, pageSize: number) => api<z.input<typeof NoticePageSchema>>(base, { query: { page, pageSize } }),
  received: (orgId: number, page: number, pageSize: number) =>
    api<z.input<typeof ReceivedPageSchema>>(`${base}/received`, { query: { orgId, page, pageSize } }),
  get: (id: number) => api<NoticeDto>(`${base}/${id}`),
  publish: (body: NoticeCreateBody) => api<NoticeDto>(base, { method: 'POST', body }),
  stats: (id: number, orgId?: number) => api<NoticeStats>(`${base}/${id}/stats`, { query: { orgId } }),
  recipients: (id: number, q: { orgId?: number; state?: RecipientState; page: number; pageSize: number }) =>
    api<z.input<typeof NoticeRecipientPageSchema>>(`${base}/${id}/recipients`, { query: q }),
  remind: (id: number) => api<z.input<typeof NoticeRemindResultSchema>>(`${base}/${id}/remind`, { method: 'POST' }),
  withdraw: (id: number) => api<NoticeDto>(`${base}/${id}/withdraw`, { method: 'POST' }),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<z.input<typeof FileSchema>>('/api/v1/files', { method: 'POST', form });
  },
  /** The recipient's side. */
  mine: (page: number, pageSize = 20) => api<z.input<typeof MyNoticePageSchema>>('/api/v1/me/notices', { query: { page, pageSize } }),
  count: () => api<z.input<typeof MyNoticeCountSchema>>('/api/v1/me/notices/count'),
  myNotice: (id: number) => api<MyNoticeDetail>(`/api/v1/me/notices/${id}`),
  read: (id: number) => api<MyNotice>(`/api/v1/me/notices/${id}/read`, { method: 'POST' }),
  sign: (id: number) => api<MyNotice>(`/api/v1/me/notices/${id}/sign`, { method: 'POST' }),
};

export const NOTICES_KEY = ['notices'] as const;
export const MY_NOTICES_KEY = ['my-notices'] as const;
