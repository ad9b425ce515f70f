import { IdParams, pageOf } from '@vanguard/shared';
import {
  ContactFactResultSchema,
  ContactFactSchema,
  LostCaseOpenSchema,
  LostCaseSchema,
  LostListQuery,
  LostListSchema,
  LostStepSchema,
  MobileCreateSchema,
  MobileListQuery,
  MobileReturnSchema,
  MobileSchema,
} from '@vanguard/shared/api/relations';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { addContactFact, addLostStep, getLostCase, listLost, openLostCase } from './lost.service.js';
import { listMobiles, registerMobile, returnMobile } from './mobiles.service.js';

const tags = ['relations'];

/** 流动党员 (registration by duration, returns) and 失联党员 (the list, last-contact facts, dated handling steps). */
export async function careRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/relation-mobiles', {
    config: { access: { permission: 'members:read' } },
    schema: { tags, summary: '流动党员（流出 / 流入）', querystring: MobileListQuery, response: { 200: pageOf(MobileSchema) } },
    handler: async (req) => listMobiles(actorCtx(req), req.query),
  });
  r.post('/api/v1/relation-mobiles', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '登记流动党员外出或流入', body: MobileCreateSchema, response: { 200: MobileSchema } },
    handler: async (req) => registerMobile(actorCtx(req), req.body),
  });
  r.post('/api/v1/relation-mobiles/:id/return', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '登记返回', params: IdParams, body: MobileReturnSchema, response: { 200: MobileSchema } },
    handler: async (req) => returnMobile(actorCtx(req), req.params.id, req.body.returnedOn),
  });
  r.get('/api/v1/relation-lost', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags,
      summary: '失联党员（满 6 个月未参加组织生活且未交纳党费）',
      querystring: LostListQuery,
      response: { 200: LostListSchema },
    },
    handler: async (req) => listLost(actorCtx(req), req.query),
  });
  r.post('/api/v1/relation-contacts', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags,
      summary: '登记最后一次参加组织生活或交纳党费的日期',
      body: ContactFactSchema,
      response: { 200: ContactFactResultSchema },
    },
    handler: async (req) => addContactFact(actorCtx(req), req.body),
  });
  r.post('/api/v1/relation-lost-cases', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '认定失联，开始处置', body: LostCaseOpenSchema, response: { 200: LostCaseSchema } },
    handler: async (req) => openLostCase(actorCtx(req), req.body),
  });
  r.get('/api/v1/relation-lost-cases/:id', {
    config: { access: { permission: 'members:read' } },
    schema: { tags, summary: '失联处置及其步骤', params: IdParams, response: { 200: LostCaseSchema } },
    handler: async (req) => getLostCase(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/relation-lost-cases/:id/steps', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '登记处置步骤（注明日期）', params: IdParams, body: LostStepSchema, response: { 200: LostCaseSchema } },
    handler: async (req) => addLostStep(actorCtx(req), req.params.id, req.body),
  });
}
