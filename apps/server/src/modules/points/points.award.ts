import { cappedPoints, chinaDay, effectiveCaps, type PointActivity, type PointCaps, pointsRulesetOn, studyBlocks } from '@vanguard/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { learningExams, pointDays, pointEntries } from '../../db/schema/index.js';
import { getSetting } from '../../platform/settings.js';

/** The daily caps in force on a China day: the ruleset's, with the group's overrides ('points.caps'). */
export async function capsOn(db: DbOrTx, day: string): Promise<PointCaps> {
  return effectiveCaps(pointsRulesetOn(day), await getSetting(db, 'points.caps'));
}

export interface AwardInput {
  memberId: number;
  activity: PointActivity;
  /** Unique per counted event (e.g. `competition:12:member:7`): a replay with the same key counts nothing. */
  sourceKey: string;
  /** When the activity happened (its China day decides the cap). */
  at: Date;
  /** Points the activity earns before the caps; default: the ruleset's points for the activity. */
  points?: number;
}

export interface AwardResult {
  /** false when the sourceKey was seen before (nothing changed). */
  recorded: boolean;
  requested: number;
  /** What counted after the daily caps. */
  points: number;
}

/** Locks (creating if needed) the member's row of the day: concurrent awards of one member queue here. */
async function lockDay(tx: Tx, memberId: number, day: string) {
  await tx.insert(pointDays).values({ memberId, day }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(pointDays)
    .where(and(eq(pointDays.memberId, memberId), eq(pointDays.day, day)))
    .for('update');
  return row;
}

/**
 * Records points for one activity of a member, inside the caller's transaction. Idempotent by
 * `sourceKey` (unique index: a replay, even a concurrent one, counts once). The member's row of
 * the China day is locked, so the daily caps (per activity and in total) hold under concurrency;
 * an award beyond the cap is kept with 0 points.
 */
export async function awardPoints(tx: Tx, input: AwardInput): Promise<AwardResult> {
  const day = chinaDay(input.at);
  const rs = pointsRulesetOn(day);
  const requested = Math.max(0, Math.trunc(input.points ?? rs.points[input.activity]));
  // Lock first, then claim the key: two replays of one key queue on the lock, the second finds the key.
  const today = await lockDay(tx, input.memberId, day);
  const [seen] = await tx.select({ id: pointEntries.id }).from(pointEntries).where(eq(pointEntries.sourceKey, input.sourceKey));
  if (seen) return { recorded: false, requested, points: 0 };
  const caps = await capsOn(tx, day);
  const points = cappedPoints(
    requested,
    { activity: today.byActivity[input.activity] ?? 0, total: today.total },
    { activity: caps[input.activity], total: caps.total },
  );
  const inserted = await tx
    .insert(pointEntries)
    .values({
      memberId: input.memberId,
      activity: input.activity,
      sourceKey: input.sourceKey,
      day,
      at: input.at,
      requested,
      points,
      rulesetVersion: rs.version,
    })
    .onConflictDoNothing()
    .returning({ id: pointEntries.id });
  if (inserted.length === 0) return { recorded: false, requested, points: 0 };
  if (points > 0) {
    await tx
      .update(pointDays)
      .set({
        total: sql`${pointDays.total} + ${points}`,
        byActivity: sql`jsonb_set(${pointDays.byActivity}, ${`{${input.activity}}`}::text[], to_jsonb(coalesce((${pointDays.byActivity}->>${input.activity})::int, 0) + ${points}))`,
        updatedAt: sql`now()`,
      })
      .where(eq(pointDays.id, today.id));
  }
  return { recorded: true, requested, points };
}

/**
 * Credited study time (courses' heartbeat credit) turned into points: seconds accumulate per
 * member and China day; each whole block of `studyMinutesPerPoint` minutes is one award with its
 * own source key (`study:<member>:<day>:<block>`), so a block never counts twice. Replayed
 * heartbeats are refused by the courses module before this is called.
 */
export async function awardStudySeconds(tx: Tx, input: { memberId: number; seconds: number; at: Date }): Promise<number> {
  if (input.seconds <= 0) return 0;
  const day = chinaDay(input.at);
  const rs = pointsRulesetOn(day);
  const before = await lockDay(tx, input.memberId, day);
  const { from, to } = studyBlocks(before.studySeconds, input.seconds, rs.studyMinutesPerPoint);
  await tx
    .update(pointDays)
    .set({ studySeconds: sql`${pointDays.studySeconds} + ${input.seconds}` })
    .where(eq(pointDays.id, before.id));
  let total = 0;
  for (let b = from + 1; b <= to; b++) {
    const r = await awardPoints(tx, {
      memberId: input.memberId,
      activity: 'study',
      sourceKey: `study:${input.memberId}:${day}:${b}`,
      at: input.at,
    });
    total += r.points;
  }
  return total;
}

/**
 * A finished exam attempt (submitted by the member, timed out or synced from the phone): points
 * for taking the exam once per exam (a second attempt earns none), and the pass bonus once per
 * exam when the graded score reaches the exam's pass score. Attempts still waiting for hand
 * grading get the pass bonus only if a later grading is finished through this function again.
 */
export async function awardExamPoints(
  tx: Tx,
  attempt: { examId: number; memberId: number; status: string; score: number | null; submittedAt: Date | null },
): Promise<number> {
  const at = attempt.submittedAt ?? new Date(0);
  const key = `exam:${attempt.examId}:member:${attempt.memberId}`;
  let total = (await awardPoints(tx, { memberId: attempt.memberId, activity: 'exam', sourceKey: key, at })).points;
  if (attempt.status === 'graded' && attempt.score !== null) {
    const [exam] = await tx.select({ passScore: learningExams.passScore }).from(learningExams).where(eq(learningExams.id, attempt.examId));
    if (exam && attempt.score >= exam.passScore) {
      const rs = pointsRulesetOn(chinaDay(at));
      total += (
        await awardPoints(tx, { memberId: attempt.memberId, activity: 'exam', sourceKey: `${key}:passed`, at, points: rs.examPassBonus })
      ).points;
    }
  }
  return total;
}
