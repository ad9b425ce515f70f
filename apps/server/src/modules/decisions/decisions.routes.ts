import { PageQuerySchema } from '@vanguard/shared';
import {
  IdParams,
  MatterCreateSchema,
  MatterListQuery,
  MatterPageSchema,
  MatterSchema,
  MyPublicationPageSchema,
  MyPublicationSchema,
  StepRecordSchema,
  ThresholdDtoSchema,
  ThresholdSchema,
} from '@vanguard/shared/api/decisions';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { myPublications, readPublication } from './decision-publications.service.js';
import { recordStep } from './decision-steps.service.js';
import { createMatter, getMatter, getThreshold, listMatters, setThreshold } from './decisions.service.js';

const manage = { access: { permission: 'decisions:manage' } } as const;
const tags = ['decisions'];

/** 三重一大 matters (console) and 党务公开 as members read it (phone). */
export async function decisionsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/decisions', {
    config: manage,
    schema: { tags, summary: '三重一大事项', querystring: MatterListQuery, response: { 200: MatterPageSchema } },
    handler: async (req) => listMatters(actorCtx(req), req.query),
  });
  r.post('/api/v1/decisions', {
    config: manage,
    schema: { tags, summary: '登记三重一大事项', body: MatterCreateSchema, response: { 200: MatterSchema } },
    handler: async (req) => createMatter(actorCtx(req), req.body),
  });
  r.get('/api/v1/decisions/threshold', {
    config: manage,
    schema: { tags, summary: '大额度资金标准与规则来源', response: { 200: ThresholdDtoSchema } },
    handler: async (req) => getThreshold(actorCtx(req)),
  });
  r.put('/api/v1/decisions/threshold', {
    config: { access: { permission: 'system:config' } },
    schema: { tags, summary: '设置大额度资金标准（集团）', body: ThresholdSchema, response: { 200: ThresholdDtoSchema } },
    handler: async (req) => setThreshold(actorCtx(req), req.body),
  });
  r.get('/api/v1/decisions/:id', {
    config: manage,
    schema: { tags, summary: '三重一大事项详情', params: IdParams, response: { 200: MatterSchema } },
    handler: async (req) => getMatter(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/decisions/:id/steps', {
    config: manage,
    schema: { tags, summary: '记录决策程序的一步（按顺序）', params: IdParams, body: StepRecordSchema, response: { 200: MatterSchema } },
    handler: async (req) => recordStep(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/me/decision-publications', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags, summary: '我收到的党务公开', querystring: PageQuerySchema, response: { 200: MyPublicationPageSchema } },
    handler: async (req) => myPublications(actorCtx(req), req.query),
  });
  r.post('/api/v1/me/decision-publications/:id/read', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags, summary: '阅读党务公开（计入阅读统计）', params: IdParams, response: { 200: MyPublicationSchema } },
    handler: async (req) => readPublication(actorCtx(req), req.params.id),
  });
}
