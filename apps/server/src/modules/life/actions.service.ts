import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { actionItems, meetingOrgs, meetings, members, orgs } from '../../db/schema/index.js';
import { ACTION_ITEMS, MEETINGS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';

/** 督办事项 from a meeting's resolutions: owned by one of the orgs taking part, optionally a person. */
export async function addActionItem(
  ctx: ActorCtx,
  meetingId: number,
  input: { title: string; orgId: number; ownerMemberId?: number; dueOn: string },
) {
  return ctx.db.transaction(async (tx) => {
    const meeting = await loadFor(ctx, MEETINGS, meetingId, 'life:manage', { db: tx, lock: true });
    if (meeting.cancelledAt) throw conflict('该会议已取消');
    if (!meeting.minutesAt) throw invalid('title', '请先填写会议记录和决议，再分解督办事项');
    const [mo] = await tx
      .select({ path: meetingOrgs.orgPath })
      .from(meetingOrgs)
      .where(and(eq(meetingOrgs.meetingId, meetingId), eq(meetingOrgs.orgId, input.orgId)));
    if (!mo) throw invalid('orgId', '责任组织应为参会组织之一');
    if (input.ownerMemberId) {
      const [m] = await tx.select({ orgPath: members.orgPath }).from(members).where(eq(members.id, input.ownerMemberId));
      if (!m?.orgPath.startsWith(mo.path)) throw invalid('ownerMemberId', '责任人应为责任组织的党员');
    }
    const [row] = await tx
      .insert(actionItems)
      .values({
        meetingId,
        orgId: input.orgId,
        orgPath: mo.path,
        ownerMemberId: input.ownerMemberId ?? null,
        title: input.title,
        dueOn: input.dueOn,
      })
      .returning();
    await audit(tx, ctx, { action: 'action_item.create', entityType: 'action_item', entityId: row.id, orgId: input.orgId, after: input });
    return row;
  });
}

/** 办结: closes an open item with a note. */
export async function closeActionItem(ctx: ActorCtx, id: number, note: string) {
  return ctx.db.transaction(async (tx) => {
    const item = await loadFor(ctx, ACTION_ITEMS, id, 'life:manage', { db: tx, lock: true });
    if (item.status === 'done') throw conflict('该督办事项已办结');
    const [row] = await tx
      .update(actionItems)
      .set({ status: 'done', doneAt: ctx.now(), doneNote: note, updatedAt: ctx.now() })
      .where(eq(actionItems.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'action_item.done',
      entityType: 'action_item',
      entityId: id,
      orgId: item.orgId,
      before: { status: 'open' },
      after: { status: 'done', note },
    });
    return row;
  });
}

/** Items of the orgs in scope (or one org's subtree), optionally of one joint body. */
export async function listActionItems(
  ctx: ActorCtx,
  q: { orgId?: number; status: 'open' | 'done' | 'all'; jointBody?: string; page: number; pageSize: number },
) {
  const scope = q.orgId ? { paths: [(await orgFor(ctx, q.orgId, 'life:manage')).path] } : scopeOf(ctx.actor, 'life:manage');
  const where = and(
    inScope(actionItems.orgPath, scope),
    q.status === 'all' ? undefined : eq(actionItems.status, q.status),
    q.jointBody ? eq(meetings.jointBody, q.jointBody) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select({
        id: actionItems.id,
        title: actionItems.title,
        dueOn: actionItems.dueOn,
        status: actionItems.status,
        doneAt: actionItems.doneAt,
        doneNote: actionItems.doneNote,
        orgId: actionItems.orgId,
        orgName: orgs.name,
        ownerName: members.name,
        meetingId: meetings.id,
        meetingTopic: meetings.topic,
        jointBody: meetings.jointBody,
        overdue: sql<boolean>`${actionItems.status} = 'open' AND ${actionItems.dueOn} < (now() AT TIME ZONE 'Asia/Shanghai')::date`,
      })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .innerJoin(orgs, eq(orgs.id, actionItems.orgId))
      .leftJoin(members, eq(members.id, actionItems.ownerMemberId))
      .where(where)
      .orderBy(asc(actionItems.status), asc(actionItems.dueOn), asc(actionItems.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .where(where),
  ]);
  return { items, total };
}

/** Items of one meeting (for its page). */
export async function meetingActionItems(ctx: ActorCtx, meetingId: number) {
  await loadFor(ctx, MEETINGS, meetingId, 'life:manage');
  return ctx.db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      dueOn: actionItems.dueOn,
      status: actionItems.status,
      orgName: orgs.name,
      ownerName: members.name,
      doneNote: actionItems.doneNote,
    })
    .from(actionItems)
    .innerJoin(orgs, eq(orgs.id, actionItems.orgId))
    .leftJoin(members, eq(members.id, actionItems.ownerMemberId))
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.id));
}

/** The named joint bodies (联席会议) of the orgs in scope, with open item counts. */
export async function jointBodies(ctx: ActorCtx) {
  const scope = scopeOf(ctx.actor, 'life:manage');
  const ids = ctx.db.select({ id: meetingOrgs.meetingId }).from(meetingOrgs).where(inScope(meetingOrgs.orgPath, scope));
  return ctx.db
    .select({
      jointBody: meetings.jointBody,
      meetings: sql<number>`count(DISTINCT ${meetings.id})::int`,
      open: sql<number>`count(${actionItems.id}) FILTER (WHERE ${actionItems.status} = 'open')::int`,
    })
    .from(meetings)
    .leftJoin(actionItems, eq(actionItems.meetingId, meetings.id))
    .where(and(eq(meetings.type, 'joint'), sql`${meetings.jointBody} IS NOT NULL`, inArray(meetings.id, ids)))
    .groupBy(meetings.jointBody);
}
