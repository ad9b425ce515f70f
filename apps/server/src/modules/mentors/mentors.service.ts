import {
  checkPeriod,
  chinaDay,
  evaluationDue,
  isMeetingOverdue,
  MENTOR_KINDS,
  MENTOR_RATINGS,
  MENTOR_STAGES,
  MENTOR_STATUSES,
  MENTORS_RULESETS,
  type MentorKind,
  type MentorRating,
  type MentorStage,
  type MentorStatus,
  meetingDueOn,
  mentorsRulesetOn,
  midTermDueOn,
} from '@vanguard/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.js';
import { members, mentorEvaluations, mentorMeetings, mentorMilestones, mentorPairs, orgs, workers } from '../../db/schema/index.js';
import { assertCan, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, notFound, validation } from '../../platform/errors.js';
import { awardPoints } from '../points/index.js';
import type { EvaluationCreateInput, MeetingCreateInput, PairCreateInput, PairDetailDto, PairListQuery } from './mentors.schemas.js';

type PairRow = typeof mentorPairs.$inferSelect;
const PERM = 'learning:manage' as const;
const rsOf = (p: PairRow) => MENTORS_RULESETS.find((r) => r.version === p.rulesetVersion) ?? mentorsRulesetOn(p.startsOn);
const one = (path: string, message: string) => validation([{ path, message }]);

async function orgInScope(ctx: ActorCtx, db: DbOrTx, orgId: number) {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw notFound('该组织');
  assertCan(ctx.actor, PERM, org.path, '该组织');
  return org;
}

/**
 * One list of the org subtree's pairs: the module's own pairs and, as kind 培养联系人, the
 * cultivation contacts recorded by recruitment (step 5 people of its cases) — read from recruitment's
 * tables by a union, never copied, so recruitment stays their one source of truth.
 */
function listSql(ctx: ActorCtx, orgPath: string, q: Pick<PairListQuery, 'kind' | 'status' | 'overdue'>, today: string) {
  const rs = mentorsRulesetOn(today);
  const scope = scopeOf(ctx.actor, PERM);
  const interval = rs.meetingIntervalDays;
  const own = sql`
    SELECT 'pair:' || p.id AS key, p.id, NULL::int AS case_id, p.kind, p.org_id, o.name AS org_name, p.org_path,
           mentor.name AS mentor_name, coalesce(mm.name, w.name) AS mentee_name, CASE WHEN p.mentee_worker_id IS NULL THEN 'member' ELSE 'worker' END AS mentee_type,
           p.starts_on::text AS starts_on, p.planned_end_on::text AS planned_end_on, p.status, p.last_meeting_on::text AS last_meeting_on,
           (coalesce(p.last_meeting_on, p.starts_on) + ${interval}::int)::text AS meeting_due_on,
           (p.status = 'active' AND coalesce(p.last_meeting_on, p.starts_on) + ${interval}::int < ${today}::date) AS overdue
    FROM mentor_pairs p JOIN orgs o ON o.id = p.org_id JOIN members mentor ON mentor.id = p.mentor_member_id
    LEFT JOIN members mm ON mm.id = p.mentee_member_id LEFT JOIN workers w ON w.id = p.mentee_worker_id
    WHERE p.org_path LIKE ${`${orgPath}%`} AND ${inScope(sql`p.org_path`, scope)}`;
  const contacts = sql`
    SELECT 'contact:' || c.id || ':' || (pp->>'memberId') AS key, NULL::int AS id, c.id AS case_id, 'contact' AS kind, c.org_id, o.name AS org_name, c.org_path,
           pp->>'name' AS mentor_name, c.name AS mentee_name, 'candidate' AS mentee_type,
           s.done_on::text AS starts_on, c.full_on::text AS planned_end_on, CASE WHEN c.status = 'active' THEN 'active' ELSE 'closed' END AS status,
           NULL::text AS last_meeting_on, NULL::text AS meeting_due_on, false AS overdue
    FROM recruitment_steps s JOIN recruitment_cases c ON c.id = s.case_id JOIN orgs o ON o.id = c.org_id
    CROSS JOIN LATERAL jsonb_array_elements(s.people) AS pp
    WHERE s.step_no = 5 AND c.org_path LIKE ${`${orgPath}%`} AND ${inScope(sql`c.org_path`, scope)}`;
  const parts = q.kind === 'contact' ? [contacts] : q.kind ? [sql`${own} AND p.kind = ${q.kind}`] : [own, contacts];
  const filters = [
    q.status ? sql`status = ${q.status}` : undefined,
    q.overdue === true ? sql`overdue` : q.overdue === false ? sql`NOT overdue` : undefined,
  ].filter(Boolean) as ReturnType<typeof sql>[];
  const where = filters.length ? sql`WHERE ${sql.join(filters, sql` AND `)}` : sql``;
  return sql`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) u ${where}`;
}

type ListRow = {
  key: string;
  id: number | null;
  case_id: number | null;
  kind: string;
  org_id: number;
  org_name: string;
  mentor_name: string;
  mentee_name: string;
  mentee_type: string;
  starts_on: string;
  planned_end_on: string | null;
  status: string;
  last_meeting_on: string | null;
  meeting_due_on: string | null;
  overdue: boolean;
};

const itemOf = (r: ListRow) => ({
  key: r.key,
  id: r.id,
  caseId: r.case_id,
  kind: r.kind,
  kindName: MENTOR_KINDS[r.kind as MentorKind] ?? r.kind,
  orgId: r.org_id,
  orgName: r.org_name,
  mentorName: r.mentor_name,
  menteeName: r.mentee_name,
  menteeType: r.mentee_type,
  startsOn: r.starts_on,
  plannedEndOn: r.planned_end_on,
  status: r.status,
  statusName: MENTOR_STATUSES[r.status as MentorStatus] ?? r.status,
  lastMeetingOn: r.last_meeting_on,
  meetingDueOn: r.meeting_due_on,
  overdue: r.overdue,
});

/** Pairs of an org's subtree (with recruitment's 培养联系人), filtered and paged; overdue first. */
export async function listPairs(ctx: ActorCtx, q: PairListQuery) {
  const org = await orgInScope(ctx, ctx.db, q.orgId);
  const base = listSql(ctx, org.path, q, chinaDay(ctx.now()));
  const [items, total] = await Promise.all([
    ctx.db.execute<ListRow>(
      sql`${base} ORDER BY overdue DESC, (status = 'active') DESC, starts_on DESC, key LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    ),
    ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${base}) x`),
  ]);
  return { items: items.rows.map(itemOf), total: total.rows[0].n };
}

/** Every row of the list (no paging) for the ledger export. */
export async function allPairs(ctx: ActorCtx, q: Omit<PairListQuery, 'page' | 'pageSize'>) {
  const org = await orgInScope(ctx, ctx.db, q.orgId);
  const res = await ctx.db.execute<
    ListRow & { meetings: number; milestones: number; milestones_done: number; mid: string | null; final: string | null }
  >(sql`
    SELECT u.*,
      (SELECT count(*)::int FROM mentor_meetings m WHERE m.pair_id = u.id) AS meetings,
      (SELECT count(*)::int FROM mentor_milestones m WHERE m.pair_id = u.id) AS milestones,
      (SELECT count(*)::int FROM mentor_milestones m WHERE m.pair_id = u.id AND m.done_on IS NOT NULL) AS milestones_done,
      (SELECT rating FROM mentor_evaluations e WHERE e.pair_id = u.id AND e.stage = 'mid') AS mid,
      (SELECT rating FROM mentor_evaluations e WHERE e.pair_id = u.id AND e.stage = 'final') AS final
    FROM (${listSql(ctx, org.path, q, chinaDay(ctx.now()))}) u ORDER BY u.org_name, u.kind, u.starts_on, u.key`);
  return { org, rows: res.rows };
}

const mentor = alias(members, 'mentor');
const mentee = alias(members, 'mentee');

async function pairRow(db: DbOrTx, id: number, lock = false) {
  const q = db.select().from(mentorPairs).where(eq(mentorPairs.id, id));
  const [p] = lock ? await q.for('update') : await q;
  return p;
}

/** The pair for a console actor: outside scope 404, visible without the permission 403. */
async function scopedPair(ctx: ActorCtx, db: DbOrTx, id: number, lock = false) {
  const p = await pairRow(db, id, lock);
  if (!p) throw notFound('该师徒结对');
  assertCan(ctx.actor, PERM, p.orgPath, '该师徒结对');
  return p;
}

/** Which side of a pair the signed-in user is on (mentor, mentee), or null. */
export async function sideOf(db: DbOrTx, userId: number, p: PairRow): Promise<'mentor' | 'mentee' | null> {
  const ids = [p.mentorMemberId, p.menteeMemberId].filter((x): x is number => x !== null);
  const ms = ids.length
    ? await db.select({ id: members.id, userId: members.userId }).from(members).where(sql`${members.id} IN ${ids}`)
    : [];
  if (ms.find((m) => m.id === p.mentorMemberId)?.userId === userId) return 'mentor';
  if (p.menteeMemberId && ms.find((m) => m.id === p.menteeMemberId)?.userId === userId) return 'mentee';
  if (p.menteeWorkerId) {
    const [w] = await db.select({ userId: workers.userId }).from(workers).where(eq(workers.id, p.menteeWorkerId));
    if (w?.userId === userId) return 'mentee';
  }
  return null;
}

/** The pair for one of its two sides on the phone; anyone else 404. */
async function myPair(ctx: ActorCtx, db: DbOrTx, id: number, lock = false) {
  const p = await pairRow(db, id, lock);
  const side = p ? await sideOf(db, ctx.actor.userId, p) : null;
  if (!p || !side) throw notFound('该师徒结对');
  return { p, side };
}

export async function pairDetail(ctx: ActorCtx, id: number, myRole: 'mentor' | 'mentee' | null = null): Promise<PairDetailDto> {
  const [r] = await ctx.db
    .select({
      p: mentorPairs,
      orgName: orgs.name,
      mentorName: mentor.name,
      menteeName: sql<string>`coalesce(${mentee.name}, ${workers.name})`,
    })
    .from(mentorPairs)
    .innerJoin(orgs, eq(orgs.id, mentorPairs.orgId))
    .innerJoin(mentor, eq(mentor.id, mentorPairs.mentorMemberId))
    .leftJoin(mentee, eq(mentee.id, mentorPairs.menteeMemberId))
    .leftJoin(workers, eq(workers.id, mentorPairs.menteeWorkerId))
    .where(eq(mentorPairs.id, id));
  const p = r.p;
  const rs = rsOf(p);
  const today = chinaDay(ctx.now());
  const [ms, meets, evals] = await Promise.all([
    ctx.db
      .select()
      .from(mentorMilestones)
      .where(eq(mentorMilestones.pairId, id))
      .orderBy(asc(mentorMilestones.dueOn), asc(mentorMilestones.id)),
    ctx.db.select().from(mentorMeetings).where(eq(mentorMeetings.pairId, id)).orderBy(asc(mentorMeetings.metOn), asc(mentorMeetings.id)),
    ctx.db.select().from(mentorEvaluations).where(eq(mentorEvaluations.pairId, id)).orderBy(asc(mentorEvaluations.id)),
  ]);
  const WRITERS = { mentor: '导师', mentee: '学员', org: '党组织' } as const;
  return {
    id: p.id,
    kind: p.kind,
    kindName: MENTOR_KINDS[p.kind as MentorKind] ?? p.kind,
    orgId: p.orgId,
    orgName: r.orgName,
    mentorMemberId: p.mentorMemberId,
    mentorName: r.mentorName,
    menteeMemberId: p.menteeMemberId,
    menteeWorkerId: p.menteeWorkerId,
    menteeName: r.menteeName,
    startsOn: p.startsOn,
    plannedEndOn: p.plannedEndOn,
    goals: p.goals,
    status: p.status,
    statusName: MENTOR_STATUSES[p.status as MentorStatus] ?? p.status,
    endedOn: p.endedOn,
    endReason: p.endReason,
    lastMeetingOn: p.lastMeetingOn,
    meetingDueOn: meetingDueOn(p, rs),
    overdue: isMeetingOverdue(p, today, rs),
    midTermDueOn: midTermDueOn(p, rs),
    evaluationDue: evaluationDue(
      p,
      { mid: evals.some((e) => e.stage === 'mid'), final: evals.some((e) => e.stage === 'final') },
      today,
      rs,
    ),
    myRole,
    milestones: ms.map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn })),
    meetings: meets.map((m) => ({
      id: m.id,
      metOn: m.metOn,
      topic: m.topic,
      content: m.content,
      writtenBy: m.writtenBy,
      writtenByName: WRITERS[m.writtenBy as keyof typeof WRITERS] ?? m.writtenBy,
    })),
    evaluations: evals.map((e) => ({
      id: e.id,
      stage: e.stage,
      stageName: MENTOR_STAGES[e.stage as MentorStage],
      rating: e.rating,
      ratingName: MENTOR_RATINGS[e.rating as MentorRating],
      comment: e.comment,
      evaluatedOn: e.evaluatedOn,
    })),
  };
}

export async function getPair(ctx: ActorCtx, id: number) {
  await scopedPair(ctx, ctx.db, id);
  return pairDetail(ctx, id);
}

/** Creates a pair with its plan (goals and milestones) in an org; mentor and mentee from the org's subtree. */
export async function createPair(ctx: ActorCtx, input: PairCreateInput) {
  const today = chinaDay(ctx.now());
  const rs = mentorsRulesetOn(input.startsOn);
  const id = await ctx.db.transaction(async (tx) => {
    const org = await orgInScope(ctx, tx, input.orgId);
    const problems = [...checkPeriod(input.startsOn, input.plannedEndOn, rs)];
    if (input.startsOn > today) problems.push({ path: 'startsOn', message: '开始日期不能晚于今天' });
    input.milestones.forEach((m, i) => {
      if (m.dueOn < input.startsOn || m.dueOn > input.plannedEndOn)
        problems.push({
          path: `milestones.${i}.dueOn`,
          message: `第 ${i + 1} 个里程碑的期限应在带徒期内（${input.startsOn} 至 ${input.plannedEndOn}）`,
        });
    });
    // The mentor's row is locked so two concurrent creations of the same pair give one pair.
    const [m] = await tx.select().from(members).where(eq(members.id, input.mentorMemberId)).for('update');
    if (!m?.orgPath.startsWith(org.path) || m.status !== 'normal')
      problems.push({ path: 'mentorMemberId', message: `导师应为${org.name}的在册党员` });
    let menteeName = '';
    if (input.menteeMemberId) {
      const [x] = await tx.select().from(members).where(eq(members.id, input.menteeMemberId));
      if (!x?.orgPath.startsWith(org.path) || x.status !== 'normal')
        problems.push({ path: 'menteeMemberId', message: `学员应为${org.name}的在册党员或职工` });
      else if (x.id === input.mentorMemberId) problems.push({ path: 'menteeMemberId', message: '导师和学员不能是同一人' });
      menteeName = x?.name ?? '';
    } else if (input.menteeWorkerId) {
      const [w] = await tx.select().from(workers).where(eq(workers.id, input.menteeWorkerId));
      if (!w?.orgPath.startsWith(org.path)) problems.push({ path: 'menteeWorkerId', message: `学员应为${org.name}的职工` });
      if (input.kind === 'youth') problems.push({ path: 'menteeWorkerId', message: '青年党员导师的学员应为党员' });
      menteeName = w?.name ?? '';
    }
    if (problems.length) throw validation(problems);
    const [dup] = await tx
      .select({ id: mentorPairs.id })
      .from(mentorPairs)
      .where(
        and(
          eq(mentorPairs.mentorMemberId, input.mentorMemberId),
          eq(mentorPairs.status, 'active'),
          eq(mentorPairs.kind, input.kind),
          input.menteeMemberId
            ? eq(mentorPairs.menteeMemberId, input.menteeMemberId)
            : eq(mentorPairs.menteeWorkerId, input.menteeWorkerId as number),
        ),
      );
    if (dup) throw conflict(`${m?.name}与${menteeName}已结对（进行中），不能重复结对`);
    const [row] = await tx
      .insert(mentorPairs)
      .values({
        orgId: org.id,
        orgPath: org.path,
        kind: input.kind,
        mentorMemberId: input.mentorMemberId,
        menteeMemberId: input.menteeMemberId ?? null,
        menteeWorkerId: input.menteeWorkerId ?? null,
        startsOn: input.startsOn,
        plannedEndOn: input.plannedEndOn,
        goals: input.goals,
        rulesetVersion: rs.version,
      })
      .returning();
    if (input.milestones.length) await tx.insert(mentorMilestones).values(input.milestones.map((x) => ({ pairId: row.id, ...x })));
    await audit(tx, ctx, {
      action: 'mentor_pair.create',
      entityType: 'mentor_pair',
      entityId: row.id,
      orgId: org.id,
      after: { ...row, milestones: input.milestones },
    });
    return row.id;
  });
  return pairDetail(ctx, id);
}

function assertActive(p: PairRow) {
  if (p.status !== 'active') throw conflict(`该结对已${MENTOR_STATUSES[p.status as MentorStatus] ?? '结束'}，不能再修改`);
}

/**
 * A meeting record from either side (phone) or the org (console). Idempotent by the client's key;
 * keeps `last_meeting_on`; points for both members of the pair (mentor_meeting, daily cap).
 */
async function addMeeting(ctx: ActorCtx, tx: Tx, p: PairRow, writtenBy: 'mentor' | 'mentee' | 'org', input: MeetingCreateInput) {
  assertActive(p);
  const today = chinaDay(ctx.now());
  if (input.metOn > today) throw one('metOn', '谈心日期不能晚于今天');
  if (input.metOn < p.startsOn) throw one('metOn', `谈心日期不能早于结对开始日期 ${p.startsOn}`);
  if (input.clientKey) {
    const [seen] = await tx
      .select({ id: mentorMeetings.id })
      .from(mentorMeetings)
      .where(and(eq(mentorMeetings.pairId, p.id), eq(mentorMeetings.clientKey, input.clientKey)));
    if (seen) return seen.id;
  }
  const [row] = await tx
    .insert(mentorMeetings)
    .values({
      pairId: p.id,
      metOn: input.metOn,
      topic: input.topic,
      content: input.content,
      writtenBy,
      authorUserId: ctx.actor.userId,
      clientKey: input.clientKey ?? null,
    })
    .returning();
  await tx
    .update(mentorPairs)
    .set({ lastMeetingOn: sql`greatest(${mentorPairs.lastMeetingOn}, ${input.metOn}::date)`, updatedAt: ctx.now() })
    .where(eq(mentorPairs.id, p.id));
  // Ascending ids: two meetings of pairs with swapped roles lock the day rows in the same order.
  for (const memberId of [p.mentorMemberId, p.menteeMemberId].sort((a, b) => (a ?? 0) - (b ?? 0)))
    if (memberId)
      await awardPoints(tx, { memberId, activity: 'mentor_meeting', sourceKey: `mentor-meeting:${row.id}:${memberId}`, at: ctx.now() });
  await audit(tx, ctx, { action: 'mentor_meeting.create', entityType: 'mentor_pair', entityId: p.id, orgId: p.orgId, after: row });
  return row.id;
}

export async function addMeetingByOrg(ctx: ActorCtx, id: number, input: MeetingCreateInput) {
  await ctx.db.transaction(async (tx) => addMeeting(ctx, tx, await scopedPair(ctx, tx, id, true), 'org', input));
  return pairDetail(ctx, id);
}

export async function addMyMeeting(ctx: ActorCtx, id: number, input: MeetingCreateInput) {
  const side = await ctx.db.transaction(async (tx) => {
    const { p, side } = await myPair(ctx, tx, id, true);
    await addMeeting(ctx, tx, p, side, input);
    return side;
  });
  return pairDetail(ctx, id, side);
}

export async function addMilestone(ctx: ActorCtx, id: number, input: { title: string; dueOn: string }) {
  await ctx.db.transaction(async (tx) => {
    const p = await scopedPair(ctx, tx, id, true);
    assertActive(p);
    if (input.dueOn < p.startsOn || input.dueOn > p.plannedEndOn)
      throw one('dueOn', `期限应在带徒期内（${p.startsOn} 至 ${p.plannedEndOn}）`);
    const [row] = await tx
      .insert(mentorMilestones)
      .values({ pairId: id, ...input })
      .returning();
    await audit(tx, ctx, { action: 'mentor_milestone.create', entityType: 'mentor_pair', entityId: id, orgId: p.orgId, after: row });
  });
  return pairDetail(ctx, id);
}

async function markMilestone(ctx: ActorCtx, tx: Tx, p: PairRow, milestoneId: number, done: boolean) {
  assertActive(p);
  const [m] = await tx
    .select()
    .from(mentorMilestones)
    .where(and(eq(mentorMilestones.id, milestoneId), eq(mentorMilestones.pairId, p.id)))
    .for('update');
  if (!m) throw notFound('该里程碑');
  if (Boolean(m.doneOn) === done) return;
  const [after] = await tx
    .update(mentorMilestones)
    .set({ doneOn: done ? chinaDay(ctx.now()) : null, doneBy: done ? ctx.actor.userId : null, updatedAt: ctx.now() })
    .where(eq(mentorMilestones.id, m.id))
    .returning();
  await audit(tx, ctx, { action: 'mentor_milestone.update', entityType: 'mentor_pair', entityId: p.id, orgId: p.orgId, before: m, after });
}

export async function markMilestoneByOrg(ctx: ActorCtx, id: number, milestoneId: number, done: boolean) {
  await ctx.db.transaction(async (tx) => markMilestone(ctx, tx, await scopedPair(ctx, tx, id, true), milestoneId, done));
  return pairDetail(ctx, id);
}

export async function markMyMilestone(ctx: ActorCtx, id: number, milestoneId: number, done: boolean) {
  const side = await ctx.db.transaction(async (tx) => {
    const { p, side } = await myPair(ctx, tx, id, true);
    await markMilestone(ctx, tx, p, milestoneId, done);
    return side;
  });
  return pairDetail(ctx, id, side);
}

/** The org's mid-term or final evaluation; the final one closes the pair (结业). One of each. */
export async function evaluatePair(ctx: ActorCtx, id: number, input: EvaluationCreateInput) {
  await ctx.db.transaction(async (tx) => {
    const p = await scopedPair(ctx, tx, id, true);
    assertActive(p);
    if (input.evaluatedOn > chinaDay(ctx.now())) throw one('evaluatedOn', '评价日期不能晚于今天');
    if (input.evaluatedOn < p.startsOn) throw one('evaluatedOn', `评价日期不能早于结对开始日期 ${p.startsOn}`);
    const done = await tx.select().from(mentorEvaluations).where(eq(mentorEvaluations.pairId, id));
    if (done.some((e) => e.stage === input.stage)) throw conflict(`该结对已有${MENTOR_STAGES[input.stage]}`);
    const [row] = await tx
      .insert(mentorEvaluations)
      .values({ pairId: id, ...input, evaluatedBy: ctx.actor.userId })
      .returning();
    let after: PairRow | undefined;
    if (input.stage === 'final')
      [after] = await tx
        .update(mentorPairs)
        .set({ status: 'closed', endedOn: input.evaluatedOn, updatedAt: ctx.now() })
        .where(eq(mentorPairs.id, id))
        .returning();
    await audit(tx, ctx, {
      action: 'mentor_pair.evaluate',
      entityType: 'mentor_pair',
      entityId: id,
      orgId: p.orgId,
      before: p,
      after: { evaluation: row, pair: after ?? p },
    });
  });
  return pairDetail(ctx, id);
}

/** Ends a pair early (调岗、离职…), with a reason; confirmed in the console first. */
export async function endPair(ctx: ActorCtx, id: number, input: { endedOn: string; reason: string }) {
  await ctx.db.transaction(async (tx) => {
    const p = await scopedPair(ctx, tx, id, true);
    assertActive(p);
    if (input.endedOn > chinaDay(ctx.now())) throw one('endedOn', '终止日期不能晚于今天');
    if (input.endedOn < p.startsOn) throw one('endedOn', `终止日期不能早于结对开始日期 ${p.startsOn}`);
    const [after] = await tx
      .update(mentorPairs)
      .set({ status: 'ended', endedOn: input.endedOn, endReason: input.reason, updatedAt: ctx.now() })
      .where(eq(mentorPairs.id, id))
      .returning();
    await audit(tx, ctx, { action: 'mentor_pair.end', entityType: 'mentor_pair', entityId: id, orgId: p.orgId, before: p, after });
  });
  return pairDetail(ctx, id);
}

/** Members (or workers) of an org's subtree for the pickers, by name. */
export async function candidates(ctx: ActorCtx, q: { orgId: number; type: 'member' | 'worker'; q?: string }) {
  const org = await orgInScope(ctx, ctx.db, q.orgId);
  const t = q.type === 'member' ? members : workers;
  const rows = await ctx.db
    .select({ id: t.id, name: t.name, orgName: orgs.name })
    .from(t)
    .innerJoin(orgs, eq(orgs.id, t.orgId))
    .where(
      and(
        sql`${t.orgPath} LIKE ${`${org.path}%`}`,
        inScope(t.orgPath, scopeOf(ctx.actor, PERM)),
        q.type === 'member' ? eq(members.status, 'normal') : undefined,
        q.q ? sql`${t.name} LIKE ${`%${q.q}%`}` : undefined,
      ),
    )
    .orderBy(asc(t.name), asc(t.id))
    .limit(50);
  return rows;
}

/** My pairs on the phone (as mentor or mentee), active first. */
export async function myPairs(ctx: ActorCtx) {
  const res = await ctx.db.execute<{ id: number }>(sql`
    SELECT p.id FROM mentor_pairs p
    WHERE p.mentor_member_id IN (SELECT id FROM members WHERE user_id = ${ctx.actor.userId})
       OR p.mentee_member_id IN (SELECT id FROM members WHERE user_id = ${ctx.actor.userId})
       OR p.mentee_worker_id IN (SELECT id FROM workers WHERE user_id = ${ctx.actor.userId})
    ORDER BY (p.status = 'active') DESC, p.starts_on DESC, p.id LIMIT 50`);
  const out = [];
  for (const { id } of res.rows) {
    const p = (await pairRow(ctx.db, id)) as PairRow;
    out.push(await pairDetail(ctx, id, await sideOf(ctx.db, ctx.actor.userId, p)));
  }
  return { items: out, total: out.length };
}

export async function getMyPair(ctx: ActorCtx, id: number) {
  const { side } = await myPair(ctx, ctx.db, id);
  return pairDetail(ctx, id, side);
}
