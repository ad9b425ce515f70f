import { PageQuerySchema } from '@vanguard/shared/api/auth';
import {
  CheckinSchema,
  EventCreateSchema,
  EventDetailSchema,
  EventListQuerySchema,
  EventPageSchema,
  EventParams,
  EventStatsSchema,
  ModerateSchema,
  PhotoCreateSchema,
  PhotoParams,
  RegistrationsSchema,
  SummarySchema,
} from '@vanguard/shared/api/events';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { registerEventFiles } from './events.files.js';
import { createEvent, eventStats, getEvent, getMyEvent, listEvents, myEvents, saveSummary } from './events.service.js';
import { addPhoto, cancelRegistration, checkin, moderatePhoto, register, registrations } from './registrations.service.js';

const manage = { access: { permission: 'events:manage' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const tags = ['events'];
const Detail = { 200: EventDetailSchema };

/** Routes of the events module (文体活动、技术交流会、创新工作坊、志愿服务…): publish, register with a waitlist, check in, photo wall. */
export async function eventsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerEventFiles();

  // ── Console ──
  r.get('/api/v1/events', {
    config: manage,
    schema: { tags, summary: '活动列表（本组织及下级发布的）', querystring: EventListQuerySchema, response: { 200: EventPageSchema } },
    handler: async (req) => listEvents(actorCtx(req), req.query),
  });
  r.post('/api/v1/events', {
    config: manage,
    schema: { tags, summary: '发布活动（范围、名额、报名时间、参加对象）', body: EventCreateSchema, response: Detail },
    handler: async (req) => createEvent(actorCtx(req), req.body),
  });
  r.get('/api/v1/events/:id', {
    config: manage,
    schema: { tags, summary: '活动详情（含签到码与全部照片）', params: EventParams, response: Detail },
    handler: async (req) => getEvent(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/events/:id/registrations', {
    config: manage,
    schema: { tags, summary: '报名名单（含候补与签到）', params: EventParams, response: { 200: RegistrationsSchema } },
    handler: async (req) => registrations(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/events/:id/stats', {
    config: manage,
    schema: { tags, summary: '各支部参加人数', params: EventParams, response: { 200: EventStatsSchema } },
    handler: async (req) => eventStats(actorCtx(req), req.params.id),
  });
  r.put('/api/v1/events/:id/summary', {
    config: manage,
    schema: { tags, summary: '活动总结', params: EventParams, body: SummarySchema, response: Detail },
    handler: async (req) => saveSummary(actorCtx(req), req.params.id, req.body.summary),
  });
  r.patch('/api/v1/events/:id/photos/:photoId', {
    config: manage,
    schema: { tags, summary: '审核照片墙的照片', params: PhotoParams, body: ModerateSchema, response: Detail },
    handler: async (req) => moderatePhoto(actorCtx(req), req.params.id, req.params.photoId, req.body.status),
  });

  // ── Phone ──
  r.get('/api/v1/my/events', {
    config: self,
    schema: { tags, summary: '可参加的活动与我的报名', querystring: PageQuerySchema, response: { 200: EventPageSchema } },
    handler: async (req) => myEvents(actorCtx(req), req.query),
  });
  r.get('/api/v1/my/events/:id', {
    config: self,
    schema: { tags, summary: '活动详情', params: EventParams, response: Detail },
    handler: async (req) => getMyEvent(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/my/events/:id/register', {
    config: self,
    schema: { tags, summary: '报名（名额已满进入候补）', params: EventParams, response: Detail },
    handler: async (req) => register(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/my/events/:id/cancel', {
    config: self,
    schema: { tags, summary: '取消报名（候补第一位自动递补）', params: EventParams, response: Detail },
    handler: async (req) => cancelRegistration(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/my/events/:id/checkin', {
    config: self,
    schema: { tags, summary: '签到（输入现场签到码）', params: EventParams, body: CheckinSchema, response: Detail },
    handler: async (req) => checkin(actorCtx(req), req.params.id, req.body.code),
  });
  r.post('/api/v1/my/events/:id/photos', {
    config: self,
    schema: { tags, summary: '上传照片到照片墙（待审核）', params: EventParams, body: PhotoCreateSchema, response: Detail },
    handler: async (req) => addPhoto(actorCtx(req), req.params.id, req.body.fileId),
  });
}
