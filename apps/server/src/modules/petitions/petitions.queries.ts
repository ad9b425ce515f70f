import { chinaDay, PETITION_CATEGORIES, PETITION_RATINGS, PETITION_STATUSES, type PetitionStatus } from '@vanguard/shared';
import type { PetitionDto, PetitionListQuery } from '@vanguard/shared/api/petitions';
import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { orgs, petitionEvents, petitions } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access/scope.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { actionsFor, nameFor } from './petitions.policy.js';

export type PetitionRow = typeof petitions.$inferSelect;

export const EVENT_NAMES: Record<string, string> = {
  submitted: '提交诉求',
  accepted: '受理',
  replied: '答复',
  rated: '评价',
  reopened: '不满意，重新办理（转上一级）',
  escalated: '逾期未答复，提交上一级党组织',
  meeting: '列入民情说事会议题',
  decision: '会议决定',
  closed: '办结',
};

/** Due today (red on the board) or overdue: the next deadline the handler faces. */
export function dueOf(p: Pick<PetitionRow, 'status' | 'acceptDueOn' | 'replyDueOn'>, today: string): 'today' | 'overdue' | 'none' {
  const deadline = p.status === 'submitted' ? p.acceptDueOn : p.status === 'in_progress' || p.status === 'reopened' ? p.replyDueOn : null;
  if (!deadline) return 'none';
  return deadline === today ? 'today' : deadline < today ? 'overdue' : 'none';
}

async function orgNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(inArray(orgs.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function rowDto(actor: Actor, p: PetitionRow, names: Map<number, string>, today: string) {
  return {
    id: p.id,
    orgId: p.orgId,
    orgName: names.get(p.orgId) ?? '',
    originOrgName: names.get(p.originOrgId) ?? '',
    category: p.category,
    categoryName: PETITION_CATEGORIES[p.category as keyof typeof PETITION_CATEGORIES] ?? p.category,
    place: p.place,
    photoFileIds: p.photoFileIds,
    submitterName: nameFor(actor, p, p.submitterName),
    anonymous: p.anonymous,
    nameInLedger: p.nameInLedger,
    status: p.status as PetitionStatus,
    statusName: PETITION_STATUSES[p.status as PetitionStatus],
    receivedOn: p.receivedOn,
    acceptDueOn: p.acceptDueOn,
    replyDueOn: p.replyDueOn,
    acceptedOn: p.acceptedOn,
    acceptedLate: p.acceptedOn !== null && p.acceptedOn > p.acceptDueOn,
    reply: p.reply,
    repliedAt: p.repliedAt,
    rating: p.rating,
    ratingName: p.rating ? PETITION_RATINGS[p.rating as keyof typeof PETITION_RATINGS] : null,
    reopens: p.reopens,
    escalations: p.escalations,
    meetingId: p.meetingId,
    meetingDecision: p.meetingDecision,
    due: dueOf(p, today),
    createdAt: p.createdAt,
    actions: actionsFor(actor, p),
  };
}

/** The petition with its history, as the actor may see it. */
export async function petitionDto(ctx: ActorCtx, db: DbOrTx, p: PetitionRow): Promise<PetitionDto> {
  const events = await db.select().from(petitionEvents).where(eq(petitionEvents.petitionId, p.id)).orderBy(asc(petitionEvents.id));
  const names = await orgNames(db, [p.orgId, p.originOrgId, ...events.flatMap((e) => (e.toOrgId ? [e.toOrgId] : []))]);
  return {
    ...rowDto(ctx.actor, p, names, chinaDay(ctx.now())),
    body: p.body,
    events: events.map((e) => ({
      kind: e.kind,
      kindName: EVENT_NAMES[e.kind] ?? e.kind,
      at: e.at,
      note: e.note,
      toOrgName: e.toOrgId ? (names.get(e.toOrgId) ?? null) : null,
    })),
  };
}

/** Rows as list items (no body, an excerpt). */
export async function listItems(ctx: ActorCtx, rows: PetitionRow[]) {
  const names = await orgNames(
    ctx.db,
    rows.flatMap((p) => [p.orgId, p.originOrgId]),
  );
  const today = chinaDay(ctx.now());
  return rows.map((p) => ({ ...rowDto(ctx.actor, p, names, today), excerpt: p.body.length > 60 ? `${p.body.slice(0, 60)}…` : p.body }));
}

/**
 * The board: petitions handled now or first routed within the actor's petitions:handle scope, the ones
 * with a deadline soonest first; `dueToday` counts those due today.
 */
export async function listBoard(ctx: ActorCtx, q: PetitionListQuery) {
  const scope = scopeOf(ctx.actor, 'petitions:handle');
  const today = chinaDay(ctx.now());
  const conds: SQL[] = [or(inScope(petitions.orgPath, scope), inScope(petitions.originOrgPath, scope)) as SQL];
  if (q.status) conds.push(eq(petitions.status, q.status));
  if (q.orgId) conds.push(or(eq(petitions.orgId, q.orgId), eq(petitions.originOrgId, q.orgId)) as SQL);
  const deadline = sql`CASE WHEN ${petitions.status} = 'submitted' THEN ${petitions.acceptDueOn} WHEN ${petitions.status} IN ('in_progress', 'reopened') THEN ${petitions.replyDueOn} END`;
  if (q.due === 'today') conds.push(sql`${deadline} = ${today}::date`);
  if (q.due === 'overdue') conds.push(sql`${deadline} < ${today}::date`);
  const where = and(...conds);
  const dueTodayWhere = and(conds[0], sql`${deadline} = ${today}::date`);
  const [rows, [{ total }], [{ due }]] = await Promise.all([
    ctx.db
      .select()
      .from(petitions)
      .where(where)
      .orderBy(sql`${deadline} ASC NULLS LAST`, desc(petitions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(petitions).where(where),
    ctx.db.select({ due: count() }).from(petitions).where(dueTodayWhere),
  ]);
  return { items: await listItems(ctx, rows), total, dueToday: due };
}

/** 我的诉求 */
export async function listMine(ctx: ActorCtx, q: { page: number; pageSize: number }) {
  const where = eq(petitions.submitterUserId, ctx.actor.userId);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(petitions)
      .where(where)
      .orderBy(desc(petitions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(petitions).where(where),
  ]);
  return { items: await listItems(ctx, rows), total, dueToday: 0 };
}

/**
 * The reply-on-time rate per first-routed org (the branch's own record, whoever answered in the end):
 * petitions received in [from, to] whose reply day has come, replied by the end of the first reply day.
 */
export async function onTimeRates(ctx: ActorCtx, q: { orgId?: number; from?: string; to?: string }) {
  const scope = scopeOf(ctx.actor, 'petitions:handle');
  const today = chinaDay(ctx.now());
  const conds: SQL[] = [inScope(petitions.originOrgPath, scope)];
  if (q.orgId) conds.push(eq(petitions.originOrgId, q.orgId));
  if (q.from) conds.push(sql`${petitions.receivedOn} >= ${q.from}::date`);
  if (q.to) conds.push(sql`${petitions.receivedOn} <= ${q.to}::date`);
  const rows = await ctx.db
    .select({
      orgId: petitions.originOrgId,
      orgName: orgs.name,
      received: count(),
      due: sql<number>`count(*) FILTER (WHERE ${petitions.firstReplyDueOn} < ${today}::date OR ${petitions.firstRepliedOn} IS NOT NULL)::int`,
      replied: sql<number>`count(${petitions.firstRepliedOn})::int`,
      onTime: sql<number>`count(*) FILTER (WHERE ${petitions.firstRepliedOn} <= ${petitions.firstReplyDueOn})::int`,
      open: sql<number>`count(*) FILTER (WHERE ${petitions.status} IN ('submitted', 'in_progress', 'reopened'))::int`,
    })
    .from(petitions)
    .innerJoin(orgs, eq(orgs.id, petitions.originOrgId))
    .where(and(...conds))
    .groupBy(petitions.originOrgId, orgs.name)
    .orderBy(asc(orgs.name));
  return {
    items: rows.map((r) => ({
      orgId: r.orgId,
      orgName: r.orgName,
      received: r.received,
      replied: r.replied,
      onTime: r.onTime,
      rate: r.due > 0 ? Math.round((r.onTime / r.due) * 1000) / 10 : null,
      open: r.open,
    })),
  };
}
