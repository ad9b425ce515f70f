import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import { decideCorrection, getMyRecord, listCorrections, listMyCorrections, requestCorrection } from './corrections.service.js';
import { MemberFieldsSchema, MemberSchema } from './members.schemas.js';

const f = MemberFieldsSchema.shape;
const ChangesSchema = z.strictObject({
  name: f.name.optional(),
  ethnicity: f.ethnicity.optional(),
  nativePlace: f.nativePlace,
  education: f.education,
  degree: f.degree,
  post: f.post,
  jobTitle: f.jobTitle,
  phone: f.phone,
  address: f.address,
  joinedWorkOn: f.joinedWorkOn,
});

const CorrectionSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  changes: z.record(z.string(), z.unknown()),
  reason: z.string(),
  status: z.string(),
  decisionNote: z.string().nullable(),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
});

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
      body: z.strictObject({ changes: ChangesSchema, reason: z.string().trim().min(2, '请说明更正理由').max(300) }),
      response: { 200: CorrectionSchema },
    },
    handler: async (req) => requestCorrection(actorCtx(req), req.body),
  });
  r.get('/api/v1/member-corrections', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '待审核的档案更正申请',
      querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
      response: {
        200: z.array(CorrectionSchema.extend({ memberName: z.string(), orgName: z.string(), current: z.record(z.string(), z.unknown()) })),
      },
    },
    handler: async (req) => listCorrections(actorCtx(req), req.query.status),
  });
  r.post('/api/v1/member-corrections/:id/decision', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '审核档案更正申请',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.strictObject({ decision: z.enum(['approve', 'reject']), note: z.string().trim().max(300).optional() }),
    },
    handler: async (req, reply) => {
      await decideCorrection(actorCtx(req), req.params.id, req.body.decision, req.body.note);
      return reply.status(204).send();
    },
  });
}
