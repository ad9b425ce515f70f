import { type AnswerResponse, judgeOfflineSubmission, offlineAnsweredAt, type QuestionType, toServerTime } from '@vanguard/shared';
import type { OfflineSubmitInput } from '@vanguard/shared/api/learning';
import { eq } from 'drizzle-orm';
import { learningAttemptItems, learningAttempts, learningExams } from '../../db/schema/index.js';
import { ATTEMPTS } from '../../platform/access/gates.js';
import { loadOwn, myMember } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { checkResponse, shapeOf } from './answer-save.js';
import { finishAttempt, typesOf, versionsOf } from './attempt-grading.js';
import { getAttempt } from './attempts.service.js';
import { ownAttempt } from './learning.policy.js';

/**
 * An offline submission from the phone's outbox (an offline-allowed exam started online). Under
 * the attempt's row lock: a replay with the accepted Idempotency-Key returns the same result and
 * counts nothing; otherwise `judgeOfflineSubmission` decides (before the close, only this
 * attempt's questions, the phone's finish within the limit from the server's start), answers the
 * phone recorded after the limit are cut, and the server grades as of the finish. A refusal
 * changes nothing.
 */
export async function submitOffline(ctx: ActorCtx, attemptId: number, key: string, input: OfflineSubmitInput) {
  const res = await ctx.db.transaction(async (tx) => {
    const me = await myMember(ctx, { db: tx });
    const { row: a } = await loadOwn(ctx, ATTEMPTS, attemptId, (x) => ownAttempt(x, me), { db: tx, lock: true });
    if (a.status !== 'in_progress') {
      if (a.submitKey === key) return { replayed: true, cut: [] as number[] };
      throw conflict('该答卷已交卷，不能重复提交（离线答卷未采用）');
    }
    const [exam] = await tx.select().from(learningExams).where(eq(learningExams.id, a.examId));
    const items = await tx.select().from(learningAttemptItems).where(eq(learningAttemptItems.attemptId, a.id));
    const now = ctx.now();
    const out = judgeOfflineSubmission({
      now,
      exam: { closesAt: exam.closesAt, offlineAllowed: exam.offlineAllowed },
      attempt: { startedAt: a.startedAt, deadlineAt: a.deadlineAt, questionIds: items.map((i) => i.questionId) },
      finishedAt: input.finishedAt,
      sentAt: input.sentAt,
      answers: input.answers,
    });
    if (!out.ok) {
      if (out.code === 'closed' || out.code === 'not_offline') throw conflict(out.message);
      throw invalid(out.path ?? 'answers', out.message);
    }
    const byQ = new Map(items.map((i) => [i.questionId, i]));
    const versions = await versionsOf(
      tx,
      items.map((i) => i.versionId),
    );
    const types = await typesOf(
      tx,
      items.map((i) => i.questionId),
    );
    // Every response is checked (a malformed one refuses the whole set) before anything is written.
    input.answers.forEach((ans, i) => {
      const it = byQ.get(ans.questionId) as (typeof items)[number];
      const v = versions.get(it.versionId);
      if (v)
        checkResponse(shapeOf(types.get(it.questionId) as QuestionType, v), ans.response as AnswerResponse | null, `answers.${i}.response`);
    });
    const keep = new Set(out.keep);
    for (const ans of input.answers) {
      if (!keep.has(ans.questionId) || !ans.answeredAt) continue;
      const it = byQ.get(ans.questionId) as (typeof items)[number];
      await tx
        .update(learningAttemptItems)
        .set({
          response: ans.response,
          answeredAt: ans.response ? offlineAnsweredAt(ans.answeredAt, input.sentAt, now, a.startedAt, out.finishAt) : null,
          updatedAt: now,
        })
        .where(eq(learningAttemptItems.id, it.id));
    }
    const graded = await finishAttempt(tx, a, out.finishAt, 'member');
    const [after] = await tx
      .update(learningAttempts)
      .set({ submitKey: key, clientFinishedAt: toServerTime(input.finishedAt, input.sentAt, now), submittedOffline: true })
      .where(eq(learningAttempts.id, a.id))
      .returning();
    await audit(tx, ctx, {
      action: 'learning_attempt.submit_offline',
      entityType: 'learning_attempt',
      entityId: a.id,
      orgId: a.orgId,
      before: a,
      after: { ...after, score: graded.score, cutQuestionIds: out.cut, phoneFinishedAt: input.finishedAt, phoneSentAt: input.sentAt },
    });
    return { replayed: false, cut: out.cut };
  });
  return { ...(await getAttempt(ctx, attemptId)), replayed: res.replayed, cutQuestionIds: res.cut };
}
