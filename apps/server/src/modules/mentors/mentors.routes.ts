import {
  CandidateListSchema,
  CandidateQuerySchema,
  EvaluationCreateSchema,
  MeetingCreateSchema,
  MilestoneCreateSchema,
  MilestoneParams,
  MilestoneUpdateSchema,
  MyPairsSchema,
  PairCreateSchema,
  PairDetailSchema,
  PairEndSchema,
  PairListQuerySchema,
  PairPageSchema,
  PairParams,
} from '@vanguard/shared/api/mentors';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { createPair, endPair, getMyPair, getPair, myPairs } from './mentor-pairs.service.js';
import {
  addMeetingByOrg,
  addMilestone,
  addMyMeeting,
  evaluatePair,
  markMilestoneByOrg,
  markMyMilestone,
} from './mentor-progress.service.js';
import { pairsXlsx } from './mentors.export.js';
import { candidates, listPairs } from './mentors.service.js';

const manage = { access: { permission: 'learning:manage' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const tags = ['mentors'];

/** Routes of the mentors module: mentor–mentee pairs with plans, meetings and evaluations (导师制). */
export async function mentorsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ── Console ──
  r.get('/api/v1/mentor-pairs', {
    config: manage,
    schema: {
      tags,
      summary: '师徒结对列表（本组织及下级，含发展党员的培养联系人）',
      querystring: PairListQuerySchema,
      response: { 200: PairPageSchema },
    },
    handler: async (req) => listPairs(actorCtx(req), req.query),
  });
  r.get('/api/v1/mentor-pairs.xlsx', {
    config: manage,
    schema: {
      tags,
      summary: '导出导师带徒台账（Excel）',
      querystring: PairListQuerySchema.omit({ page: true, pageSize: true }),
      response: { 200: xlsxFile('导师带徒台账') },
    },
    handler: async (req, reply) => {
      const out = await pairsXlsx(actorCtx(req), req.query);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.get('/api/v1/mentor-pairs/candidates', {
    config: manage,
    schema: {
      tags,
      summary: '可选的导师、学员（本组织及下级的党员或职工）',
      querystring: CandidateQuerySchema,
      response: { 200: CandidateListSchema },
    },
    handler: async (req) => candidates(actorCtx(req), req.query),
  });
  r.post('/api/v1/mentor-pairs', {
    config: manage,
    schema: { tags, summary: '建立师徒结对（含培养计划与里程碑）', body: PairCreateSchema, response: { 200: PairDetailSchema } },
    handler: async (req) => createPair(actorCtx(req), req.body),
  });
  r.get('/api/v1/mentor-pairs/:id', {
    config: manage,
    schema: { tags, summary: '师徒结对详情', params: PairParams, response: { 200: PairDetailSchema } },
    handler: async (req) => getPair(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/mentor-pairs/:id/meetings', {
    config: manage,
    schema: { tags, summary: '登记谈心（党组织）', params: PairParams, body: MeetingCreateSchema, response: { 200: PairDetailSchema } },
    handler: async (req) => addMeetingByOrg(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/mentor-pairs/:id/milestones', {
    config: manage,
    schema: { tags, summary: '增加里程碑', params: PairParams, body: MilestoneCreateSchema, response: { 200: PairDetailSchema } },
    handler: async (req) => addMilestone(actorCtx(req), req.params.id, req.body),
  });
  r.patch('/api/v1/mentor-pairs/:id/milestones/:milestoneId', {
    config: manage,
    schema: {
      tags,
      summary: '标记里程碑完成与否',
      params: MilestoneParams,
      body: MilestoneUpdateSchema,
      response: { 200: PairDetailSchema },
    },
    handler: async (req) => markMilestoneByOrg(actorCtx(req), req.params.id, req.params.milestoneId, req.body.done),
  });
  r.post('/api/v1/mentor-pairs/:id/evaluations', {
    config: manage,
    schema: {
      tags,
      summary: '中期或结业评价（结业评价后结对结束）',
      params: PairParams,
      body: EvaluationCreateSchema,
      response: { 200: PairDetailSchema },
    },
    handler: async (req) => evaluatePair(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/mentor-pairs/:id/end', {
    config: manage,
    schema: { tags, summary: '提前终止结对', params: PairParams, body: PairEndSchema, response: { 200: PairDetailSchema } },
    handler: async (req) => endPair(actorCtx(req), req.params.id, req.body),
  });

  // ── Phone (either side of the pair) ──
  r.get('/api/v1/my/mentor-pairs', {
    config: self,
    schema: { tags, summary: '我的师徒结对（作为导师或学员）', response: { 200: MyPairsSchema } },
    handler: async (req) => myPairs(actorCtx(req)),
  });
  r.get('/api/v1/my/mentor-pairs/:id', {
    config: self,
    schema: { tags, summary: '我的师徒结对详情', params: PairParams, response: { 200: PairDetailSchema } },
    handler: async (req) => getMyPair(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/my/mentor-pairs/:id/meetings', {
    config: self,
    schema: { tags, summary: '登记谈心（导师或学员）', params: PairParams, body: MeetingCreateSchema, response: { 200: PairDetailSchema } },
    handler: async (req) => addMyMeeting(actorCtx(req), req.params.id, req.body),
  });
  r.patch('/api/v1/my/mentor-pairs/:id/milestones/:milestoneId', {
    config: self,
    schema: {
      tags,
      summary: '标记里程碑（导师或学员）',
      params: MilestoneParams,
      body: MilestoneUpdateSchema,
      response: { 200: PairDetailSchema },
    },
    handler: async (req) => markMyMilestone(actorCtx(req), req.params.id, req.params.milestoneId, req.body.done),
  });
}
