import {
  IdParams,
  TermCreateSchema,
  TermPostAddSchema,
  TermPostEndQuery,
  TermPostParams,
  TermPostUpdateSchema,
  TermSchema,
  TermsSchema,
} from '@vanguard/shared/api/orgs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { addTermPost, endTermPost, listTerms, replaceTermPost, startTerm } from './terms.service.js';

const write = { access: { permission: 'orgs:write' } } as const;

/** Leadership teams (支委会、党委委员会) and their terms. */
export async function termRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/orgs/:id/terms', {
    config: { access: { permission: 'orgs:read' } },
    schema: { tags: ['orgs'], summary: '领导班子：本届与历届', params: IdParams, response: { 200: TermsSchema } },
    handler: async (req) => listTerms(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/orgs/:id/terms', {
    config: write,
    schema: {
      tags: ['orgs'],
      summary: '换届：登记新一届班子（上一届随之结束）',
      params: IdParams,
      body: TermCreateSchema,
      response: { 200: TermSchema },
    },
    handler: async (req) => startTerm(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/orgs/:id/terms/current/posts', {
    config: write,
    schema: { tags: ['orgs'], summary: '本届班子增补职务', params: IdParams, body: TermPostAddSchema, response: { 200: TermSchema } },
    handler: async (req) => addTermPost(actorCtx(req), req.params.id, req.body),
  });
  r.put('/api/v1/orgs/:id/terms/current/posts/:postId', {
    config: write,
    schema: {
      tags: ['orgs'],
      summary: '本届班子职务调整（换人或改职务）',
      params: TermPostParams,
      body: TermPostUpdateSchema,
      response: { 200: TermSchema },
    },
    handler: async (req) => replaceTermPost(actorCtx(req), req.params.id, req.params.postId, req.body),
  });
  r.delete('/api/v1/orgs/:id/terms/current/posts/:postId', {
    config: write,
    schema: {
      tags: ['orgs'],
      summary: '本届班子免去职务',
      params: TermPostParams,
      querystring: TermPostEndQuery,
      response: { 200: TermSchema },
    },
    handler: async (req) => endTermPost(actorCtx(req), req.params.id, req.params.postId, req.query.on),
  });
}
