import {
  MyNoticeCountSchema,
  MyNoticeDetailSchema,
  MyNoticePageSchema,
  MyNoticeQuerySchema,
  MyNoticeSchema,
  NoticeCreateSchema,
  NoticeListQuerySchema,
  NoticePageSchema,
  NoticeParams,
  NoticeRecipientPageSchema,
  NoticeRecipientQuerySchema,
  NoticeRemindResultSchema,
  NoticeSchema,
  NoticeStatsQuerySchema,
  NoticeStatsSchema,
  ReceivedPageSchema,
  ReceivedQuerySchema,
} from '@vanguard/shared/api/notices';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerFileOwner } from '../../platform/files/owners.js';
import { actorCtx } from '../../platform/http/access.js';
import { noticeFileOwners } from './notices.files.js';
import { myNotice, myNoticeCount, myNotices, readNotice, signNotice } from './notices-my.service.js';
import { publishNotice, remindNotice, withdrawNotice } from './notices-publish.service.js';
import { getNotice, listNotices, noticeRecipients, noticeStats } from './notices-read.service.js';
import { receivedNotices } from './notices-received.service.js';

const publish = { access: { permission: 'notices:publish' } } as const;
const signedIn = { access: {} } as const;
const tags = ['notices'];

/** 通知公告: publishing with read receipts and 签收 (console), and each person's notices (phone and console). */
export async function noticesRoutes(app: FastifyInstance): Promise<void> {
  registerFileOwner(noticeFileOwners);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/notices', {
    config: publish,
    schema: {
      tags,
      summary: '已发布的通知（本组织及下级发出的）',
      querystring: NoticeListQuerySchema,
      response: { 200: NoticePageSchema },
    },
    handler: async (req) => listNotices(actorCtx(req), req.query),
  });
  r.post('/api/v1/notices', {
    config: publish,
    schema: { tags, summary: '发布通知（受众一次性写入）', body: NoticeCreateSchema, response: { 201: NoticeSchema } },
    handler: async (req, reply) => reply.status(201).send(await publishNotice(actorCtx(req), req.body)),
  });
  r.get('/api/v1/notices/received', {
    config: publish,
    schema: { tags, summary: '本组织收到的通知及本组织的阅读数', querystring: ReceivedQuerySchema, response: { 200: ReceivedPageSchema } },
    handler: async (req) => receivedNotices(actorCtx(req), req.query),
  });
  r.get('/api/v1/notices/:id', {
    config: publish,
    schema: { tags, summary: '通知详情与阅读、签收数', params: NoticeParams, response: { 200: NoticeSchema } },
    handler: async (req) => getNotice(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/notices/:id/stats', {
    config: publish,
    schema: {
      tags,
      summary: '按下级组织统计已读、签收',
      params: NoticeParams,
      querystring: NoticeStatsQuerySchema,
      response: { 200: NoticeStatsSchema },
    },
    handler: async (req) => noticeStats(actorCtx(req), req.params.id, req.query),
  });
  r.get('/api/v1/notices/:id/recipients', {
    config: publish,
    schema: {
      tags,
      summary: '接收人名单（未读在前）',
      params: NoticeParams,
      querystring: NoticeRecipientQuerySchema,
      response: { 200: NoticeRecipientPageSchema },
    },
    handler: async (req) => noticeRecipients(actorCtx(req), req.params.id, req.query),
  });
  r.post('/api/v1/notices/:id/remind', {
    config: publish,
    schema: { tags, summary: '提醒未读人员（每天最多一次）', params: NoticeParams, response: { 200: NoticeRemindResultSchema } },
    handler: async (req) => remindNotice(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/notices/:id/withdraw', {
    config: publish,
    schema: { tags, summary: '撤回通知', params: NoticeParams, response: { 200: NoticeSchema } },
    handler: async (req) => withdrawNotice(actorCtx(req), req.params.id),
  });

  // ── The recipient ──
  r.get('/api/v1/me/notices', {
    config: signedIn,
    schema: { tags, summary: '我的通知（未读在前）', querystring: MyNoticeQuerySchema, response: { 200: MyNoticePageSchema } },
    handler: async (req) => myNotices(actorCtx(req), req.query),
  });
  r.get('/api/v1/me/notices/count', {
    config: signedIn,
    schema: { tags, summary: '我的未读、待签收数', response: { 200: MyNoticeCountSchema } },
    handler: async (req) => myNoticeCount(actorCtx(req)),
  });
  r.get('/api/v1/me/notices/:id', {
    config: signedIn,
    schema: { tags, summary: '我收到的通知', params: NoticeParams, response: { 200: MyNoticeDetailSchema } },
    handler: async (req) => myNotice(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/me/notices/:id/read', {
    config: signedIn,
    schema: { tags, summary: '标记已读（打开即已读）', params: NoticeParams, response: { 200: MyNoticeSchema } },
    handler: async (req) => readNotice(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/me/notices/:id/sign', {
    config: signedIn,
    schema: { tags, summary: '签收（重复签收不变）', params: NoticeParams, response: { 200: MyNoticeSchema } },
    handler: async (req) => signNotice(actorCtx(req), req.params.id),
  });
}
