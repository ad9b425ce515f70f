import { ORG_CATEGORIES, ORG_KINDS, type OrgCategory, type OrgKind } from '@vanguard/shared';
import { IdParams, OrgNodeSchema, OrgSchema, OrgUpdateSchema } from '@vanguard/shared/api/orgs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import type { OrgRow } from './orgs.repository.js';
import { getOrg, getOrgTree, updateOrg } from './orgs.service.js';

/** An org as the API shows it: with the names of its kind and category, as the tree has them. */
const orgDto = (o: OrgRow) => ({
  ...o,
  kindName: ORG_KINDS[o.kind as OrgKind] ?? o.kind,
  categoryName: ORG_CATEGORIES[o.category as OrgCategory] ?? o.category,
});

export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/orgs/tree', {
    config: { access: { permission: 'orgs:read' } },
    schema: { tags: ['orgs'], summary: '组织树（仅含可见范围）', response: { 200: z.array(OrgNodeSchema) } },
    handler: async (req) => getOrgTree(actorCtx(req)),
  });

  r.get('/api/v1/orgs/:id', {
    config: { access: { permission: 'orgs:read' } },
    schema: { tags: ['orgs'], summary: '组织详情', params: IdParams, response: { 200: OrgSchema } },
    handler: async (req) => orgDto(await getOrg(actorCtx(req), req.params.id)),
  });

  r.patch('/api/v1/orgs/:id', {
    config: { access: { permission: 'orgs:write' } },
    schema: {
      tags: ['orgs'],
      summary: '修改组织信息',
      params: IdParams,
      body: OrgUpdateSchema,
      response: { 200: OrgSchema },
    },
    handler: async (req) => orgDto(await updateOrg(actorCtx(req), req.params.id, req.body)),
  });
}
