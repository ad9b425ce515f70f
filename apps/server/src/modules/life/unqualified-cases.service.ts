import { chinaDay, UNQUALIFIED_MEASURES, type UnqualifiedMeasure } from '@vanguard/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { members, orgs, unqualifiedCases } from '../../db/schema/index.js';
import { UNQUALIFIED_CASES } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';

/** 不合格党员处置 cases in scope. */
export async function listCases(ctx: ActorCtx, status: 'open' | 'closed' | 'all') {
  const scope = scopeOf(ctx.actor, 'life:manage');
  const rows = await ctx.db
    .select({ c: unqualifiedCases, name: members.name, orgName: orgs.name })
    .from(unqualifiedCases)
    .innerJoin(members, eq(members.id, unqualifiedCases.memberId))
    .innerJoin(orgs, eq(orgs.id, unqualifiedCases.orgId))
    .where(and(inScope(unqualifiedCases.orgPath, scope), status === 'all' ? undefined : eq(unqualifiedCases.status, status)))
    .orderBy(asc(unqualifiedCases.deadlineOn), asc(unqualifiedCases.id))
    .limit(200);
  return rows.map((r) => ({
    ...r.c,
    name: r.name,
    orgName: r.orgName,
    measureName: UNQUALIFIED_MEASURES[r.c.measure as UnqualifiedMeasure],
  }));
}

async function openCase(tx: Tx, ctx: ActorCtx, id: number) {
  const k = await loadFor(ctx, UNQUALIFIED_CASES, id, 'life:manage', { db: tx, lock: true });
  if (k.status !== 'open') throw conflict('该处置事项已结案');
  return k;
}

/** A follow-up note on an open case (帮教记录). */
export async function addFollowUp(ctx: ActorCtx, id: number, note: string) {
  return ctx.db.transaction(async (tx) => {
    const k = await openCase(tx, ctx, id);
    const followUps = [...k.followUps, { on: chinaDay(ctx.now()), note, by: ctx.actor.userId }];
    const [row] = await tx.update(unqualifiedCases).set({ followUps, updatedAt: ctx.now() }).where(eq(unqualifiedCases.id, id)).returning();
    await audit(tx, ctx, {
      action: 'unqualified_case.follow_up',
      entityType: 'unqualified_case',
      entityId: id,
      orgId: k.orgId,
      after: { note },
    });
    return row;
  });
}

/** Closes a case with its outcome. */
export async function closeCase(ctx: ActorCtx, id: number, outcome: string) {
  return ctx.db.transaction(async (tx) => {
    const k = await openCase(tx, ctx, id);
    const [row] = await tx
      .update(unqualifiedCases)
      .set({ status: 'closed', outcome, closedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(unqualifiedCases.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'unqualified_case.close',
      entityType: 'unqualified_case',
      entityId: id,
      orgId: k.orgId,
      after: { outcome },
    });
    return row;
  });
}
