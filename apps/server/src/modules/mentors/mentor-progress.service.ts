import { chinaDay, MENTOR_STAGES } from '@vanguard/shared';
import type { EvaluationCreateInput, MeetingCreateInput } from '@vanguard/shared/api/mentors';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { mentorEvaluations, mentorMeetings, mentorMilestones, mentorPairs } from '../../db/schema/index.js';
import { PAIRS } from '../../platform/access/gates.js';
import { loadFor, loadOwn, myRecords } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { awardPoints } from '../points/index.js';
import { pairDetail } from './mentor-pairs.service.js';
import { assertActive, one, type PairRow, PERM } from './mentors.common.js';
import { mentorSide } from './mentors.policy.js';

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

/** A meeting recorded by the org in the console. */
export async function addMeetingByOrg(ctx: ActorCtx, id: number, input: MeetingCreateInput) {
  await ctx.db.transaction(async (tx) => addMeeting(ctx, tx, await loadFor(ctx, PAIRS, id, PERM, { db: tx, lock: true }), 'org', input));
  return pairDetail(ctx, id);
}

/** A meeting recorded on the phone by the mentor or the mentee. */
export async function addMyMeeting(ctx: ActorCtx, id: number, input: MeetingCreateInput) {
  const side = await ctx.db.transaction(async (tx) => {
    const mine = await myRecords(ctx, tx);
    const { row: p, part: side } = await loadOwn(ctx, PAIRS, id, (r) => mentorSide(r, mine), { db: tx, lock: true });
    await addMeeting(ctx, tx, p, side, input);
    return side;
  });
  return pairDetail(ctx, id, side);
}

/** A milestone added to the pair's plan. */
export async function addMilestone(ctx: ActorCtx, id: number, input: { title: string; dueOn: string }) {
  await ctx.db.transaction(async (tx) => {
    const p = await loadFor(ctx, PAIRS, id, PERM, { db: tx, lock: true });
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

/** The org marks a milestone done or not done. */
export async function markMilestoneByOrg(ctx: ActorCtx, id: number, milestoneId: number, done: boolean) {
  await ctx.db.transaction(async (tx) =>
    markMilestone(ctx, tx, await loadFor(ctx, PAIRS, id, PERM, { db: tx, lock: true }), milestoneId, done),
  );
  return pairDetail(ctx, id);
}

/** One of the pair's sides marks a milestone done or not done on the phone. */
export async function markMyMilestone(ctx: ActorCtx, id: number, milestoneId: number, done: boolean) {
  const side = await ctx.db.transaction(async (tx) => {
    const mine = await myRecords(ctx, tx);
    const { row: p, part: side } = await loadOwn(ctx, PAIRS, id, (r) => mentorSide(r, mine), { db: tx, lock: true });
    await markMilestone(ctx, tx, p, milestoneId, done);
    return side;
  });
  return pairDetail(ctx, id, side);
}

/** The org's mid-term or final evaluation; the final one closes the pair (结业). One of each. */
export async function evaluatePair(ctx: ActorCtx, id: number, input: EvaluationCreateInput) {
  await ctx.db.transaction(async (tx) => {
    const p = await loadFor(ctx, PAIRS, id, PERM, { db: tx, lock: true });
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
