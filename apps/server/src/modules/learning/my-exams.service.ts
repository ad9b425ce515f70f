import { finalScore, type GradingPolicy, type ReviewRule, reviewOpen } from '@vanguard/shared';
import { and, asc, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { learningAttempts, learningExams, orgs } from '../../db/schema/index.js';
import { EXAMS } from '../../platform/access/gates.js';
import { loadOwn, myMember } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';
import { finishExpired } from './attempt-grading.js';
import { type AttemptRow, attemptSummary } from './attempts.service.js';
import type { ExamRow } from './exams.service.js';
import { examOpenTo } from './learning.policy.js';

/** 我的考试: published exams of my audience, open or upcoming, with my attempts and what is left. */
export async function myExams(ctx: ActorCtx) {
  const me = await myMember(ctx);
  await finishExpired(ctx, eq(learningAttempts.memberId, me.id));
  const now = ctx.now();
  const exams = await ctx.db
    .select({ e: learningExams, orgName: orgs.name })
    .from(learningExams)
    .innerJoin(orgs, eq(orgs.id, learningExams.orgId))
    .where(
      and(eq(learningExams.status, 'published'), sql`${me.orgPath} LIKE ${learningExams.orgPath} || '%'`, gt(learningExams.closesAt, now)),
    )
    .orderBy(asc(learningExams.closesAt));
  const attempts = exams.length
    ? await ctx.db
        .select()
        .from(learningAttempts)
        .where(
          and(
            eq(learningAttempts.memberId, me.id),
            inArray(
              learningAttempts.examId,
              exams.map((e) => e.e.id),
            ),
          ),
        )
    : [];
  return exams.map(({ e, orgName }) => {
    const mine = attempts.filter((a) => a.examId === e.id);
    const open = mine.find((a) => a.status === 'in_progress');
    return {
      id: e.id,
      title: e.title,
      orgName,
      opensAt: e.opensAt,
      closesAt: e.closesAt,
      timeLimitMinutes: e.timeLimitMinutes,
      offlineAllowed: e.offlineAllowed,
      maxAttempts: e.maxAttempts,
      attemptsUsed: mine.length,
      isOpen: e.opensAt.getTime() <= now.getTime(),
      inProgressAttemptId: open?.id ?? null,
      canStart: e.opensAt.getTime() <= now.getTime() && (Boolean(open) || mine.length < e.maxAttempts),
    };
  });
}

/** One exam as the member sees it: rules, my attempts and my result by the grading policy. */
export async function myExam(ctx: ActorCtx, id: number) {
  const me = await myMember(ctx);
  const { row: exam } = await loadOwn(ctx, EXAMS, id, (e) => examOpenTo(e, me.orgPath));
  await finishExpired(ctx, and(eq(learningAttempts.memberId, me.id), eq(learningAttempts.examId, id)) as SQL);
  const mine = await ctx.db
    .select()
    .from(learningAttempts)
    .where(and(eq(learningAttempts.memberId, me.id), eq(learningAttempts.examId, id)))
    .orderBy(asc(learningAttempts.number));
  const graded = mine.filter((a) => a.status === 'graded').map((a) => a.score as number);
  const now = ctx.now();
  const result = finalScore(exam.gradingPolicy as GradingPolicy, graded);
  return {
    id: exam.id,
    title: exam.title,
    description: exam.description,
    opensAt: exam.opensAt,
    closesAt: exam.closesAt,
    timeLimitMinutes: exam.timeLimitMinutes,
    offlineAllowed: exam.offlineAllowed,
    maxAttempts: exam.maxAttempts,
    gradingPolicy: exam.gradingPolicy,
    reviewRule: exam.reviewRule,
    passScore: exam.passScore,
    attempts: mine.map((a) => ({
      ...attemptSummary(a),
      reviewOpen: reviewOpen(exam.reviewRule as ReviewRule, now, exam.closesAt, a.status !== 'in_progress'),
    })),
    result,
    passed: result == null ? null : result >= exam.passScore,
    pending: mine.some((a) => a.status === 'submitted'),
    canStart:
      exam.opensAt.getTime() <= now.getTime() &&
      exam.closesAt.getTime() > now.getTime() &&
      (mine.some((a) => a.status === 'in_progress') || mine.length < exam.maxAttempts),
  };
}

/** 我的成绩: every exam I took, my result by its policy. */
export async function myResults(ctx: ActorCtx) {
  const me = await myMember(ctx);
  await finishExpired(ctx, eq(learningAttempts.memberId, me.id));
  const rows = await ctx.db
    .select({ a: learningAttempts, e: learningExams })
    .from(learningAttempts)
    .innerJoin(learningExams, eq(learningExams.id, learningAttempts.examId))
    .where(eq(learningAttempts.memberId, me.id))
    .orderBy(desc(learningExams.closesAt), asc(learningAttempts.number));
  const byExam = new Map<number, { e: ExamRow; attempts: AttemptRow[] }>();
  for (const r of rows) {
    const g = byExam.get(r.e.id) ?? { e: r.e, attempts: [] };
    g.attempts.push(r.a);
    byExam.set(r.e.id, g);
  }
  return [...byExam.values()].map(({ e, attempts }) => {
    const result = finalScore(
      e.gradingPolicy as GradingPolicy,
      attempts.filter((a) => a.status === 'graded').map((a) => a.score as number),
    );
    return {
      examId: e.id,
      title: e.title,
      closesAt: e.closesAt,
      gradingPolicy: e.gradingPolicy,
      maxScore: attempts[0]?.maxScore ?? 0,
      result,
      passed: result == null ? null : result >= e.passScore,
      pending: attempts.some((a) => a.status === 'submitted'),
      attempts: attempts.map(attemptSummary),
    };
  });
}
