import { CalendarEventsSchema, CalendarQuerySchema, FeedCreatedSchema, FeedParams, FeedStatusSchema } from '@vanguard/shared/api/calendar';
import { fileResponse, NoContent } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { createFeed, feedIcs, feedStatus, myEvents, revokeFeed } from './calendar.service.js';

const self = { access: {} } as const;
const tags = ['calendar'];

/** 我的日程: the month view's entries, and the secret iCalendar feed a phone calendar subscribes to. */
export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/calendar/events', {
    config: self,
    schema: { tags, summary: '我的日程（会议、截止、考试）', querystring: CalendarQuerySchema, response: { 200: CalendarEventsSchema } },
    handler: async (req) => myEvents(actorCtx(req), req.query),
  });
  r.get('/api/v1/calendar/feed', {
    config: self,
    schema: { tags, summary: '日历订阅状态', response: { 200: FeedStatusSchema } },
    handler: async (req) => feedStatus(actorCtx(req)),
  });
  r.post('/api/v1/calendar/feed', {
    config: self,
    schema: { tags, summary: '生成日历订阅链接（旧链接随即失效）', response: { 200: FeedCreatedSchema } },
    handler: async (req) => createFeed(actorCtx(req), `${req.protocol}://${req.host}`),
  });
  r.delete('/api/v1/calendar/feed', {
    config: self,
    schema: { tags, summary: '停用日历订阅链接', response: NoContent },
    handler: async (req, reply) => {
      await revokeFeed(actorCtx(req));
      return reply.status(204).send(null);
    },
  });
  // Public by design: phone calendars fetch it without a session; the unguessable token is the key.
  r.get('/api/v1/calendar/ics/:token', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '个人日历订阅（iCalendar）',
      params: FeedParams,
      response: { 200: fileResponse('text/calendar', '个人日历（RFC 5545）') },
    },
    handler: async (req, reply) => {
      const ics = await feedIcs(req.ctx.db, req.params.token, req.ctx.now());
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', 'inline; filename="vanguard.ics"')
        .send(Buffer.from(ics, 'utf8'));
    },
  });
}
