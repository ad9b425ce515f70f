import { chinaDay, lifeRulesetOn, MEETING_TYPES, type MeetingType, signInWindow } from '@vanguard/shared';
import { and, asc, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { files, meetingAttendees, meetingFiles, meetingLeaves, meetingSignins, meetings, orgs } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';
import { memberHours } from './hours.service.js';
import { myMember, stamp } from './life.access.js';
import { lifeManagersOf } from './meeting-leaves.service.js';

/** 我的会议: upcoming (from 1 hour ago) or past, with my sign-in and leave. */
export async function myMeetings(ctx: ActorCtx, when: 'upcoming' | 'past') {
  const me = await myMember(ctx.db, ctx);
  const cutoff = new Date(ctx.now().getTime() - 3_600_000);
  const rows = await ctx.db
    .select({
      id: meetings.id,
      type: meetings.type,
      topic: meetings.topic,
      startsAt: meetings.startsAt,
      place: meetings.place,
      orgName: orgs.name,
      cancelledAt: meetings.cancelledAt,
      publishedAt: meetings.publishedAt,
      signedAt: meetingSignins.signedAt,
      leaveStatus: meetingLeaves.status,
    })
    .from(meetingAttendees)
    .innerJoin(meetings, eq(meetings.id, meetingAttendees.meetingId))
    .innerJoin(orgs, eq(orgs.id, meetings.orgId))
    .leftJoin(meetingSignins, and(eq(meetingSignins.meetingId, meetings.id), eq(meetingSignins.memberId, me.id)))
    .leftJoin(meetingLeaves, and(eq(meetingLeaves.meetingId, meetings.id), eq(meetingLeaves.memberId, me.id)))
    .where(
      and(
        eq(meetingAttendees.memberId, me.id),
        when === 'upcoming' ? and(gte(meetings.startsAt, cutoff), isNull(meetings.cancelledAt)) : lt(meetings.startsAt, cutoff),
      ),
    )
    .orderBy(when === 'upcoming' ? asc(meetings.startsAt) : desc(meetings.startsAt))
    .limit(50);
  return rows.map((r) => ({
    ...r,
    typeName: MEETING_TYPES[r.type as MeetingType] ?? r.type,
    cancelled: Boolean(r.cancelledAt),
    hasMinutes: Boolean(r.publishedAt),
  }));
}

async function myAttendance(ctx: ActorCtx, meetingId: number) {
  const me = await myMember(ctx.db, ctx);
  const [row] = await ctx.db
    .select({ m: meetings, orgName: orgs.name, signedAt: meetingSignins.signedAt, method: meetingSignins.method, leave: meetingLeaves })
    .from(meetingAttendees)
    .innerJoin(meetings, eq(meetings.id, meetingAttendees.meetingId))
    .innerJoin(orgs, eq(orgs.id, meetings.orgId))
    .leftJoin(meetingSignins, and(eq(meetingSignins.meetingId, meetings.id), eq(meetingSignins.memberId, me.id)))
    .leftJoin(meetingLeaves, and(eq(meetingLeaves.meetingId, meetings.id), eq(meetingLeaves.memberId, me.id)))
    .where(and(eq(meetingAttendees.meetingId, meetingId), eq(meetingAttendees.memberId, me.id)));
  if (!row) throw notFound('该会议');
  return { me, ...row };
}

/**
 * One of my meetings. Minutes, resolutions and photos are shown once published, and only to
 * those who attended (signed in).
 */
export async function myMeeting(ctx: ActorCtx, meetingId: number) {
  const { m, orgName, signedAt, method, leave } = await myAttendance(ctx, meetingId);
  const attended = Boolean(signedAt);
  const readable = attended && Boolean(m.publishedAt);
  const w = signInWindow(m.startsAt, lifeRulesetOn(chinaDay(m.startsAt)));
  const attached = readable
    ? await ctx.db
        .select({ id: files.id, name: files.name, mime: files.mime, kind: meetingFiles.kind })
        .from(meetingFiles)
        .innerJoin(files, eq(files.id, meetingFiles.fileId))
        .where(eq(meetingFiles.meetingId, m.id))
    : [];
  return {
    id: m.id,
    type: m.type,
    typeName: MEETING_TYPES[m.type as MeetingType] ?? m.type,
    topic: m.topic,
    orgName,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    agenda: m.agenda,
    cancelled: Boolean(m.cancelledAt),
    signInHow: `${stamp(w.opens).slice(-5)}–${stamp(w.closes).slice(-5)} 在会场扫码签到（组织生活 → 签到，扫描大屏上的二维码），或输入屏幕上的 6 位签到码`,
    cancelReason: m.cancelReason,
    signInOpens: w.opens,
    signInCloses: w.closes,
    signedAt,
    method,
    leave: leave ? { status: leave.status, reason: leave.reason, note: leave.note } : null,
    minutesVisible: readable,
    minutesNote: readable ? null : m.publishedAt ? '会议记录仅对出席的党员开放' : '会议记录尚未发布',
    minutes: readable ? m.minutes : null,
    resolutions: readable ? m.resolutions : null,
    files: attached,
  };
}

/** 请假: before the meeting starts; the host org's secretaries get a to-do. */
export async function askLeave(ctx: ActorCtx, meetingId: number, reason: string) {
  const { me, m, signedAt, leave } = await myAttendance(ctx, meetingId);
  if (m.cancelledAt) throw conflict('该会议已取消');
  if (signedAt) throw conflict('您已签到，无需请假');
  if (ctx.now() >= m.startsAt) throw invalid('reason', '会议已开始，不能再请假，请联系支部书记说明情况');
  if (leave && leave.status !== 'rejected')
    throw conflict(leave.status === 'approved' ? '您的请假已获批准' : '您已提交请假申请，请等待审批');
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const [row] = leave
      ? await tx
          .update(meetingLeaves)
          .set({ reason, status: 'pending', decidedBy: null, decidedAt: null, note: null, updatedAt: now })
          .where(eq(meetingLeaves.id, leave.id))
          .returning()
      : await tx.insert(meetingLeaves).values({ meetingId, memberId: me.id, reason }).returning();
    const managers = await lifeManagersOf(tx, m.orgId);
    await addTodos(
      tx,
      managers.map((userId) => ({
        userId,
        orgId: m.orgId,
        kind: 'todo' as const,
        title: `请假审批：${me.name}（${m.topic}）`,
        body: `会议时间 ${stamp(m.startsAt)}。事由：${reason}`,
        link: `/admin/life/meetings/${m.id}`,
        dueAt: m.startsAt,
        sourceKey: `meeting-leave:${row.id}:${row.updatedAt.getTime()}`,
      })),
    );
    await audit(tx, ctx, {
      action: 'meeting.leave.ask',
      entityType: 'meeting_leave',
      entityId: row.id,
      orgId: m.orgId,
      after: { memberId: me.id, reason },
    });
    return { id: row.id, status: row.status };
  });
}

/** 我的学时: this year's hours against the target. */
export async function myHours(ctx: ActorCtx, year?: number) {
  const me = await myMember(ctx.db, ctx);
  const y = year ?? Number(chinaDay(ctx.now()).slice(0, 4));
  const [row] = await memberHours(ctx.db, { memberIds: [me.id] }, y);
  const detail = await ctx.db
    .select({
      id: meetings.id,
      type: meetings.type,
      topic: meetings.topic,
      startsAt: meetings.startsAt,
      minutes: sql<number>`LEAST(coalesce(${meetingSignins.creditedMinutes}, ${meetings.hoursMinutes}), ${meetings.hoursMinutes})::int`,
    })
    .from(meetingSignins)
    .innerJoin(meetings, eq(meetings.id, meetingSignins.meetingId))
    .where(
      and(
        eq(meetingSignins.memberId, me.id),
        sql`${meetings.hoursMinutes} > 0`,
        isNull(meetings.cancelledAt),
        sql`${meetings.startsAt} >= make_timestamptz(${y}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`,
        sql`${meetings.startsAt} < make_timestamptz(${y + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`,
      ),
    )
    .orderBy(desc(meetings.startsAt));
  return {
    year: y,
    ...(row ?? { memberId: me.id, name: me.name, hours: 0, target: 32, isLeader: false, met: false }),
    meetings: detail.map((d) => ({ ...d, typeName: MEETING_TYPES[d.type as MeetingType] ?? d.type, hours: d.minutes / 60 })),
  };
}
