import { attendeeMinutes, checkCreditedMinutes, chinaDay, lifeRulesetOn, signInWindow } from '@vanguard/shared';
import type { AttendanceInput } from '@vanguard/shared/api/life';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { meetingAttendees, meetingSignins, memberLifeDates } from '../../db/schema/index.js';
import { MEETINGS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { stamp } from './life.common.js';
import { assertOpen } from './meetings.common.js';
import { getMeeting } from './meetings.service.js';

/** Upserts the member's last organizational-life day (never moves it back). */
export async function touchLifeDate(tx: DbOrTx, memberIds: number[], day: string, now: Date) {
  if (memberIds.length === 0) return;
  await tx
    .insert(memberLifeDates)
    .values(memberIds.map((memberId) => ({ memberId, lastLifeOn: day, createdAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: memberLifeDates.memberId,
      set: { lastLifeOn: sql`GREATEST(${memberLifeDates.lastLifeOn}, excluded.last_life_on)`, updatedAt: now },
    });
}

/**
 * The secretary records attendance by hand (a phone that failed, a late arrival), with a reason;
 * audited with before and after.
 */
export async function recordAttendance(ctx: ActorCtx, id: number, input: AttendanceInput) {
  await ctx.db.transaction(async (tx) => {
    const meeting = await loadFor(ctx, MEETINGS, id, 'life:manage', { db: tx, lock: true });
    assertOpen(meeting);
    const [att] = await tx
      .select()
      .from(meetingAttendees)
      .where(and(eq(meetingAttendees.meetingId, id), eq(meetingAttendees.memberId, input.memberId)))
      .for('update');
    if (!att) throw invalid('memberId', '该党员不在本次会议的参会名单中');
    const [signin] = await tx
      .select()
      .from(meetingSignins)
      .where(and(eq(meetingSignins.meetingId, id), eq(meetingSignins.memberId, input.memberId)));
    const before = {
      excluded: att.excluded,
      absentReason: att.absentReason,
      signedAt: signin?.signedAt ?? null,
      method: signin?.method ?? null,
    };
    const now = ctx.now();
    if (input.status === 'present') {
      if (now < signInWindow(meeting.startsAt, lifeRulesetOn(chinaDay(meeting.startsAt))).opens)
        throw invalid('status', '会议尚未开始，不能登记出席');
      if (signin) throw conflict(`该党员已于 ${stamp(signin.signedAt)} 签到`);
      await tx.insert(meetingSignins).values({
        meetingId: id,
        memberId: input.memberId,
        signedAt: new Date(Math.min(meeting.startsAt.getTime(), now.getTime())),
        method: 'manual',
        recordedBy: ctx.actor.userId,
        reason: input.reason ?? null,
      });
      await tx.update(meetingAttendees).set({ excluded: null, absentReason: null, updatedAt: now }).where(eq(meetingAttendees.id, att.id));
      await touchLifeDate(tx, [input.memberId], chinaDay(meeting.startsAt), now);
    } else {
      if (signin && signin.method !== 'manual') throw conflict('该党员已本人签到，不能改为其他情况');
      if (signin) await tx.delete(meetingSignins).where(eq(meetingSignins.id, signin.id));
      await tx
        .update(meetingAttendees)
        .set({
          excluded: input.status === 'excluded' ? (input.exclusion ?? null) : null,
          absentReason: input.status === 'absent' ? (input.reason ?? null) : null,
          updatedAt: now,
        })
        .where(eq(meetingAttendees.id, att.id));
    }
    await audit(tx, ctx, {
      action: 'meeting.attendance',
      entityType: 'meeting',
      entityId: id,
      orgId: meeting.orgId,
      before: { memberId: input.memberId, ...before },
      after: input,
    });
  });
  return getMeeting(ctx, id);
}

/**
 * 学时 of one attendee of a 党课 / 学习研讨 / 现场教学: fewer than the meeting's when they left
 * early or came late (with a reason), or back to the full hours. Only for those present, once the
 * meeting has started; audited with before and after.
 */
export async function creditHours(ctx: ActorCtx, id: number, input: { memberId: number; minutes: number; reason?: string }) {
  await ctx.db.transaction(async (tx) => {
    const meeting = await loadFor(ctx, MEETINGS, id, 'life:manage', { db: tx, lock: true });
    if (meeting.cancelledAt) throw conflict('该会议已取消');
    const err = checkCreditedMinutes(meeting.hoursMinutes, input.minutes, input.reason);
    if (err) throw invalid(err.path, err.message);
    if (ctx.now() < meeting.startsAt) throw invalid('minutes', '会议尚未开始，不能登记学时');
    const [signin] = await tx
      .select()
      .from(meetingSignins)
      .where(and(eq(meetingSignins.meetingId, id), eq(meetingSignins.memberId, input.memberId)))
      .for('update');
    if (!signin) throw invalid('memberId', '该党员未出席本次会议（未签到），不计学时');
    const full = input.minutes === meeting.hoursMinutes;
    await tx
      .update(meetingSignins)
      .set({ creditedMinutes: full ? null : input.minutes, hoursReason: full ? null : (input.reason ?? null), updatedAt: ctx.now() })
      .where(eq(meetingSignins.id, signin.id));
    await audit(tx, ctx, {
      action: 'meeting.hours',
      entityType: 'meeting',
      entityId: id,
      orgId: meeting.orgId,
      before: {
        memberId: input.memberId,
        minutes: attendeeMinutes(meeting.hoursMinutes, signin.creditedMinutes),
        reason: signin.hoursReason,
      },
      after: { memberId: input.memberId, minutes: input.minutes, reason: full ? null : (input.reason ?? null) },
    });
  });
  return getMeeting(ctx, id);
}
