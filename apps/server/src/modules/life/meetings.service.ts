import { attendeeMinutes, chinaDay, EXCLUSION_KINDS, type ExclusionKind, lifeRulesetOn, signInWindow } from '@vanguard/shared';
import type { MeetingListQueryInput } from '@vanguard/shared/api/life';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  files,
  meetingAttendees,
  meetingEvents,
  meetingFiles,
  meetingLeaves,
  meetingOrgs,
  meetingSignins,
  meetings,
  members,
  orgs,
  users,
} from '../../db/schema/index.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { type MeetingRow, managedMeeting, managedOrg } from './life.access.js';
import { typeName } from './meetings.common.js';

/** Attendance of a meeting: expected (less the excluded), present, on leave, absent with reasons. */
export async function attendanceOf(db: DbOrTx, meeting: MeetingRow, now: Date) {
  const rows = await db
    .select({
      memberId: meetingAttendees.memberId,
      name: members.name,
      category: members.category,
      orgId: meetingAttendees.orgId,
      orgName: orgs.name,
      excluded: meetingAttendees.excluded,
      absentReason: meetingAttendees.absentReason,
      signedAt: meetingSignins.signedAt,
      method: meetingSignins.method,
      signReason: meetingSignins.reason,
      creditedMinutes: meetingSignins.creditedMinutes,
      hoursReason: meetingSignins.hoursReason,
      leaveId: meetingLeaves.id,
      leaveStatus: meetingLeaves.status,
      leaveReason: meetingLeaves.reason,
    })
    .from(meetingAttendees)
    .innerJoin(members, eq(members.id, meetingAttendees.memberId))
    .innerJoin(orgs, eq(orgs.id, meetingAttendees.orgId))
    .leftJoin(meetingSignins, and(eq(meetingSignins.meetingId, meeting.id), eq(meetingSignins.memberId, meetingAttendees.memberId)))
    .leftJoin(meetingLeaves, and(eq(meetingLeaves.meetingId, meeting.id), eq(meetingLeaves.memberId, meetingAttendees.memberId)))
    .where(eq(meetingAttendees.meetingId, meeting.id))
    .orderBy(asc(orgs.path), asc(members.id));
  const windowClosed = now > signInWindow(meeting.startsAt, lifeRulesetOn(chinaDay(meeting.startsAt))).closes;
  const people = rows.map((r) => {
    const status = r.excluded
      ? 'excluded'
      : r.signedAt
        ? 'present'
        : r.leaveStatus === 'approved'
          ? 'leave'
          : r.absentReason || windowClosed || meeting.status !== 'planned'
            ? 'absent'
            : 'pending';
    const reason =
      status === 'excluded'
        ? (EXCLUSION_KINDS[r.excluded as ExclusionKind] ?? r.excluded)
        : status === 'leave'
          ? r.leaveReason
          : status === 'absent'
            ? r.absentReason
            : status === 'present'
              ? r.signReason
              : null;
    return {
      memberId: r.memberId,
      name: r.name,
      category: r.category,
      orgId: r.orgId,
      orgName: r.orgName,
      status,
      reason,
      signedAt: r.signedAt,
      method: r.method,
      /** Training minutes credited (present at an hour-bearing meeting), and why fewer. */
      minutes: status === 'present' && meeting.hoursMinutes > 0 ? attendeeMinutes(meeting.hoursMinutes, r.creditedMinutes) : null,
      hoursReason: r.hoursReason,
      leave: r.leaveId ? { id: r.leaveId, status: r.leaveStatus as string, reason: r.leaveReason as string } : null,
    };
  });
  const count = (s: string) => people.filter((p) => p.status === s).length;
  const expected = people.length - count('excluded');
  const present = count('present');
  return {
    expected,
    present,
    leave: count('leave'),
    absent: count('absent'),
    excluded: count('excluded'),
    pending: count('pending'),
    /**
     * 支部党员大会 needs more than half of those expected present — judged at the meeting (from the
     * opening of sign-in), not days before when nobody can have signed in yet.
     */
    quorum:
      meeting.type === 'branch_assembly' && now >= signInWindow(meeting.startsAt, lifeRulesetOn(chinaDay(meeting.startsAt))).opens
        ? present * 2 > expected
        : null,
    people,
  };
}

function meetingStatus(m: MeetingRow) {
  if (m.cancelledAt) return 'cancelled';
  if (m.publishedAt) return 'published';
  return m.status;
}

/** The list row of a meeting. */
export function meetingSummary(m: MeetingRow & { orgName?: string }) {
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: m.orgName ?? '',
    type: m.type,
    typeName: typeName(m.type),
    topic: m.topic,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    status: meetingStatus(m),
    jointBody: m.jointBody,
    hasMinutes: Boolean(m.minutesAt),
  };
}

/** A meeting with its orgs, people, attendance, minutes, files and history. */
export async function getMeeting(ctx: ActorCtx, id: number) {
  const { meeting } = await managedMeeting(ctx.db, ctx, id);
  return meetingDetail(ctx.db, meeting, ctx.now());
}

/** The detail of a meeting already loaded and checked. */
export async function meetingDetail(db: DbOrTx, meeting: MeetingRow, now: Date) {
  const [taking, attendance, attached, events, people] = await Promise.all([
    db
      .select({ id: orgs.id, name: orgs.name })
      .from(meetingOrgs)
      .innerJoin(orgs, eq(orgs.id, meetingOrgs.orgId))
      .where(eq(meetingOrgs.meetingId, meeting.id))
      .orderBy(asc(orgs.path)),
    attendanceOf(db, meeting, now),
    db
      .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, kind: meetingFiles.kind })
      .from(meetingFiles)
      .innerJoin(files, eq(files.id, meetingFiles.fileId))
      .where(eq(meetingFiles.meetingId, meeting.id))
      .orderBy(asc(meetingFiles.id)),
    db
      .select({ kind: meetingEvents.kind, at: meetingEvents.at, actor: users.displayName, details: meetingEvents.details })
      .from(meetingEvents)
      .leftJoin(users, eq(users.id, meetingEvents.actorId))
      .where(eq(meetingEvents.meetingId, meeting.id))
      .orderBy(asc(meetingEvents.at), asc(meetingEvents.id)),
    db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(inArray(members.id, [meeting.chairMemberId ?? 0, meeting.recorderMemberId ?? 0])),
  ]);
  const nameOf = (id: number | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
  const host = taking.find((o) => o.id === meeting.orgId);
  const w = signInWindow(meeting.startsAt, lifeRulesetOn(chinaDay(meeting.startsAt)));
  return {
    ...meetingSummary({ ...meeting, orgName: host?.name ?? '' }),
    chairMemberId: meeting.chairMemberId,
    chairName: nameOf(meeting.chairMemberId),
    recorderMemberId: meeting.recorderMemberId,
    recorderName: nameOf(meeting.recorderMemberId),
    invite: meeting.invite,
    orgs: taking,
    minutes: meeting.minutes,
    resolutions: meeting.resolutions,
    minutesAt: meeting.minutesAt,
    publishedAt: meeting.publishedAt,
    cancelReason: meeting.cancelReason,
    hoursMinutes: meeting.hoursMinutes,
    agenda: meeting.agenda,
    started: now >= meeting.startsAt,
    signInOpens: w.opens,
    signInCloses: w.closes,
    attendance,
    files: attached,
    history: events,
  };
}

/** Meetings of the orgs in scope (a joint meeting shows under each org taking part), newest first. */
export async function listMeetings(ctx: ActorCtx, q: MeetingListQueryInput) {
  let scope = scopeOf(ctx.actor, 'life:manage');
  if (q.orgId) {
    const org = await managedOrg(ctx.db, ctx, q.orgId);
    scope = { paths: [org.path] };
  }
  const where = and(
    sql`${meetings.id} IN (SELECT ${meetingOrgs.meetingId} FROM ${meetingOrgs} WHERE ${inScope(meetingOrgs.orgPath, scope)})`,
    q.type ? eq(meetings.type, q.type) : undefined,
    q.status === 'cancelled'
      ? sql`${meetings.cancelledAt} IS NOT NULL`
      : q.status === 'published'
        ? sql`${meetings.publishedAt} IS NOT NULL AND ${meetings.cancelledAt} IS NULL`
        : q.status
          ? and(eq(meetings.status, q.status), isNull(meetings.publishedAt), isNull(meetings.cancelledAt))
          : undefined,
    q.from ? sql`${meetings.startsAt} >= ${`${q.from}T00:00:00+08:00`}::timestamptz` : undefined,
    q.to ? sql`${meetings.startsAt} < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'` : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ m: meetings, orgName: orgs.name })
      .from(meetings)
      .innerJoin(orgs, eq(orgs.id, meetings.orgId))
      .where(where)
      .orderBy(desc(meetings.startsAt), desc(meetings.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(meetings).where(where),
  ]);
  const ids = rows.map((r) => r.m.id);
  const counts = ids.length
    ? await ctx.db
        .select({
          meetingId: meetingAttendees.meetingId,
          expected: sql<number>`count(*) FILTER (WHERE ${meetingAttendees.excluded} IS NULL)::int`,
          present: sql<number>`count(${meetingSignins.id}) FILTER (WHERE ${meetingAttendees.excluded} IS NULL)::int`,
        })
        .from(meetingAttendees)
        .leftJoin(
          meetingSignins,
          and(eq(meetingSignins.meetingId, meetingAttendees.meetingId), eq(meetingSignins.memberId, meetingAttendees.memberId)),
        )
        .where(inArray(meetingAttendees.meetingId, ids))
        .groupBy(meetingAttendees.meetingId)
    : [];
  return {
    total,
    items: rows.map((r) => {
      const c = counts.find((x) => x.meetingId === r.m.id);
      return { ...meetingSummary({ ...r.m, orgName: r.orgName }), expected: c?.expected ?? 0, present: c?.present ?? 0 };
    }),
  };
}
