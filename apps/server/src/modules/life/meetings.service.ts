import {
  attendeeMinutes,
  checkCreditedMinutes,
  chinaDay,
  EXCLUSION_KINDS,
  type ExclusionKind,
  lifeRulesetOn,
  MEETING_TYPES,
  type MeetingType,
  signInWindow,
} from '@vanguard/shared';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  files,
  leadershipMembers,
  leadershipTerms,
  meetingAttendees,
  meetingEvents,
  meetingFiles,
  meetingLeaves,
  meetingOrgs,
  meetingSignins,
  meetings,
  memberLifeDates,
  members,
  orgs,
  roleGrants,
  users,
} from '../../db/schema/index.js';
import { covers, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';
import { assertManage, type MeetingRow, managedMeeting, managedOrg, orgsByIds, stamp } from './life.access.js';
import type { AttendanceInput, InviteInput, MeetingCreateInput, MeetingListQueryInput, MinutesInput } from './meetings.schemas.js';
import { newSignKey } from './signin.token.js';

const typeName = (t: string) => MEETING_TYPES[t as MeetingType] ?? t;
type OrgRow = typeof orgs.$inferSelect;

/** Members of the orgs' subtrees in good standing (probationary members included). */
async function subtreeMembers(db: DbOrTx, paths: string[]) {
  return db
    .select({ id: members.id, orgId: members.orgId, orgPath: members.orgPath, userId: members.userId })
    .from(members)
    .where(and(inScope(members.orgPath, { paths }), eq(members.status, 'normal')));
}

/** Holders of posts in the orgs' current leadership teams. */
async function committeeMembers(db: DbOrTx, orgIds: number[]) {
  return db
    .selectDistinct({ id: members.id, orgId: members.orgId, orgPath: members.orgPath, userId: members.userId })
    .from(leadershipMembers)
    .innerJoin(leadershipTerms, eq(leadershipTerms.id, leadershipMembers.termId))
    .innerJoin(members, eq(members.id, leadershipMembers.memberId))
    .where(
      and(
        inArray(leadershipTerms.orgId, orgIds),
        isNull(leadershipTerms.endedOn),
        isNull(leadershipMembers.endedOn),
        eq(members.status, 'normal'),
      ),
    );
}

/** The orgs taking part and the people expected, from the invitation. */
async function resolveInvite(tx: Tx, ctx: ActorCtx, host: OrgRow, invite: InviteInput) {
  let taking: OrgRow[] = [host];
  let people: { id: number; orgId: number; orgPath: string; userId: number | null }[];
  if (invite.kind === 'members') people = await subtreeMembers(tx, [host.path]);
  else if (invite.kind === 'committee') {
    people = await committeeMembers(tx, [host.id]);
    if (people.length === 0) throw invalid('invite.kind', `${host.name}没有在任的班子成员，请先在组织管理中登记班子`);
  } else if (invite.kind === 'people') {
    const ids = [...new Set(invite.memberIds)];
    people = await tx
      .select({ id: members.id, orgId: members.orgId, orgPath: members.orgPath, userId: members.userId })
      .from(members)
      .where(and(inArray(members.id, ids), eq(members.status, 'normal')));
    const manage = scopeOf(ctx.actor, 'life:manage');
    const bad = ids.findIndex((id) => !people.some((p) => p.id === id && covers(manage, p.orgPath)));
    if (bad >= 0) throw invalid(`invite.memberIds.${bad}`, '该党员不在您管理的组织内或党籍状态不正常');
  } else {
    const ids = [...new Set([host.id, ...invite.orgIds])];
    taking = await orgsByIds(tx, ids);
    for (const [i, id] of invite.orgIds.entries()) {
      const o = taking.find((x) => x.id === id);
      if (!o || o.dissolvedAt) throw invalid(`invite.orgIds.${i}`, '未找到该组织');
      const manage = scopeOf(ctx.actor, 'life:manage');
      if (!covers(manage, o.path)) throw invalid(`invite.orgIds.${i}`, `您无权组织${o.name}参加会议`);
    }
    people =
      invite.who === 'members'
        ? await subtreeMembers(
            tx,
            taking.map((o) => o.path),
          )
        : await committeeMembers(
            tx,
            taking.map((o) => o.id),
          );
    if (people.length === 0) throw invalid('invite.who', '参会组织没有符合条件的参会人员');
  }
  if (people.length === 0) throw invalid('invite', `${host.name}没有可参会的党员`);
  const uniq = new Map(people.map((p) => [p.id, p]));
  return { taking, people: [...uniq.values()] };
}

async function addEvent(tx: Tx, ctx: ActorCtx, meetingId: number, kind: string, details: Record<string, unknown> = {}) {
  await tx.insert(meetingEvents).values({ meetingId, kind, at: ctx.now(), actorId: ctx.actor.userId, details });
}

/** To-dos on the phones of the invited people (idempotent per meeting and start time). */
async function notifyInvitees(tx: Tx, meeting: MeetingRow, userIds: number[], note = '') {
  const when = stamp(meeting.startsAt);
  await addTodos(
    tx,
    userIds.map((userId) => ({
      userId,
      orgId: meeting.orgId,
      kind: 'todo' as const,
      severity: 'info' as const,
      title: `${note}参加${typeName(meeting.type)}：${meeting.topic}`,
      body: `时间 ${when}，地点 ${meeting.place}。不能参加请在手机上请假。`,
      link: `/m/life/meetings/${meeting.id}`,
      dueAt: meeting.startsAt,
      sourceKey: `meeting:${meeting.id}:${meeting.startsAt.getTime()}`,
    })),
  );
}

async function inviteeUserIds(db: DbOrTx, meetingId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: members.userId })
    .from(meetingAttendees)
    .innerJoin(members, eq(members.id, meetingAttendees.memberId))
    .where(and(eq(meetingAttendees.meetingId, meetingId), sql`${members.userId} IS NOT NULL`));
  return rows.map((r) => r.userId as number);
}

async function checkPerson(tx: Tx, id: number | undefined, paths: string[], path: string) {
  if (id === undefined) return;
  const [m] = await tx.select({ orgPath: members.orgPath, status: members.status }).from(members).where(eq(members.id, id));
  if (m?.status !== 'normal' || !paths.some((p) => m.orgPath.startsWith(p))) throw invalid(path, '该党员不在参会组织内');
}

/** Plans a meeting: who takes part, who is expected, to-dos on their phones; audited. */
export async function planMeeting(ctx: ActorCtx, input: MeetingCreateInput) {
  if (input.endsAt && input.endsAt <= input.startsAt) throw invalid('endsAt', '结束时间应晚于开始时间');
  if (input.type === 'joint' && input.invite.kind !== 'orgs') throw invalid('invite.kind', '联席会议请选择多个参会组织');
  if (input.invite.kind === 'orgs' && input.type !== 'joint') throw invalid('type', '多个组织共同参加的会议请选择“联席会议”');
  if (input.startsAt.getTime() < ctx.now().getTime() - 30 * 86_400_000) throw invalid('startsAt', '开始时间不能早于 30 天前');
  const id = await ctx.db.transaction(async (tx) => {
    const host = await managedOrg(tx, ctx, input.orgId, '召开会议的组织');
    const { taking, people } = await resolveInvite(tx, ctx, host, input.invite);
    const paths = taking.map((o) => o.path);
    await checkPerson(tx, input.chairMemberId, paths, 'chairMemberId');
    await checkPerson(tx, input.recorderMemberId, paths, 'recorderMemberId');
    const rs = lifeRulesetOn(chinaDay(input.startsAt));
    const hours = input.hoursMinutes ?? ((rs.hourTypes as readonly string[]).includes(input.type) ? 120 : 0);
    const [meeting] = await tx
      .insert(meetings)
      .values({
        orgId: host.id,
        orgPath: host.path,
        type: input.type,
        topic: input.topic,
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        place: input.place,
        chairMemberId: input.chairMemberId ?? null,
        recorderMemberId: input.recorderMemberId ?? null,
        invite: input.invite,
        jointBody: input.type === 'joint' ? (input.jointBody ?? null) : null,
        hoursMinutes: hours,
        signKey: newSignKey(),
        createdBy: ctx.actor.userId,
      })
      .returning();
    await tx.insert(meetingOrgs).values(taking.map((o) => ({ meetingId: meeting.id, orgId: o.id, orgPath: o.path })));
    await tx.insert(meetingAttendees).values(people.map((p) => ({ meetingId: meeting.id, memberId: p.id, orgId: p.orgId })));
    await addEvent(tx, ctx, meeting.id, 'planned', { startsAt: meeting.startsAt, place: meeting.place });
    await notifyInvitees(
      tx,
      meeting,
      people.flatMap((p) => (p.userId ? [p.userId] : [])),
    );
    await audit(tx, ctx, {
      action: 'meeting.plan',
      entityType: 'meeting',
      entityId: meeting.id,
      orgId: host.id,
      after: {
        type: meeting.type,
        topic: meeting.topic,
        startsAt: meeting.startsAt,
        orgs: taking.map((o) => o.id),
        expected: people.length,
      },
    });
    return meeting.id;
  });
  return getMeeting(ctx, id);
}

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
    /** 支部党员大会 needs more than half of those expected present. */
    quorum: meeting.type === 'branch_assembly' ? present * 2 > expected : null,
    people,
  };
}

function meetingStatus(m: MeetingRow) {
  if (m.cancelledAt) return 'cancelled';
  if (m.publishedAt) return 'published';
  return m.status;
}

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

function assertOpen(m: MeetingRow) {
  if (m.cancelledAt) throw conflict('该会议已取消');
}

/** 改期: the new time replaces the old one; history keeps both; the invited are told again. */
export async function rescheduleMeeting(ctx: ActorCtx, id: number, input: { startsAt: Date; place?: string; reason: string }) {
  await ctx.db.transaction(async (tx) => {
    const { meeting } = await managedMeeting(tx, ctx, id, true);
    assertOpen(meeting);
    if (meeting.minutesAt) throw conflict('会议已召开并有记录，不能改期');
    if (input.startsAt < ctx.now()) throw invalid('startsAt', '新的开始时间不能早于现在');
    const [updated] = await tx
      .update(meetings)
      .set({ startsAt: input.startsAt, place: input.place ?? meeting.place, endsAt: null, updatedAt: ctx.now() })
      .where(eq(meetings.id, id))
      .returning();
    const details = {
      from: { startsAt: meeting.startsAt, place: meeting.place },
      to: { startsAt: updated.startsAt, place: updated.place },
      reason: input.reason,
    };
    await addEvent(tx, ctx, id, 'rescheduled', details);
    await notifyInvitees(tx, updated, await inviteeUserIds(tx, id), '【改期】');
    await audit(tx, ctx, {
      action: 'meeting.reschedule',
      entityType: 'meeting',
      entityId: id,
      orgId: meeting.orgId,
      ...{ before: details.from, after: details.to },
    });
  });
  return getMeeting(ctx, id);
}

/** 取消: kept with its reason; the invited are told. */
export async function cancelMeeting(ctx: ActorCtx, id: number, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const { meeting } = await managedMeeting(tx, ctx, id, true);
    assertOpen(meeting);
    if (meeting.minutesAt) throw conflict('会议已召开并有记录，不能取消');
    await tx.update(meetings).set({ cancelledAt: ctx.now(), cancelReason: reason, updatedAt: ctx.now() }).where(eq(meetings.id, id));
    await addEvent(tx, ctx, id, 'cancelled', { reason });
    const userIds = await inviteeUserIds(tx, id);
    await addTodos(
      tx,
      userIds.map((userId) => ({
        userId,
        orgId: meeting.orgId,
        kind: 'notice' as const,
        title: `会议取消：${meeting.topic}`,
        body: `原定 ${stamp(meeting.startsAt)} 的${typeName(meeting.type)}已取消。原因：${reason}`,
        link: `/m/life/meetings/${id}`,
        sourceKey: `meeting:${id}:cancelled`,
      })),
    );
    await audit(tx, ctx, { action: 'meeting.cancel', entityType: 'meeting', entityId: id, orgId: meeting.orgId, after: { reason } });
  });
  return getMeeting(ctx, id);
}

/** 会议记录和决议: only once the meeting has started. */
export async function recordMinutes(ctx: ActorCtx, id: number, input: MinutesInput) {
  await ctx.db.transaction(async (tx) => {
    const { meeting } = await managedMeeting(tx, ctx, id, true);
    assertOpen(meeting);
    if (ctx.now() < meeting.startsAt) throw invalid('minutes', `会议尚未召开（${stamp(meeting.startsAt)} 开始），不能填写会议记录`);
    if (meeting.publishedAt) throw conflict('会议记录已发布，不能再修改');
    const now = ctx.now();
    await tx
      .update(meetings)
      .set({
        minutes: input.minutes,
        resolutions: input.resolutions ?? null,
        hoursMinutes: input.hoursMinutes ?? meeting.hoursMinutes,
        minutesAt: meeting.minutesAt ?? now,
        status: 'held',
        updatedAt: now,
      })
      .where(eq(meetings.id, id));
    await addEvent(tx, ctx, id, meeting.minutesAt ? 'minutes-edited' : 'minutes');
    await audit(tx, ctx, {
      action: 'meeting.minutes',
      entityType: 'meeting',
      entityId: id,
      orgId: meeting.orgId,
      before: meeting.minutesAt ? { minutes: meeting.minutes, resolutions: meeting.resolutions } : undefined,
      after: { minutes: input.minutes, resolutions: input.resolutions ?? null },
    });
  });
  return getMeeting(ctx, id);
}

/** 发布: the minutes become readable to those who attended. */
export async function publishMeeting(ctx: ActorCtx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const { meeting } = await managedMeeting(tx, ctx, id, true);
    assertOpen(meeting);
    if (!meeting.minutesAt) throw invalid('minutes', '请先填写会议记录再发布');
    if (meeting.publishedAt) return;
    await tx.update(meetings).set({ publishedAt: ctx.now(), updatedAt: ctx.now() }).where(eq(meetings.id, id));
    await addEvent(tx, ctx, id, 'published');
    await audit(tx, ctx, { action: 'meeting.publish', entityType: 'meeting', entityId: id, orgId: meeting.orgId });
  });
  return getMeeting(ctx, id);
}

/** Attaches an uploaded photo or file (platform/files) the actor uploaded or may see. */
export async function attachFile(ctx: ActorCtx, id: number, input: { fileId: string; kind: 'photo' | 'file' }) {
  await ctx.db.transaction(async (tx) => {
    const { meeting } = await managedMeeting(tx, ctx, id, true);
    assertOpen(meeting);
    const [file] = await tx
      .select({ f: files, orgPath: orgs.path })
      .from(files)
      .leftJoin(orgs, eq(orgs.id, files.orgId))
      .where(eq(files.id, input.fileId))
      .then((rows) => rows.map((r) => ({ ...r.f, orgPath: r.orgPath })));
    // One's own upload, or one made in an org whose organizational life one manages.
    const mine = file && (file.ownerId === ctx.actor.userId || (file.orgPath && covers(scopeOf(ctx.actor, 'life:manage'), file.orgPath)));
    if (!file || !mine) throw invalid('fileId', '未找到该文件，请重新上传');
    if (input.kind === 'photo' && !file.mime.startsWith('image/')) throw invalid('fileId', '会议照片须为图片（JPG/PNG/WebP）');
    await tx.insert(meetingFiles).values({ meetingId: id, fileId: input.fileId, kind: input.kind }).onConflictDoNothing();
    await audit(tx, ctx, {
      action: 'meeting.file.attach',
      entityType: 'meeting',
      entityId: id,
      orgId: meeting.orgId,
      after: { fileId: input.fileId, name: file.name },
    });
  });
  return getMeeting(ctx, id);
}

export async function detachFile(ctx: ActorCtx, id: number, fileId: string) {
  await ctx.db.transaction(async (tx) => {
    const { meeting } = await managedMeeting(tx, ctx, id, true);
    if (meeting.publishedAt) throw conflict('会议记录已发布，不能删除附件');
    const res = await tx
      .delete(meetingFiles)
      .where(and(eq(meetingFiles.meetingId, id), eq(meetingFiles.fileId, fileId)))
      .returning();
    if (res.length === 0) throw notFound('该附件');
    await audit(tx, ctx, { action: 'meeting.file.detach', entityType: 'meeting', entityId: id, orgId: meeting.orgId, before: { fileId } });
  });
  return getMeeting(ctx, id);
}

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
    const { meeting } = await managedMeeting(tx, ctx, id, true);
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
    const { meeting } = await managedMeeting(tx, ctx, id, true);
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
    const [leave] = await tx.select().from(meetingLeaves).where(eq(meetingLeaves.id, leaveId)).for('update');
    if (!leave) throw notFound('该请假申请');
    const { meeting } = await managedMeeting(tx, ctx, leave.meetingId, true);
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

export { assertManage };
