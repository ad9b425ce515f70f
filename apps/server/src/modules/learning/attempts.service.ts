import { randomInt } from 'node:crypto';
import {
  type AnswerResponse,
  attemptDeadline,
  type DrawRule,
  drawQuestions,
  QUESTION_TYPES,
  type QuestionAnswer,
  type QuestionOption,
  type QuestionType,
  type ReviewRule,
  reviewOpen,
  ruleLabel,
  seededRng,
  shuffle,
} from '@vanguard/shared';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  learningAnswerBatches,
  learningAttemptItems,
  learningAttempts,
  learningExamItems,
  learningExams,
  learningQuestions,
  learningQuestionVersions,
} from '../../db/schema/index.js';
import { ATTEMPTS, EXAMS } from '../../platform/access/gates.js';
import { loadOwn, myMember } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { checkResponse, forgetPaper, rememberPaper, shapeOf } from './answer-save.js';
import { finishAttempt, finishExpired, typesOf, versionsOf } from './attempt-grading.js';
import { drawPool, type ExamRow } from './exams.service.js';
import { examOpenTo, ownAttempt } from './learning.policy.js';

export type AttemptRow = typeof learningAttempts.$inferSelect;
type ItemRow = typeof learningAttemptItems.$inferSelect;
type VersionRow = typeof learningQuestionVersions.$inferSelect;

const statusName = (s: string) => ({ in_progress: '答题中', submitted: '待阅卷', graded: '已评分' })[s] ?? s;

/** An attempt as the lists show it: status, times, score. */
export function attemptSummary(a: AttemptRow) {
  return {
    id: a.id,
    number: a.number,
    status: a.status,
    statusName: statusName(a.status),
    startedAt: a.startedAt,
    deadlineAt: a.deadlineAt,
    submittedAt: a.submittedAt,
    endedBy: a.endedBy,
    score: a.score,
    maxScore: a.maxScore,
  };
}

async function drawFor(tx: Tx, exam: ExamRow, seed: number) {
  const rng = seededRng(seed);
  if (exam.mode === 'fixed') {
    const rows = await tx
      .select({ questionId: learningExamItems.questionId, points: learningExamItems.points, q: learningQuestions })
      .from(learningExamItems)
      .innerJoin(learningQuestions, eq(learningQuestions.id, learningExamItems.questionId))
      .where(eq(learningExamItems.examId, exam.id))
      .orderBy(asc(learningExamItems.position));
    return rows.map((r) => ({ questionId: r.questionId, points: r.points, q: r.q }));
  }
  const rules = exam.drawRules as DrawRule[];
  const res = drawQuestions(await drawPool(tx, exam.orgPath, rules), rules, rng);
  if (!res.ok) throw conflict(`题库试题不足（${res.shortfalls.map((s) => ruleLabel(s)).join('、')}），请联系出题的组织`);
  const qs = await tx
    .select()
    .from(learningQuestions)
    .where(
      inArray(
        learningQuestions.id,
        res.items.map((i) => i.questionId),
      ),
    );
  const byId = new Map(qs.map((q) => [q.id, q]));
  return res.items.map((i) => ({
    questionId: i.questionId,
    points: i.points,
    q: byId.get(i.questionId) as typeof learningQuestions.$inferSelect,
  }));
}

/**
 * Starts an attempt (or resumes the open one). Each attempt draws its own questions (random
 * mode) with its own seed, takes every question's current version, and shuffles option order.
 * The deadline is fixed now: start + time limit, never after the exam closes.
 */
export async function startAttempt(ctx: ActorCtx, examId: number) {
  const me = await myMember(ctx);
  await loadOwn(ctx, EXAMS, examId, (e) => examOpenTo(e, me.orgPath));
  await finishExpired(ctx, and(eq(learningAttempts.memberId, me.id), eq(learningAttempts.examId, examId)) as SQL);
  const id = await ctx.db.transaction(async (tx) => {
    // One start at a time per person and exam (a double tap resumes instead of drawing twice).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7301, ${me.id})`);
    const { row: exam } = await loadOwn(ctx, EXAMS, examId, (e) => examOpenTo(e, me.orgPath), { db: tx });
    const mine = await tx
      .select()
      .from(learningAttempts)
      .where(and(eq(learningAttempts.memberId, me.id), eq(learningAttempts.examId, examId)));
    const open = mine.find((a) => a.status === 'in_progress');
    if (open) return open.id;
    const now = ctx.now();
    if (now.getTime() < exam.opensAt.getTime()) throw conflict('考试尚未开始');
    if (now.getTime() >= exam.closesAt.getTime()) throw conflict('考试已结束');
    if (mine.length >= exam.maxAttempts) throw conflict(`本次考试最多可考 ${exam.maxAttempts} 次，您已用完`);
    const seed = randomInt(2 ** 31 - 1);
    const drawn = await drawFor(tx, exam, seed);
    const rng = seededRng(seed ^ 0x5bd1e995);
    const [attempt] = await tx
      .insert(learningAttempts)
      .values({
        examId,
        memberId: me.id,
        userId: ctx.actor.userId,
        orgId: me.orgId,
        orgPath: me.orgPath,
        number: mine.length + 1,
        seed,
        startedAt: now,
        deadlineAt: attemptDeadline(now, exam.timeLimitMinutes, exam.closesAt),
        maxScore: drawn.reduce((s, d) => s + d.points, 0),
      })
      .returning();
    const versions = await versionsOf(
      tx,
      drawn.map((d) => d.q.currentVersionId as number),
    );
    await tx.insert(learningAttemptItems).values(
      drawn.map((d, i) => {
        const v = versions.get(d.q.currentVersionId as number) as VersionRow;
        const keys = (v.options as QuestionOption[]).map((o) => o.key);
        const order = exam.shuffleOptions && (d.q.type === 'single' || d.q.type === 'multiple') ? shuffle(keys, rng) : keys;
        return { attemptId: attempt.id, position: i + 1, questionId: d.questionId, versionId: v.id, points: d.points, optionOrder: order };
      }),
    );
    await audit(tx, ctx, {
      action: 'learning_attempt.start',
      entityType: 'learning_attempt',
      entityId: attempt.id,
      orgId: me.orgId,
      after: { ...attempt, questionIds: drawn.map((d) => d.questionId) },
    });
    return attempt.id;
  });
  return getAttempt(ctx, id);
}

/** The attempt as the taker sees it while answering: questions (no right answers), my responses, the server's clock and deadline. */
export async function getAttempt(ctx: ActorCtx, id: number) {
  const me = await myMember(ctx);
  const { row: a0 } = await loadOwn(ctx, ATTEMPTS, id, (x) => ownAttempt(x, me));
  if (a0.status === 'in_progress' && a0.deadlineAt.getTime() <= ctx.now().getTime()) await finishExpired(ctx, eq(learningAttempts.id, id));
  const { row: a } = await loadOwn(ctx, ATTEMPTS, id, (x) => ownAttempt(x, me));
  const [exam] = await ctx.db.select().from(learningExams).where(eq(learningExams.id, a.examId));
  const items = await ctx.db
    .select({ it: learningAttemptItems, v: learningQuestionVersions, type: learningQuestions.type })
    .from(learningAttemptItems)
    .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, learningAttemptItems.versionId))
    .innerJoin(learningQuestions, eq(learningQuestions.id, learningAttemptItems.questionId))
    .where(eq(learningAttemptItems.attemptId, id))
    .orderBy(asc(learningAttemptItems.position));
  const shapes = items.map(({ it, v, type }) => ({ itemId: it.id, questionId: it.questionId, ...shapeOf(type as QuestionType, v) }));
  if (a.status === 'in_progress') rememberPaper(a.id, ctx.actor.userId, shapes);
  else forgetPaper(a.id);
  return {
    ...attemptSummary(a),
    examId: a.examId,
    examTitle: exam.title,
    examClosesAt: exam.closesAt,
    timeLimitMinutes: exam.timeLimitMinutes,
    offlineAllowed: exam.offlineAllowed,
    submittedOffline: a.submittedOffline,
    serverNow: ctx.now(),
    questions: items.map(({ it, v, type }, i) => {
      const opts = v.options as QuestionOption[];
      const order = it.optionOrder as string[];
      return {
        questionId: it.questionId,
        position: it.position,
        type,
        typeName: QUESTION_TYPES[type as QuestionType] ?? type,
        stem: v.stem,
        points: it.points,
        blanks: shapes[i].blanks,
        options: order.map((k) => opts.find((o) => o.key === k) as QuestionOption),
        response: it.response as AnswerResponse | null,
      };
    }),
  };
}

/** Saves answers inside an open attempt before its deadline; a question not in the attempt is refused (all or nothing). */
async function saveAnswers(tx: Tx, ctx: ActorCtx, a: AttemptRow, answers: { questionId: number; response: AnswerResponse | null }[]) {
  const now = ctx.now();
  if (a.status !== 'in_progress') throw conflict('已交卷，不能再修改答案');
  if (now.getTime() > a.deadlineAt.getTime()) throw conflict('答题时间已到，答案未保存');
  // Only the items answered here (one for a PUT): a question not among them is not in the attempt.
  const items = await tx
    .select()
    .from(learningAttemptItems)
    .where(
      and(
        eq(learningAttemptItems.attemptId, a.id),
        inArray(
          learningAttemptItems.questionId,
          answers.map((x) => x.questionId),
        ),
      ),
    );
  const byQ = new Map(items.map((i) => [i.questionId, i]));
  const versions = await versionsOf(
    tx,
    items.map((i) => i.versionId),
  );
  const types = await typesOf(
    tx,
    items.map((i) => i.questionId),
  );
  answers.forEach((ans, i) => {
    const it = byQ.get(ans.questionId);
    const path = answers.length > 1 ? `answers.${i}.questionId` : 'questionId';
    if (!it) throw invalid(path, '该题不在本次考试的试卷中');
    checkResponse(
      shapeOf(types.get(it.questionId) as QuestionType, versions.get(it.versionId) as VersionRow),
      ans.response,
      path.replace('questionId', 'response'),
    );
  });
  for (const ans of answers) {
    const it = byQ.get(ans.questionId) as ItemRow;
    await tx
      .update(learningAttemptItems)
      .set({ response: ans.response, answeredAt: ans.response ? now : null, updatedAt: now })
      .where(eq(learningAttemptItems.id, it.id));
  }
  return { saved: answers.length, savedAt: now, deadlineAt: a.deadlineAt };
}

/** Saves a batch (from the phone after a lost signal); with an Idempotency-Key a replay returns the first result. */
export async function saveBatch(
  ctx: ActorCtx,
  attemptId: number,
  key: string | undefined,
  answers: { questionId: number; response: AnswerResponse | null }[],
) {
  return ctx.db.transaction(async (tx) => {
    const me = await myMember(ctx, { db: tx });
    const { row: a } = await loadOwn(ctx, ATTEMPTS, attemptId, (x) => ownAttempt(x, me), { db: tx, lock: true });
    if (key) {
      const [done] = await tx
        .select()
        .from(learningAnswerBatches)
        .where(and(eq(learningAnswerBatches.attemptId, attemptId), eq(learningAnswerBatches.key, key)));
      if (done) return { ...(done.result as { saved: number; savedAt: string; deadlineAt: string }), replayed: true };
    }
    const res = await saveAnswers(tx, ctx, a, answers);
    if (key) await tx.insert(learningAnswerBatches).values({ attemptId, key, result: res });
    return { ...res, replayed: false };
  });
}

/**
 * Submits: graded as of now (or the deadline, when the limit has passed). Submitting twice or
 * after the exam closed is refused and changes nothing; an attempt left open is ended by the
 * server as of its deadline.
 */
export async function submitAttempt(ctx: ActorCtx, attemptId: number, key?: string) {
  const replayed = await ctx.db.transaction(async (tx) => {
    const me = await myMember(ctx, { db: tx });
    const { row: a } = await loadOwn(ctx, ATTEMPTS, attemptId, (x) => ownAttempt(x, me), { db: tx, lock: true });
    // A retried submit with the same Idempotency-Key returns the same result and changes nothing.
    if (a.status !== 'in_progress' && key && a.submitKey === key) return true;
    if (a.status !== 'in_progress') throw conflict('已交卷，不能重复提交');
    const [exam] = await tx.select().from(learningExams).where(eq(learningExams.id, a.examId));
    const now = ctx.now();
    if (now.getTime() >= exam.closesAt.getTime()) throw conflict('考试已结束，不能再交卷（系统已按截止时间收卷）');
    const late = now.getTime() > a.deadlineAt.getTime();
    const after = await finishAttempt(tx, a, now, late ? 'timeout' : 'member');
    if (key) await tx.update(learningAttempts).set({ submitKey: key }).where(eq(learningAttempts.id, a.id));
    await audit(tx, ctx, {
      action: 'learning_attempt.submit',
      entityType: 'learning_attempt',
      entityId: a.id,
      orgId: a.orgId,
      before: a,
      after,
    });
    return false;
  });
  return { ...(await getAttempt(ctx, attemptId)), replayed };
}

/** The review: my answers beside the right answers, when the exam's review rule allows it now. */
export async function reviewAttempt(ctx: ActorCtx, attemptId: number) {
  const base = await getAttempt(ctx, attemptId);
  const [exam] = await ctx.db.select().from(learningExams).where(eq(learningExams.id, base.examId));
  const open = reviewOpen(exam.reviewRule as ReviewRule, ctx.now(), exam.closesAt, base.status !== 'in_progress');
  if (!open) return { ...base, reviewOpen: false, reviewRule: exam.reviewRule, items: [] };
  const items = await ctx.db
    .select({ it: learningAttemptItems, v: learningQuestionVersions })
    .from(learningAttemptItems)
    .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, learningAttemptItems.versionId))
    .where(eq(learningAttemptItems.attemptId, attemptId))
    .orderBy(asc(learningAttemptItems.position));
  return {
    ...base,
    reviewOpen: true,
    reviewRule: exam.reviewRule,
    items: items.map(({ it, v }) => ({
      questionId: it.questionId,
      answer: v.answer as QuestionAnswer,
      explanation: v.explanation,
      correct: it.correct,
      awarded: it.awarded,
      comment: it.comment,
    })),
  };
}
