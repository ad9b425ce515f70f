import { CONTACT_KINDS, type ContactKind, chinaDay, contactLoadWarning } from '@vanguard/shared';
import type { ContactCreateSchema } from '@vanguard/shared/api/petitions';
import { and, asc, eq, isNull, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { careContacts, careLinks, members, orgs, workers } from '../../db/schema/index.js';
import { myMember, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid, notFound } from '../../platform/errors.js';
import { mayContact, quarterOf } from './care.policy.js';

/** 我联系的职工: the member's linked workers with their last contact and this quarter's count. */
export async function myWorkers(ctx: ActorCtx) {
  const me = await myMember(ctx);
  const q = quarterOf(chinaDay(ctx.now()));
  const items = await ctx.db
    .select({
      workerId: workers.id,
      workerName: workers.name,
      team: workers.team,
      lastContactOn: sql<
        string | null
      >`(SELECT max(c.on)::text FROM care_contacts c WHERE c.worker_id = ${workers.id} AND c.member_id = ${me.id})`,
      contactsThisQuarter: sql<number>`(SELECT count(*)::int FROM care_contacts c WHERE c.worker_id = ${workers.id} AND c.member_id = ${me.id} AND c.on >= ${q.from}::date)`,
    })
    .from(careLinks)
    .innerJoin(workers, eq(workers.id, careLinks.workerId))
    .where(and(eq(careLinks.memberId, me.id), isNull(careLinks.endedAt)))
    .orderBy(asc(workers.name));
  return { items, warning: contactLoadWarning(items.length) };
}

/** 登记联系: a worker of the member's own branch; one outside it is refused on the field, nothing written. */
export async function addContact(ctx: ActorCtx, input: z.infer<typeof ContactCreateSchema>) {
  const today = chinaDay(ctx.now());
  const on = input.on ?? today;
  if (on > today) throw invalid('on', '联系日期不能晚于今天');
  return ctx.db.transaction(async (tx) => {
    const me = await myMember(ctx, { db: tx });
    const [w] = await tx.select().from(workers).where(eq(workers.id, input.workerId));
    if (!w) throw notFound('该职工');
    if (!mayContact(me.orgPath, w.orgPath)) throw invalid('workerId', '该职工不在您所在支部，不能登记联系记录');
    const [c] = await tx
      .insert(careContacts)
      .values({
        workerId: w.id,
        memberId: me.id,
        orgId: w.orgId,
        orgPath: w.orgPath,
        kind: input.kind,
        on,
        content: input.content,
        followUp: input.followUp || null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'care.contact',
      entityType: 'care_contact',
      entityId: c.id,
      orgId: w.orgId,
      after: { workerId: w.id, kind: c.kind, on },
    });
    return { ...c, workerName: w.name, memberName: me.name, kindName: CONTACT_KINDS[c.kind as ContactKind] };
  });
}

/** 我的联系党员 (a worker's phone). */
export async function myContactMember(ctx: ActorCtx) {
  const [row] = await ctx.db
    .select({ memberName: members.name, orgName: orgs.name })
    .from(workers)
    .innerJoin(careLinks, and(eq(careLinks.workerId, workers.id), isNull(careLinks.endedAt)))
    .innerJoin(members, eq(members.id, careLinks.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(workers.userId, ctx.actor.userId))
    .limit(1);
  return { member: row ?? null };
}

/** Coverage per org under `orgId` (or the actor's care:manage scope): workers with a contact member, contacts this quarter. */
export async function coverage(ctx: ActorCtx, orgId?: number) {
  const q = quarterOf(chinaDay(ctx.now()));
  const where = orgId
    ? like(workers.orgPath, `${(await orgFor(ctx, orgId, 'care:manage')).path}%`)
    : inScope(workers.orgPath, scopeOf(ctx.actor, 'care:manage'));
  const rows = await ctx.db
    .select({
      orgId: workers.orgId,
      orgName: orgs.name,
      workers: sql<number>`count(*)::int`,
      linked: sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM care_links l WHERE l.worker_id = ${workers.id} AND l.ended_at IS NULL))::int`,
      contactsThisQuarter: sql<number>`coalesce(sum((SELECT count(*) FROM care_contacts c WHERE c.worker_id = ${workers.id} AND c.on >= ${q.from}::date)), 0)::int`,
    })
    .from(workers)
    .innerJoin(orgs, eq(orgs.id, workers.orgId))
    .where(where)
    .groupBy(workers.orgId, orgs.name)
    .orderBy(asc(orgs.name));
  return {
    quarter: q.label,
    items: rows.map((r) => ({ ...r, coverage: r.workers ? Math.round((r.linked / r.workers) * 1000) / 10 : null })),
  };
}
