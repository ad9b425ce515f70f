import { pageOf } from '@vanguard/shared';
import {
  IdParams,
  MemberCreateSchema,
  MemberListQuerySchema,
  MemberSchema,
  MemberUpdateSchema,
  RevealQuery,
} from '@vanguard/shared/api/members';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerFileOwner } from '../../platform/files/owners.js';
import { actorCtx } from '../../platform/http/access.js';
import { correctionRoutes } from './corrections.routes.js';
import { memberPhotoOwners } from './members.files.js';
import { createMember, getMember, listMembers, updateMember } from './members.service.js';
import { portalRoutes } from './portal.routes.js';
import { memberRecordRoutes } from './records.routes.js';

export async function memberRoutes(app: FastifyInstance, opts: { uploadDir: string }) {
  registerFileOwner(memberPhotoOwners);
  await app.register(correctionRoutes);
  await app.register(portalRoutes);
  await app.register(memberRecordRoutes, opts);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/members', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags: ['members'],
      summary: '党员列表与检索（姓名、拼音、首字母、身份证号、手机号）',
      querystring: MemberListQuerySchema,
      response: { 200: pageOf(MemberSchema) },
    },
    handler: async (req) => listMembers(actorCtx(req), req.query),
  });
  r.get('/api/v1/members/:id', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags: ['members'],
      summary: '党员档案',
      params: IdParams,
      querystring: RevealQuery,
      response: { 200: MemberSchema },
    },
    handler: async (req) => getMember(actorCtx(req), req.params.id, req.query.reveal),
  });
  r.post('/api/v1/members', {
    config: { access: { permission: 'members:write' } },
    schema: { tags: ['members'], summary: '新增党员', body: MemberCreateSchema, response: { 200: MemberSchema } },
    handler: async (req) => createMember(actorCtx(req), req.body),
  });
  r.patch('/api/v1/members/:id', {
    config: { access: { permission: 'members:write' } },
    schema: { tags: ['members'], summary: '修改党员档案', params: IdParams, body: MemberUpdateSchema, response: { 200: MemberSchema } },
    handler: async (req) => updateMember(actorCtx(req), req.params.id, req.body),
  });
}
