import { pageOf } from '@vanguard/shared';
import {
  IdParams,
  PioneerPostCreateSchema,
  PioneerPostListQuery,
  PioneerPostParams,
  PioneerPostSchema,
  PioneerPostUpdateSchema,
} from '@vanguard/shared/api/orgs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { createPioneerPost, listPioneerPosts, updatePioneerPost } from './pioneer-posts.service.js';

/** 党员先锋岗 and 党员责任区 on the org page. */
export async function pioneerPostRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/orgs/:id/pioneer-posts', {
    config: { access: { permission: 'orgs:read' } },
    schema: {
      tags: ['orgs'],
      summary: '先锋岗与责任区（本组织及下级）',
      params: IdParams,
      querystring: PioneerPostListQuery,
      response: { 200: pageOf(PioneerPostSchema) },
    },
    handler: async (req) => listPioneerPosts(actorCtx(req), req.params.id, req.query),
  });
  r.post('/api/v1/orgs/:id/pioneer-posts', {
    config: { access: { permission: 'orgs:write' } },
    schema: {
      tags: ['orgs'],
      summary: '设立先锋岗或责任区',
      params: IdParams,
      body: PioneerPostCreateSchema,
      response: { 200: PioneerPostSchema },
    },
    handler: async (req) => createPioneerPost(actorCtx(req), req.params.id, req.body),
  });
  r.patch('/api/v1/orgs/:id/pioneer-posts/:postId', {
    config: { access: { permission: 'orgs:write' } },
    schema: {
      tags: ['orgs'],
      summary: '结束或修改先锋岗、责任区',
      params: PioneerPostParams,
      body: PioneerPostUpdateSchema,
      response: { 200: PioneerPostSchema },
    },
    handler: async (req) => updatePioneerPost(actorCtx(req), req.params.id, req.params.postId, req.body),
  });
}
