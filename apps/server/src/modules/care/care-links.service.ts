import { CONTACT_RULESET, contactLoadWarning } from '@vanguard/shared';
import type { CareAssignSchema, CareWorkerQuery } from '@vanguard/shared/api/petitions';
import { and, asc, count, eq, inArray, isNull, like, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { careLinks, members, orgs, workers } from '../../db/schema/index.js';
import { CARE_LINKS, MEMBERS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';

const lastContact = sql<string | null>`(SELECT max(c.on)::text FROM care_contacts c WHERE c.worker_id = ${workers.id})`;

/** Workers in the actor's care:manage scope with their contact member (the assignment picker, per team). */
export async function listCareWorkers(ctx: ActorCtx, q: z.infer<typeof CareWorkerQuery>) {
  const conds: SQL[] = [inScope(workers.orgPath, scopeOf(ctx.actor, 'care:manage'))];
  if (q.orgId) {
    const org = await orgFor(ctx, q.orgId, 'care:manage');
    conds.push(like(workers.orgPath, `${org.path}%`));
  }
  if (q.unlinked === '1') conds.push(isNull(careLinks.id));
  const where = and(...conds);
  const base = () =>
    ctx.db
      .select({
        workerId: workers.id,
        workerName: workers.name,
        team: workers.team,
        orgId: workers.orgId,
        orgName: orgs.name,
        linkId: careLinks.id,
        memberId: careLinks.memberId,
        memberName: members.name,
        lastContactOn: lastContact,
      })
      .from(workers)
      .innerJoin(orgs, eq(orgs.id, workers.orgId))
      .leftJoin(careLinks, and(eq(careLinks.workerId, workers.id), isNull(careLinks.endedAt)))
      .leftJoin(members, eq(members.id, careLinks.memberId));
  const [items, [{ total }]] = await Promise.all([
    base()
      .where(where)
      .orderBy(asc(workers.team), asc(workers.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ total: count() })
      .from(workers)
      .leftJoin(careLinks, and(eq(careLinks.workerId, workers.id), isNull(careLinks.endedAt)))
      .where(where),
  ]);
  return { items, total };
}

/** How many workers a member contacts now. */
export async function workersOfMember(db: DbOrTx, memberId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(careLinks)
    .where(and(eq(careLinks.memberId, memberId), isNull(careLinks.endedAt)));
  return n;
}

/** Members of an org's subtree with their number of workers and the 5–7 warning. */
export async function memberLoads(ctx: ActorCtx, orgId: number) {
  const org = await orgFor(ctx, orgId, 'care:manage');
  const rows = await ctx.db
    .select({
      memberId: members.id,
      memberName: members.name,
      workers: sql<number>`(SELECT count(*)::int FROM care_links l WHERE l.member_id = members.id AND l.ended_at IS NULL)`,
    })
    .from(members)
    .where(and(like(members.orgPath, `${org.path}%`), eq(members.status, 'normal')))
    .orderBy(asc(members.id))
    .limit(500);
  return {
    items: rows.map((r) => ({ ...r, warning: contactLoadWarning(r.workers) })),
    min: CONTACT_RULESET.minWorkers,
    max: CONTACT_RULESET.maxWorkers,
  };
}

/**
 * Links workers to a member (in bulk, from the picker). A worker has one contact member at a time: one
 * already linked is refused with their names, and nothing is written. The 5–7 rule warns, not refuses.
 */
export async function assignWorkers(ctx: ActorCtx, input: z.infer<typeof CareAssignSchema>) {
  const ids = [...new Set(input.workerIds)];
  return ctx.db.transaction(async (tx) => {
    const member = await loadFor(ctx, MEMBERS, input.memberId, 'care:manage', { db: tx, field: 'memberId' });
    const found = await tx
      .select({ id: workers.id, name: workers.name, orgId: workers.orgId, orgPath: workers.orgPath })
      .from(workers)
      .where(and(inArray(workers.id, ids), inScope(workers.orgPath, scopeOf(ctx.actor, 'care:manage'))))
      .for('update');
    if (found.length !== ids.length) throw notFound('该职工');
    const taken = await tx
      .select({ workerName: workers.name, memberName: members.name })
      .from(careLinks)
      .innerJoin(workers, eq(workers.id, careLinks.workerId))
      .innerJoin(members, eq(members.id, careLinks.memberId))
      .where(and(inArray(careLinks.workerId, ids), isNull(careLinks.endedAt)));
    if (taken.length) {
      throw conflict(
        `${taken.map((t) => `${t.workerName}已有联系党员${t.memberName}`).join('；')}；一名职工同一时间只有一名联系党员，请先解除`,
      );
    }
    const rows = await tx
      .insert(careLinks)
      .values(found.map((w) => ({ workerId: w.id, memberId: member.id, orgId: w.orgId, orgPath: w.orgPath, createdBy: ctx.actor.userId })))
      .returning({ id: careLinks.id });
    await audit(tx, ctx, {
      action: 'care.assign',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      after: { workerIds: ids },
    });
    const n = await workersOfMember(tx, member.id);
    return { linked: rows.length, memberWorkers: n, warning: contactLoadWarning(n) };
  });
}

/** Ends a link (the worker may then get another contact member). */
export async function endLink(ctx: ActorCtx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const link = await loadFor(ctx, CARE_LINKS, id, 'care:manage', { db: tx, lock: true, where: isNull(careLinks.endedAt) });
    await tx.update(careLinks).set({ endedAt: ctx.now(), updatedAt: ctx.now() }).where(eq(careLinks.id, link.id));
    await audit(tx, ctx, { action: 'care.unlink', entityType: 'care_link', entityId: link.id, orgId: link.orgId });
    const n = await workersOfMember(tx, link.memberId);
    return { linked: 0, memberWorkers: n, warning: contactLoadWarning(n) };
  });
}
