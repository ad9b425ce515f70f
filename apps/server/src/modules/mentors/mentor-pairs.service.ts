import {
  checkPeriod,
  chinaDay,
  evaluationDue,
  isMeetingOverdue,
  MENTOR_KINDS,
  MENTOR_RATINGS,
  MENTOR_STAGES,
  MENTOR_STATUSES,
  type MentorKind,
  type MentorRating,
  type MentorStage,
  type MentorStatus,
  meetingDueOn,
  mentorsRulesetOn,
  midTermDueOn,
} from '@vanguard/shared';
import type { PairCreateInput, PairDetailDto } from '@vanguard/shared/api/mentors';
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { members, mentorEvaluations, mentorMeetings, mentorMilestones, mentorPairs, orgs, workers } from '../../db/schema/index.js';
import { PAIRS } from '../../platform/access/gates.js';
import { loadFor, loadOwn, myRecords, orgFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, validation } from '../../platform/errors.js';
import { assertActive, one, PERM, rsOf } from './mentors.common.js';
import { mentorSide } from './mentors.policy.js';

const mentor = alias(members, 'mentor');
const mentee = alias(members, 'mentee');

/** A pair with its plan, meetings, milestones and evaluations; `myRole` when one of its sides reads it. */
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

/** A pair for the console, in the actor's scope. */
export async function getPair(ctx: ActorCtx, id: number) {
  await loadFor(ctx, PAIRS, id, PERM);
  return pairDetail(ctx, id);
}

/** Creates a pair with its plan (goals and milestones) in an org; mentor and mentee from the org's subtree. */
export async function createPair(ctx: ActorCtx, input: PairCreateInput) {
  const today = chinaDay(ctx.now());
  const rs = mentorsRulesetOn(input.startsOn);
  const id = await ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, input.orgId, PERM, { db: tx, dissolved: true });
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

/** Ends a pair early (调岗、离职…), with a reason; confirmed in the console first. */
export async function endPair(ctx: ActorCtx, id: number, input: { endedOn: string; reason: string }) {
  await ctx.db.transaction(async (tx) => {
    const p = await loadFor(ctx, PAIRS, id, PERM, { db: tx, lock: true });
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

/** My pairs on the phone (as mentor or mentee), active first. */
export async function myPairs(ctx: ActorCtx) {
  const res = await ctx.db.execute<{
    id: number;
    mentorMemberId: number;
    menteeMemberId: number | null;
    menteeWorkerId: number | null;
  }>(sql`
    SELECT p.id, p.mentor_member_id AS "mentorMemberId", p.mentee_member_id AS "menteeMemberId", p.mentee_worker_id AS "menteeWorkerId"
    FROM mentor_pairs p
    WHERE p.mentor_member_id IN (SELECT id FROM members WHERE user_id = ${ctx.actor.userId})
       OR p.mentee_member_id IN (SELECT id FROM members WHERE user_id = ${ctx.actor.userId})
       OR p.mentee_worker_id IN (SELECT id FROM workers WHERE user_id = ${ctx.actor.userId})
    ORDER BY (p.status = 'active') DESC, p.starts_on DESC, p.id LIMIT 50`);
  const mine = await myRecords(ctx);
  const out = [];
  for (const p of res.rows) out.push(await pairDetail(ctx, p.id, mentorSide(p, mine)));
  return { items: out, total: out.length };
}

/** One of my pairs on the phone. */
export async function getMyPair(ctx: ActorCtx, id: number) {
  const mine = await myRecords(ctx);
  const { part: side } = await loadOwn(ctx, PAIRS, id, (p) => mentorSide(p, mine));
  return pairDetail(ctx, id, side);
}
