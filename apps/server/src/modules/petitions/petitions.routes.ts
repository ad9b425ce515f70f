import { IdParams } from '@vanguard/shared';
import { PageQuerySchema } from '@vanguard/shared/api/auth';
import {
  CalendarPutSchema,
  CalendarQuery,
  CalendarSchema,
  DeedCreateSchema,
  DeedListQuery,
  DeedPageSchema,
  DeedSchema,
  OnTimeQuery,
  OnTimeSchema,
  PetitionCloseSchema,
  PetitionListQuery,
  PetitionMeetingSchema,
  PetitionPageSchema,
  PetitionRateSchema,
  PetitionReplySchema,
  PetitionSchema,
  PetitionSubmitSchema,
  PetitionTargetsSchema,
} from '@vanguard/shared/api/petitions';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerFileOwner } from '../../platform/files/owners.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createDeed, exportDeeds, listDeeds, listMyDeeds } from './deeds.service.js';
import { acceptPetition, closePetition, getPetition, petitionMeeting, replyPetition } from './petition-handle.service.js';
import { getMine, petitionTargets, ratePetition, submitPetition } from './petition-submit.service.js';
import { getCalendar, putCalendarDay } from './petitions.calendar.service.js';
import { petitionFileOwners } from './petitions.files.js';
import { listBoard, listMine, onTimeRates } from './petitions.queries.js';

const tags = ['petitions'];
const self = { access: { permission: 'self:portal' as const } };
const handle = { access: { permission: 'petitions:handle' as const } };

/** 职工诉求 (phone: submit, mine, rate; console: board, accept, reply, meeting, close), the calendar, 办实事. */
export async function petitionsRoutes(app: FastifyInstance) {
  registerFileOwner(petitionFileOwners);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/me/petition-targets', {
    config: self,
    schema: { tags, summary: '可提交的受理组织（本支部、本矿职能部门）', response: { 200: PetitionTargetsSchema } },
    handler: async (req) => petitionTargets(actorCtx(req)),
  });
  r.post('/api/v1/me/petitions', {
    config: self,
    schema: { tags, summary: '提诉求', body: PetitionSubmitSchema, response: { 200: PetitionSchema } },
    handler: async (req) => submitPetition(actorCtx(req), req.body),
  });
  r.get('/api/v1/me/petitions', {
    config: self,
    schema: { tags, summary: '我的诉求', querystring: PageQuerySchema, response: { 200: PetitionPageSchema } },
    handler: async (req) => listMine(actorCtx(req), req.query),
  });
  r.get('/api/v1/me/petitions/:id', {
    config: self,
    schema: { tags, summary: '我的诉求详情', params: IdParams, response: { 200: PetitionSchema } },
    handler: async (req) => getMine(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/me/petitions/:id/rating', {
    config: self,
    schema: {
      tags,
      summary: '评价答复（不满意可重新办理一次，转上一级）',
      params: IdParams,
      body: PetitionRateSchema,
      response: { 200: PetitionSchema },
    },
    handler: async (req) => ratePetition(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/me/deeds', {
    config: self,
    schema: { tags, summary: '我为群众办实事（本单位及上级）', querystring: DeedListQuery, response: { 200: DeedPageSchema } },
    handler: async (req) => listMyDeeds(actorCtx(req), req.query),
  });

  r.get('/api/v1/petitions', {
    config: handle,
    schema: { tags, summary: '诉求看板', querystring: PetitionListQuery, response: { 200: PetitionPageSchema } },
    handler: async (req) => listBoard(actorCtx(req), req.query),
  });
  r.get('/api/v1/petitions/on-time', {
    config: handle,
    schema: { tags, summary: '各支部按时答复率', querystring: OnTimeQuery, response: { 200: OnTimeSchema } },
    handler: async (req) => onTimeRates(actorCtx(req), req.query),
  });
  r.get('/api/v1/petitions/:id', {
    config: handle,
    schema: { tags, summary: '诉求详情', params: IdParams, response: { 200: PetitionSchema } },
    handler: async (req) => getPetition(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/petitions/:id/accept', {
    config: handle,
    schema: { tags, summary: '受理', params: IdParams, response: { 200: PetitionSchema } },
    handler: async (req) => acceptPetition(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/petitions/:id/reply', {
    config: handle,
    schema: { tags, summary: '答复', params: IdParams, body: PetitionReplySchema, response: { 200: PetitionSchema } },
    handler: async (req) => replyPetition(actorCtx(req), req.params.id, req.body.reply),
  });
  r.post('/api/v1/petitions/:id/meeting', {
    config: handle,
    schema: {
      tags,
      summary: '列入民情说事会议题 / 记录会议决定',
      params: IdParams,
      body: PetitionMeetingSchema,
      response: { 200: PetitionSchema },
    },
    handler: async (req) => petitionMeeting(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/petitions/:id/close', {
    config: handle,
    schema: { tags, summary: '办结（可列入办实事台账）', params: IdParams, body: PetitionCloseSchema, response: { 200: PetitionSchema } },
    handler: async (req) => closePetition(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/petition-calendars/:id', {
    config: handle,
    schema: {
      tags,
      summary: '工作日历（节假日、调休上班）',
      params: IdParams,
      querystring: CalendarQuery,
      response: { 200: CalendarSchema },
    },
    handler: async (req) => getCalendar(actorCtx(req), req.params.id, req.query.year),
  });
  r.put('/api/v1/petition-calendars/:id', {
    config: { access: { permission: 'orgs:write' } },
    schema: { tags, summary: '设置工作日历的一天', params: IdParams, body: CalendarPutSchema, response: { 200: CalendarSchema } },
    handler: async (req) => putCalendarDay(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/deeds', {
    config: handle,
    schema: { tags, summary: '我为群众办实事台账', querystring: DeedListQuery, response: { 200: DeedPageSchema } },
    handler: async (req) => listDeeds(actorCtx(req), req.query),
  });
  r.post('/api/v1/deeds', {
    config: handle,
    schema: { tags, summary: '登记办实事项目', body: DeedCreateSchema, response: { 200: DeedSchema } },
    handler: async (req) => createDeed(actorCtx(req), req.body),
  });
  r.get('/api/v1/deeds/export', {
    config: handle,
    schema: { tags, summary: '导出办实事台账', querystring: DeedListQuery, response: { 200: xlsxFile('我为群众办实事台账') } },
    handler: async (req, reply) => {
      const out = await exportDeeds(actorCtx(req), req.query);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
}
