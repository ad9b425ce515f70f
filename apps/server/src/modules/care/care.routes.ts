import { IdParams } from '@vanguard/shared';
import { idParam } from '@vanguard/shared/api/fields';
import {
  CareAssignResultSchema,
  CareAssignSchema,
  CareCoverageSchema,
  CareLoadsQuery,
  CareLoadsSchema,
  CareWorkerPageSchema,
  CareWorkerQuery,
  ContactCreateSchema,
  ContactSchema,
  MyContactMemberSchema,
  MyWorkersSchema,
} from '@vanguard/shared/api/petitions';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import { addContact, coverage, myContactMember, myWorkers } from './care-contacts.service.js';
import { assignWorkers, endLink, listCareWorkers, memberLoads } from './care-links.service.js';

const tags = ['care'];
const self = { access: { permission: 'self:portal' as const } };
const manage = { access: { permission: 'care:manage' as const } };

/** 联系职工群众: links member ↔ workers (5–7), contact records, coverage; the phone's 我联系的职工 and 我的联系党员. */
export async function careRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/care/workers', {
    config: manage,
    schema: { tags, summary: '职工及其联系党员', querystring: CareWorkerQuery, response: { 200: CareWorkerPageSchema } },
    handler: async (req) => listCareWorkers(actorCtx(req), req.query),
  });
  r.get('/api/v1/care/loads', {
    config: manage,
    schema: { tags, summary: '党员联系职工人数（5–7 人）', querystring: CareLoadsQuery, response: { 200: CareLoadsSchema } },
    handler: async (req) => memberLoads(actorCtx(req), req.query.orgId),
  });
  r.post('/api/v1/care/links', {
    config: manage,
    schema: { tags, summary: '指定联系党员（批量）', body: CareAssignSchema, response: { 200: CareAssignResultSchema } },
    handler: async (req) => assignWorkers(actorCtx(req), req.body),
  });
  r.post('/api/v1/care/links/:id/end', {
    config: manage,
    schema: { tags, summary: '解除联系', params: IdParams, response: { 200: CareAssignResultSchema } },
    handler: async (req) => endLink(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/care/coverage', {
    config: manage,
    schema: {
      tags,
      summary: '联系覆盖率（按支部）',
      querystring: z.object({ orgId: idParam().optional() }),
      response: { 200: CareCoverageSchema },
    },
    handler: async (req) => coverage(actorCtx(req), req.query.orgId),
  });
  r.get('/api/v1/me/care/workers', {
    config: self,
    schema: { tags, summary: '我联系的职工', response: { 200: MyWorkersSchema } },
    handler: async (req) => myWorkers(actorCtx(req)),
  });
  r.post('/api/v1/me/care/contacts', {
    config: self,
    schema: { tags, summary: '登记联系记录', body: ContactCreateSchema, response: { 200: ContactSchema } },
    handler: async (req) => addContact(actorCtx(req), req.body),
  });
  r.get('/api/v1/me/care/contact-member', {
    config: self,
    schema: { tags, summary: '我的联系党员', response: { 200: MyContactMemberSchema } },
    handler: async (req) => myContactMember(actorCtx(req)),
  });
}
