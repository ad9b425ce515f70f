import {
  ServiceTokenCreatedSchema,
  ServiceTokenCreateSchema,
  ServiceTokenIdParams,
  ServiceTokenPageSchema,
  ServiceTokenQuerySchema,
  ServiceTokenSchema,
} from '@vanguard/shared/api/service-tokens';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../http/access.js';
import { createToken, listTokens, revokeToken } from './tokens.js';

const manage = { access: { permission: 'tokens:manage' } } as const;
const tags = ['service-tokens'];

/** Service tokens for integrations (issue 23 item 1): issue, list, revoke. */
export async function serviceTokenRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/service-tokens', {
    config: manage,
    schema: {
      tags,
      summary: '接口令牌列表（本组织及下级）',
      querystring: ServiceTokenQuerySchema,
      response: { 200: ServiceTokenPageSchema },
    },
    handler: async (req) => listTokens(actorCtx(req), req.query),
  });
  r.post('/api/v1/service-tokens', {
    config: manage,
    schema: {
      tags,
      summary: '签发接口令牌（一个权限、一个组织及其下级；令牌只显示这一次）',
      body: ServiceTokenCreateSchema,
      response: { 201: ServiceTokenCreatedSchema },
    },
    handler: async (req, reply) => reply.code(201).send(await createToken(actorCtx(req), req.body)),
  });
  r.post('/api/v1/service-tokens/:id/revoke', {
    config: manage,
    schema: { tags, summary: '吊销接口令牌（此后使用即 401）', params: ServiceTokenIdParams, response: { 200: ServiceTokenSchema } },
    handler: async (req) => revokeToken(actorCtx(req), req.params.id),
  });
}
