/**
 * Grading an attempt: as of its end when it is submitted (finishAttempt), and as of its deadline when
 * it was left open (finishExpired). Used by taking (attempts.service), offline submission and results.
 */
import {
  type AnswerResponse,
  autoGrade,
  type QuestionAnswer,
  type QuestionContent,
  type QuestionOption,
  type QuestionType,
} from '@vanguard/shared';
import { and, eq, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  learningAttemptItems,
  learningAttempts,
  learningExams,
  learningQuestions,
  learningQuestionVersions,
} from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { awardExamPoints } from '../points/index.js';

type ItemRow = typeof learningAttemptItems.$inferSelect;
type VersionRow = typeof learningQuestionVersions.$inferSelect;
type AttemptRow = typeof learningAttempts.$inferSelect;

export async function versionsOf(db: DbOrTx, ids: number[]): Promise<Map<number, VersionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(learningQuestionVersions).where(inArray(learningQuestionVersions.id, ids));
  return new Map(rows.map((v) => [v.id, v]));
}

export async function typesOf(db: DbOrTx, ids: number[]): Promise<Map<number, QuestionType>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: learningQuestions.id, type: learningQuestions.type })
    .from(learningQuestions)
    .where(inArray(learningQuestions.id, ids));
  return new Map(rows.map((r) => [r.id, r.type as QuestionType]));
}

/**
 * Grades an attempt as of its end (`endAt`, never after the deadline): answers saved after the
 * deadline do not count. Choice, judge and fill-in questions are graded now; short answers wait
 * for a person (status `submitted`) unless left empty.
 */
export async function finishAttempt(tx: Tx, attempt: AttemptRow, endAt: Date, endedBy: 'member' | 'timeout') {
  const end = new Date(Math.min(endAt.getTime(), attempt.deadlineAt.getTime()));
  const items = await tx.select().from(learningAttemptItems).where(eq(learningAttemptItems.attemptId, attempt.id));
  const versions = await versionsOf(
    tx,
    items.map((i) => i.versionId),
  );
  const types = await typesOf(
    tx,
    items.map((i) => i.questionId),
  );
  let auto = 0;
  let pending = 0;
  const sets: { id: number; correct: boolean | null; awarded: number | null; dropped: boolean }[] = [];
  for (const it of items) {
    const v = versions.get(it.versionId) as VersionRow;
    const type = types.get(it.questionId) as QuestionType;
    const counted = it.answeredAt && it.answeredAt.getTime() <= end.getTime() ? (it.response as AnswerResponse | null) : null;
    const content: QuestionContent = { type, stem: v.stem, options: v.options as QuestionOption[], answer: v.answer as QuestionAnswer };
    const g = autoGrade(content, counted, it.points);
    let set: Partial<ItemRow>;
    if (g) set = { correct: g.correct, awarded: g.points };
    else if (!counted || ('texts' in counted && counted.texts.every((t) => !t.trim()))) set = { correct: false, awarded: 0 };
    else {
      pending++;
      set = { correct: null, awarded: null };
    }
    // A response saved after the deadline is dropped, so the attempt shows what was graded.
    sets.push({ id: it.id, correct: set.correct ?? null, awarded: set.awarded ?? null, dropped: !counted && Boolean(it.response) });
    auto += g?.points ?? 0;
  }
  // One statement for all items (a 50-question paper is one round trip, not fifty).
  if (sets.length)
    await tx.execute(sql`
      UPDATE learning_attempt_items i SET correct = v.correct, awarded = v.awarded,
        response = CASE WHEN v.dropped THEN NULL ELSE i.response END, answered_at = CASE WHEN v.dropped THEN NULL ELSE i.answered_at END
      FROM (SELECT * FROM jsonb_to_recordset(${JSON.stringify(sets)}::jsonb) AS x(id int, correct boolean, awarded int, dropped boolean)) v
      WHERE i.id = v.id`);
  const [after] = await tx
    .update(learningAttempts)
    .set({
      status: pending ? 'submitted' : 'graded',
      endedBy,
      submittedAt: end,
      autoScore: auto,
      manualScore: 0,
      score: pending ? null : auto,
      updatedAt: end,
    })
    .where(eq(learningAttempts.id, attempt.id))
    .returning();
  await awardExamPoints(tx, after); // 学习积分 (points module), same transaction
  return after;
}

/**
 * Attempts still open past their deadline are ended by the server as of the deadline (auto-submit).
 * An offline-allowed exam waits for the phone until the exam closes: its submission, recorded
 * offline within the limit, may arrive later (judged by judgeOfflineSubmission).
 */
export async function finishExpired(ctx: Ctx, where: SQL) {
  const now = ctx.now();
  const due = await ctx.db
    .select({ id: learningAttempts.id })
    .from(learningAttempts)
    .innerJoin(learningExams, eq(learningExams.id, learningAttempts.examId))
    .where(
      and(
        where,
        eq(learningAttempts.status, 'in_progress'),
        lte(learningAttempts.deadlineAt, now),
        or(eq(learningExams.offlineAllowed, false), lte(learningExams.closesAt, now)),
      ),
    );
  for (const { id } of due)
    await ctx.db.transaction(async (tx) => {
      const [a] = await tx.select().from(learningAttempts).where(eq(learningAttempts.id, id)).for('update');
      if (a?.status !== 'in_progress') return;
      const after = await finishAttempt(tx, a, a.deadlineAt, 'timeout');
      await audit(tx, ctx, {
        action: 'learning_attempt.timeout',
        entityType: 'learning_attempt',
        entityId: id,
        orgId: a.orgId,
        before: a,
        after,
      });
    });
}
