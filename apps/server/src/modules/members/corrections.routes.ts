import {
  CorrectionDecisionSchema,
  CorrectionListQuery,
  CorrectionRequestSchema,
  CorrectionReviewSchema,
  CorrectionSchema,
  IdParams,
  MemberSchema,
} from '@vanguard/shared/api/members';
import { NoContent } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import { decideCorrection, getMyRecord, listCorrections, listMyCorrections, requestCorrection } from './corrections.service.js';

/** 我的档案 and correction requests (member on the phone → secretary on the console). */
export async function correctionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/me/member', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags: ['members'], summary: '我的档案', response: { 200: MemberSchema } },
    handler: async (req) => getMyRecord(actorCtx(req)),
  });
  r.get('/api/v1/me/member/corrections', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags: ['members'], summary: '我的更正申请', response: { 200: z.array(CorrectionSchema) } },
    handler: async (req) => listMyCorrections(actorCtx(req)),
  });
  r.post('/api/v1/me/member/corrections', {
    config: { access: { permission: 'self:portal' } },
    schema: {
      tags: ['members'],
      summary: '申请更正我的档案',
      body: CorrectionRequestSchema,
      response: { 200: CorrectionSchema },
    },
    handler: async (req) => requestCorrection(actorCtx(req), req.body),
  });
  r.get('/api/v1/member-corrections', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '待审核的档案更正申请',
      querystring: CorrectionListQuery,
      response: { 200: z.array(CorrectionReviewSchema) },
    },
    handler: async (req) => listCorrections(actorCtx(req), req.query.status),
  });
  r.post('/api/v1/member-corrections/:id/decision', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '审核档案更正申请',
      params: IdParams,
      body: CorrectionDecisionSchema,
      response: NoContent,
    },
    handler: async (req, reply) => {
      await decideCorrection(actorCtx(req), req.params.id, req.body.decision, req.body.note);
      return reply.status(204).send(null);
    },
  });
}
