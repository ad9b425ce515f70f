import {
  IdParams,
  OrgCreateSchema,
  OrgDissolveSchema,
  OrgDtoSchema,
  OrgEventSchema,
  OrgMergeSchema,
  OrgMoveSchema,
  OrgUpgradeSchema,
  RuleCheckSchema,
} from '@vanguard/shared/api/orgs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import { dissolveOrg, mergeOrg } from './dissolve.service.js';
import { checkOrgRules } from './formation.service.js';
import { pioneerPostRoutes } from './pioneer-posts.routes.js';
import { createOrg, listOrgHistory, moveOrg, upgradeOrg } from './structure.service.js';
import { termRoutes } from './terms.routes.js';

const write = { access: { permission: 'orgs:write' } } as const;
const read = { access: { permission: 'orgs:read' } } as const;

/** Org structure changes, formation rules, leadership terms, 先锋岗 (issue 3). */
export async function orgStructureRoutes(app: FastifyInstance) {
  await app.register(termRoutes);
  await app.register(pioneerPostRoutes);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/orgs', {
    config: write,
    schema: { tags: ['orgs'], summary: '新建党组织（在上级组织下）', body: OrgCreateSchema, response: { 200: OrgDtoSchema } },
    handler: async (req) => createOrg(actorCtx(req), req.body),
  });
  r.post('/api/v1/orgs/:id/move', {
    config: write,
    schema: {
      tags: ['orgs'],
      summary: '调整隶属关系（连同下级组织）',
      params: IdParams,
      body: OrgMoveSchema,
      response: { 200: OrgDtoSchema },
    },
    handler: async (req) => moveOrg(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/orgs/:id/upgrade', {
    config: write,
    schema: {
      tags: ['orgs'],
      summary: '升格（党支部 → 党总支 → 党委）',
      params: IdParams,
      body: OrgUpgradeSchema,
      response: { 200: OrgDtoSchema },
    },
    handler: async (req) => upgradeOrg(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/orgs/:id/merge', {
    config: write,
    schema: {
      tags: ['orgs'],
      summary: '合并：本组织并入另一组织（党员、单位、先锋岗随迁，本组织撤销）',
      params: IdParams,
      body: OrgMergeSchema,
      response: { 200: OrgDtoSchema },
    },
    handler: async (req) => mergeOrg(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/orgs/:id/dissolve', {
    config: write,
    schema: { tags: ['orgs'], summary: '撤销党组织', params: IdParams, body: OrgDissolveSchema, response: { 200: OrgDtoSchema } },
    handler: async (req) => dissolveOrg(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/orgs/:id/history', {
    config: read,
    schema: {
      tags: ['orgs'],
      summary: '组织沿革（成立、调整、升格、合并、撤销、换届）',
      params: IdParams,
      response: { 200: z.array(OrgEventSchema) },
    },
    handler: async (req) => listOrgHistory(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/orgs/:id/rule-check', {
    config: read,
    schema: { tags: ['orgs'], summary: '组织设置规则检查（本组织及下级）', params: IdParams, response: { 200: RuleCheckSchema } },
    handler: async (req) => checkOrgRules(actorCtx(req), req.params.id),
  });
}
