import { ORG_CATEGORIES, ORG_KINDS, type OrgCategory, type OrgKind } from '@vanguard/shared';
import type { OrgNode, OrgUpdateInput } from '@vanguard/shared/api/orgs';
import { eq } from 'drizzle-orm';
import { orgs } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { listOrgsInScope, memberCountsInScope, type OrgRow } from './orgs.repository.js';
import { addOrgEvent } from './structure.repository.js';

/** The org subtrees the actor may read, with member counts summed up each subtree. */
export async function getOrgTree(ctx: ActorCtx): Promise<OrgNode[]> {
  const scope = scopeOf(ctx.actor, 'orgs:read');
  const [rows, counts] = await Promise.all([listOrgsInScope(ctx.db, scope), memberCountsInScope(ctx.db, scope)]);
  const nodes = new Map<number, OrgNode>();
  for (const o of rows) {
    nodes.set(o.id, {
      id: o.id,
      parentId: o.parentId,
      name: o.name,
      kind: o.kind,
      kindName: ORG_KINDS[o.kind as OrgKind] ?? o.kind,
      category: o.category,
      categoryName: ORG_CATEGORIES[o.category as OrgCategory] ?? o.category,
      memberCount: counts.get(o.id) ?? 0,
      children: [],
    });
  }
  const roots: OrgNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId == null ? undefined : nodes.get(n.parentId);
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  // Siblings in their set order, then by creation (the path text would put /1/21/ before /1/4/).
  const order = new Map(rows.map((o) => [o.id, o.sort]));
  const bySort = (a: OrgNode, b: OrgNode) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0) || a.id - b.id;
  for (const n of nodes.values()) n.children.sort(bySort);
  roots.sort(bySort);
  const sum = (n: OrgNode): number => {
    n.memberCount += n.children.reduce((acc, c) => acc + sum(c), 0);
    return n.memberCount;
  };
  roots.forEach(sum);
  return roots;
}

/** One org, if the actor may read it (404 otherwise). */
export async function getOrg(ctx: ActorCtx, id: number): Promise<OrgRow> {
  return orgFor(ctx, id, 'orgs:read');
}

/** Edits an org's descriptive fields (structure changes live in their own use cases); a real change is kept in its history. */
export async function updateOrg(ctx: ActorCtx, id: number, input: OrgUpdateInput): Promise<OrgRow> {
  return ctx.db.transaction(async (tx) => {
    const before = await orgFor(ctx, id, 'orgs:write', { db: tx, lock: true });
    const [after] = await tx
      .update(orgs)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(orgs.id, id))
      .returning();
    const changed = Object.keys(input).filter((k) => before[k as keyof OrgUpdateInput] !== after[k as keyof OrgUpdateInput]);
    if (changed.length) {
      const details = Object.fromEntries(
        changed.map((k) => [k, { from: before[k as keyof OrgUpdateInput], to: after[k as keyof OrgUpdateInput] }]),
      );
      // The org's docNo is its founding document; an edit carries none of its own.
      await addOrgEvent(tx, ctx, { orgId: id, kind: 'update', details });
    }
    await audit(tx, ctx, { action: 'org.update', entityType: 'org', entityId: id, orgId: id, before, after });
    return after;
  });
}
