import { chinaDay, lifeRulesetOn } from '@vanguard/shared';
import type { InviteInput, MeetingCreateInput } from '@vanguard/shared/api/life';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { leadershipMembers, leadershipTerms, meetingAttendees, meetingOrgs, meetings, members, type orgs } from '../../db/schema/index.js';
import { covers, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';
import { type MeetingRow, managedMeeting, managedOrg, orgsByIds, stamp } from './life.access.js';
import { addEvent, assertOpen, typeName } from './meetings.common.js';
import { getMeeting } from './meetings.service.js';
import { newSignKey } from './signin.token.js';

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
  // 支委会 is the committee's meeting; 党小组会 the group's (支部工作条例第十一、十二条).
  if (input.type === 'committee' && input.invite.kind !== 'committee')
    throw invalid('invite.kind', '支委会只通知支委会成员参加，请选择“支委会成员”');
  const id = await ctx.db.transaction(async (tx) => {
    const host = await managedOrg(tx, ctx, input.orgId, '召开会议的组织');
    if (input.type === 'group' && host.kind !== 'group') throw invalid('orgId', '党小组会由党小组召开，请在“召开组织”中选择党小组');
    if (input.type === 'group' && input.invite.kind !== 'members') throw invalid('invite.kind', '党小组会通知本小组全体党员参加');
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
        agenda: input.agenda || null,
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
