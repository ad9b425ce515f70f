import { IdParams, ORG_CATEGORIES, ORG_KINDS, type OrgCategory, type OrgKind } from '@vanguard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import type { OrgRow } from './orgs.repository.js';
import { getOrg, getOrgTree, type OrgNode, updateOrg } from './orgs.service.js';

const OrgNodeSchema: z.ZodType<OrgNode> = z.lazy(() =>
  z.object({
    id: z.number(),
    parentId: z.number().nullable(),
    name: z.string(),
    kind: z.string(),
    kindName: z.string(),
    category: z.string(),
    categoryName: z.string(),
    memberCount: z.number(),
    children: z.array(OrgNodeSchema),
  }),
);

const OrgSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  path: z.string(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  unitName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  docNo: z.string().nullable(),
});

/** An org as the API shows it: with the names of its kind and category, as the tree has them. */
const orgDto = (o: OrgRow) => ({
  ...o,
  kindName: ORG_KINDS[o.kind as OrgKind] ?? o.kind,
  categoryName: ORG_CATEGORIES[o.category as OrgCategory] ?? o.category,
});

const categories = Object.keys(ORG_CATEGORIES) as [keyof typeof ORG_CATEGORIES, ...(keyof typeof ORG_CATEGORIES)[]];

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
      body: z.strictObject({
        name: z.string().trim().min(2).max(80).optional(),
        category: z.enum(categories).optional(),
        unitName: z.string().trim().max(80).nullable().optional(),
        foundedOn: z.iso.date().nullable().optional(),
        docNo: z.string().trim().max(80).nullable().optional(),
      }),
      response: { 200: OrgSchema },
    },
    handler: async (req) => orgDto(await updateOrg(actorCtx(req), req.params.id, req.body)),
  });
}
