import { ORG_CATEGORIES, ORG_KINDS, type OrgCategory, type OrgKind } from '@vanguard/shared';
import type { OrgDto } from '@vanguard/shared/api/orgs';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, orgs } from '../../db/schema/index.js';
import { inScope, type Scope } from '../../platform/access/scope.js';

export type OrgRow = typeof orgs.$inferSelect;

/** An org as the structure routes answer it (OrgDtoSchema). */
export const toOrgDto = (o: OrgRow): OrgDto => ({
  id: o.id,
  parentId: o.parentId,
  path: o.path,
  name: o.name,
  kind: o.kind,
  kindName: ORG_KINDS[o.kind as OrgKind] ?? o.kind,
  category: o.category,
  categoryName: ORG_CATEGORIES[o.category as OrgCategory] ?? o.category,
  unitName: o.unitName,
  foundedOn: o.foundedOn,
  docNo: o.docNo,
  dissolvedAt: o.dissolvedAt,
});

/** Live orgs inside the scope: what a tree node shows, unordered (the tree sorts siblings). */
export async function listOrgsInScope(db: DbOrTx, scope: Scope) {
  return db
    .select({ id: orgs.id, parentId: orgs.parentId, name: orgs.name, kind: orgs.kind, category: orgs.category, sort: orgs.sort })
    .from(orgs)
    .where(and(inScope(orgs.path, scope), isNull(orgs.dissolvedAt)));
}

/** Members in good standing per org (direct, not subtree). */
export async function memberCountsInScope(db: DbOrTx, scope: Scope): Promise<Map<number, number>> {
  const rows = await db
    .select({ orgId: members.orgId, n: sql<number>`count(*)::int` })
    .from(members)
    .where(and(inScope(members.orgPath, scope), eq(members.status, 'normal')))
    .groupBy(members.orgId);
  return new Map(rows.map((r) => [r.orgId, r.n]));
}

export async function findOrg(db: DbOrTx, id: number): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id));
  return row;
}
