import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { meetingLeaves, meetings, members, roleGrants, users } from '../../db/schema/index.js';
import { LEAVES, MEETINGS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';

/** The users who manage organizational life of a meeting's host org (its secretaries and committee, and admins above). */
export async function lifeManagersOf(db: DbOrTx, orgId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(users, and(eq(users.id, roleGrants.userId), isNull(users.disabledAt)))
    .where(and(eq(roleGrants.orgId, orgId), or(eq(roleGrants.role, 'branch_secretary'), eq(roleGrants.role, 'branch_committee'))));
  return rows.map((r) => r.userId);
}

/** The secretary approves or refuses a leave request; the member is told. */
export async function decideLeave(ctx: ActorCtx, leaveId: number, input: { approve: boolean; note?: string }) {
  return ctx.db.transaction(async (tx) => {
    const leave = await loadFor(ctx, LEAVES, leaveId, 'life:manage', { db: tx, lock: true });
    const meeting = await loadFor(ctx, MEETINGS, leave.meetingId, 'life:manage', { db: tx, lock: true });
    if (leave.status !== 'pending') throw conflict('该请假申请已处理');
    const now = ctx.now();
    const status = input.approve ? 'approved' : 'rejected';
    await tx
      .update(meetingLeaves)
      .set({ status, decidedBy: ctx.actor.userId, decidedAt: now, note: input.note ?? null, updatedAt: now })
      .where(eq(meetingLeaves.id, leaveId));
    const [m] = await tx.select({ userId: members.userId }).from(members).where(eq(members.id, leave.memberId));
    if (m?.userId)
      await addTodos(tx, [
        {
          userId: m.userId,
          orgId: meeting.orgId,
          kind: 'notice',
          severity: input.approve ? 'info' : 'warning',
          title: `请假${input.approve ? '已批准' : '未批准'}：${meeting.topic}`,
          body: input.note ?? null,
          link: `/m/life/meetings/${meeting.id}`,
          sourceKey: `meeting-leave:${leaveId}:decided`,
        },
      ]);
    await audit(tx, ctx, {
      action: 'meeting.leave.decide',
      entityType: 'meeting_leave',
      entityId: leaveId,
      orgId: meeting.orgId,
      before: { status: 'pending' },
      after: { status, note: input.note },
    });
    return { id: leaveId, status };
  });
}

/** Open leave requests in scope (for the secretary's review). */
export async function listPendingLeaves(ctx: ActorCtx) {
  const scope = scopeOf(ctx.actor, 'life:manage');
  return ctx.db
    .select({
      id: meetingLeaves.id,
      meetingId: meetings.id,
      topic: meetings.topic,
      type: meetings.type,
      startsAt: meetings.startsAt,
      memberId: members.id,
      name: members.name,
      reason: meetingLeaves.reason,
      createdAt: meetingLeaves.createdAt,
    })
    .from(meetingLeaves)
    .innerJoin(meetings, eq(meetings.id, meetingLeaves.meetingId))
    .innerJoin(members, eq(members.id, meetingLeaves.memberId))
    .where(and(eq(meetingLeaves.status, 'pending'), inScope(meetings.orgPath, scope), isNull(meetings.cancelledAt)))
    .orderBy(asc(meetings.startsAt))
    .limit(200);
}
