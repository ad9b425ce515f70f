import {
  type AnalysisAttempt,
  type AnswerResponse,
  finalScore,
  GRADING_POLICIES,
  type GradingPolicy,
  itemAnalysis,
  QUESTION_TYPES,
  type QuestionAnswer,
  type QuestionType,
} from '@vanguard/shared';
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  learningAttemptItems,
  learningAttempts,
  learningQuestions,
  learningQuestionVersions,
  members,
  orgs,
} from '../../db/schema/index.js';
import { ATTEMPTS, EXAMS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { styleHeader } from '../../platform/xlsx.js';
import { awardExamPoints } from '../points/index.js';
import { finishExpired } from './attempt-grading.js';

/** Attempts of an exam the actor may see: their learning scope, optionally under one org. */
async function scopedAttempts(ctx: ActorCtx, examId: number, orgId?: number) {
  const exam = await loadFor(ctx, EXAMS, examId, 'learning:manage');
  let under: SQL | undefined;
  let root = exam.orgPath;
  if (orgId) {
    const org = await orgFor(ctx, orgId, 'learning:manage', { dissolved: true });
    under = sql`${learningAttempts.orgPath} LIKE ${`${org.path}%`}`;
    if (org.path.startsWith(exam.orgPath)) root = org.path;
  }
  await finishExpired(ctx, eq(learningAttempts.examId, examId));
  const where = and(
    eq(learningAttempts.examId, examId),
    inScope(learningAttempts.orgPath, scopeOf(ctx.actor, 'learning:manage')),
    under,
  ) as SQL;
  const attempts = await ctx.db
    .select({ a: learningAttempts, memberName: members.name, orgName: orgs.name })
    .from(learningAttempts)
    .innerJoin(members, eq(members.id, learningAttempts.memberId))
    .innerJoin(orgs, eq(orgs.id, learningAttempts.orgId))
    .where(where)
    .orderBy(asc(learningAttempts.orgPath), asc(learningAttempts.memberId), asc(learningAttempts.number));
  return { exam, attempts, root };
}

/**
 * Results of an exam per person (their result by the exam's grading policy over graded attempts)
 * and per org (audience, takers, average, pass rate), within the actor's scope.
 */
export async function examResults(ctx: ActorCtx, examId: number, orgId?: number) {
  const { exam, attempts, root } = await scopedAttempts(ctx, examId, orgId);
  const people = new Map<
    number,
    { memberId: number; memberName: string; orgId: number; orgName: string; rows: (typeof attempts)[number]['a'][] }
  >();
  for (const r of attempts) {
    const p = people.get(r.a.memberId) ?? {
      memberId: r.a.memberId,
      memberName: r.memberName,
      orgId: r.a.orgId,
      orgName: r.orgName,
      rows: [],
    };
    p.rows.push(r.a);
    people.set(r.a.memberId, p);
  }
  const persons = [...people.values()].map((p) => {
    const result = finalScore(
      exam.gradingPolicy as GradingPolicy,
      p.rows.filter((a) => a.status === 'graded').map((a) => a.score as number),
    );
    return {
      memberId: p.memberId,
      memberName: p.memberName,
      orgId: p.orgId,
      orgName: p.orgName,
      attempts: p.rows.length,
      scores: p.rows.map((a) => a.score),
      maxScore: p.rows[0].maxScore,
      result,
      passed: result == null ? null : result >= exam.passScore,
      pending: p.rows.some((a) => a.status === 'submitted'),
      inProgress: p.rows.some((a) => a.status === 'in_progress'),
    };
  });
  // The audience per org: members in good standing under the exam's org (and the filter), in scope.
  const audience = await ctx.db
    .select({ orgId: members.orgId, orgName: orgs.name, n: sql<number>`count(*)::int` })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        eq(members.status, 'normal'),
        sql`${members.orgPath} LIKE ${`${root}%`}`,
        inScope(members.orgPath, scopeOf(ctx.actor, 'learning:manage')),
      ),
    )
    .groupBy(members.orgId, orgs.name, orgs.path)
    .orderBy(asc(orgs.path));
  const byOrg = audience.map((o) => {
    const ps = persons.filter((p) => p.orgId === o.orgId);
    const done = ps.filter((p) => p.result != null);
    return {
      orgId: o.orgId,
      orgName: o.orgName,
      audience: o.n,
      takers: ps.length,
      participation: o.n ? Math.round((ps.length / o.n) * 1000) / 1000 : 0,
      average: done.length ? Math.round((done.reduce((s, p) => s + (p.result as number), 0) / done.length) * 100) / 100 : null,
      passRate: done.length ? Math.round((done.filter((p) => p.passed).length / done.length) * 1000) / 1000 : null,
    };
  });
  return {
    examId: exam.id,
    title: exam.title,
    gradingPolicy: exam.gradingPolicy,
    gradingPolicyName: GRADING_POLICIES[exam.gradingPolicy as GradingPolicy],
    passScore: exam.passScore,
    persons,
    orgs: byOrg,
  };
}

/**
 * Item analysis per question over each person's first finished attempt (taken without having
 * seen the paper): facility, discrimination (top 27 % − bottom 27 % by score), flag below 0.2.
 * Short answers not yet graded are left out.
 */
export async function examAnalysis(ctx: ActorCtx, examId: number, orgId?: number) {
  const { attempts } = await scopedAttempts(ctx, examId, orgId);
  const first = new Map<number, (typeof attempts)[number]['a']>();
  for (const r of attempts) if (r.a.status !== 'in_progress' && !first.has(r.a.memberId)) first.set(r.a.memberId, r.a);
  const ids = [...first.values()].map((a) => a.id);
  const items = ids.length
    ? await ctx.db
        .select({
          attemptId: learningAttemptItems.attemptId,
          questionId: learningAttemptItems.questionId,
          awarded: learningAttemptItems.awarded,
          points: learningAttemptItems.points,
        })
        .from(learningAttemptItems)
        .where(inArray(learningAttemptItems.attemptId, ids))
    : [];
  const input: AnalysisAttempt[] = [...first.values()].map((a) => {
    const map = new Map<number, boolean>();
    let got = 0;
    for (const it of items)
      if (it.attemptId === a.id && it.awarded != null) {
        map.set(it.questionId, it.awarded === it.points);
        got += it.awarded;
      }
    return { attemptId: a.id, score: a.maxScore ? got / a.maxScore : 0, items: map };
  });
  const stats = itemAnalysis(input);
  const qids = stats.map((s) => s.questionId);
  const qs = qids.length
    ? await ctx.db
        .select({
          id: learningQuestions.id,
          type: learningQuestions.type,
          category: learningQuestions.category,
          difficulty: learningQuestions.difficulty,
          stem: learningQuestionVersions.stem,
        })
        .from(learningQuestions)
        .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, learningQuestions.currentVersionId))
        .where(inArray(learningQuestions.id, qids))
    : [];
  const byId = new Map(qs.map((q) => [q.id, q]));
  return {
    attempts: input.length,
    items: stats.map((s) => {
      const q = byId.get(s.questionId);
      return {
        ...s,
        stem: q?.stem ?? '',
        typeName: QUESTION_TYPES[q?.type as QuestionType] ?? '',
        category: q?.category ?? '',
        difficulty: q?.difficulty ?? 0,
      };
    }),
  };
}

/** Short answers waiting for a person to grade, in the actor's scope. */
export async function gradingQueue(ctx: ActorCtx, examId: number) {
  await loadFor(ctx, EXAMS, examId, 'learning:manage');
  await finishExpired(ctx, eq(learningAttempts.examId, examId));
  const rows = await ctx.db
    .select({
      itemId: learningAttemptItems.id,
      attemptId: learningAttempts.id,
      memberName: members.name,
      orgName: orgs.name,
      stem: learningQuestionVersions.stem,
      answer: learningQuestionVersions.answer,
      response: learningAttemptItems.response,
      points: learningAttemptItems.points,
    })
    .from(learningAttemptItems)
    .innerJoin(learningAttempts, eq(learningAttempts.id, learningAttemptItems.attemptId))
    .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, learningAttemptItems.versionId))
    .innerJoin(members, eq(members.id, learningAttempts.memberId))
    .innerJoin(orgs, eq(orgs.id, learningAttempts.orgId))
    .where(
      and(
        eq(learningAttempts.examId, examId),
        eq(learningAttempts.status, 'submitted'),
        isNull(learningAttemptItems.awarded),
        inScope(learningAttempts.orgPath, scopeOf(ctx.actor, 'learning:manage')),
      ),
    )
    .orderBy(asc(learningAttempts.id), asc(learningAttemptItems.position));
  return rows.map((r) => ({
    ...r,
    answer: r.answer as QuestionAnswer,
    response: r.response as AnswerResponse | null,
    reference: (r.answer as { reference?: string }).reference ?? '',
    text: ((r.response as { texts?: string[] } | null)?.texts ?? []).join('\n'),
  }));
}

/** Grades one short answer by hand; when none is left the attempt's score is final. */
export async function gradeItem(ctx: ActorCtx, itemId: number, input: { points: number; comment?: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const [it] = await tx.select().from(learningAttemptItems).where(eq(learningAttemptItems.id, itemId));
    if (!it) throw notFound('该答题');
    const a = await loadFor(ctx, { ...ATTEMPTS, what: '该答题' }, it.attemptId, 'learning:manage', { db: tx, lock: true });
    const _exam = await loadFor(ctx, { ...EXAMS, what: '该答题' }, a.examId, 'learning:manage', { db: tx });
    if (a.status === 'in_progress') throw conflict('尚未交卷，不能阅卷');
    const [q] = await tx.select({ type: learningQuestions.type }).from(learningQuestions).where(eq(learningQuestions.id, it.questionId));
    if (q.type !== 'short') throw conflict('只有简答题需要人工阅卷');
    if (input.points > it.points) throw invalid('points', `本题满分 ${it.points} 分，得分不能超过满分`);
    const now = ctx.now();
    const [after] = await tx
      .update(learningAttemptItems)
      .set({
        awarded: input.points,
        correct: input.points === it.points,
        comment: input.comment ?? null,
        gradedBy: ctx.actor.userId,
        gradedAt: now,
        updatedAt: now,
      })
      .where(eq(learningAttemptItems.id, itemId))
      .returning();
    const [sum] = await tx
      .select({
        manual: sql<number>`coalesce(sum(${learningAttemptItems.awarded}) FILTER (WHERE ${learningQuestions.type} = 'short'), 0)::int`,
        pending: sql<number>`count(*) FILTER (WHERE ${learningAttemptItems.awarded} IS NULL)::int`,
      })
      .from(learningAttemptItems)
      .innerJoin(learningQuestions, eq(learningQuestions.id, learningAttemptItems.questionId))
      .where(eq(learningAttemptItems.attemptId, a.id));
    const graded = sum.pending === 0;
    const [attempt] = await tx
      .update(learningAttempts)
      .set({
        manualScore: sum.manual,
        status: graded ? 'graded' : 'submitted',
        score: graded ? (a.autoScore ?? 0) + sum.manual : null,
        updatedAt: now,
      })
      .where(eq(learningAttempts.id, a.id))
      .returning();
    // The last short answer graded: the pass bonus, as for an attempt graded at submit (once per exam and member).
    if (graded) await awardExamPoints(tx, attempt);
    await audit(tx, ctx, {
      action: 'learning_attempt.grade',
      entityType: 'learning_attempt_item',
      entityId: itemId,
      orgId: a.orgId,
      before: it,
      after,
    });
    return { itemId, awarded: input.points, attemptId: a.id, attemptStatus: attempt.status, score: attempt.score };
  });
}

/** 成绩与试题分析 as an Excel workbook (two sheets). */
export async function resultsXlsx(ctx: ActorCtx, examId: number, orgId?: number) {
  const res = await examResults(ctx, examId, orgId);
  const ana = await examAnalysis(ctx, examId, orgId);
  const wb = new ExcelJS.Workbook();
  const s1 = wb.addWorksheet('成绩');
  styleHeader(s1.addRow(['姓名', '所在组织', '考试次数', '各次得分', `成绩（${res.gradingPolicyName}）`, '满分', '是否及格', '状态']));
  for (const p of res.persons)
    s1.addRow([
      p.memberName,
      p.orgName,
      p.attempts,
      p.scores.map((s) => s ?? '待阅').join('、'),
      p.result,
      p.maxScore,
      p.passed == null ? '' : p.passed ? '及格' : '不及格',
      p.inProgress ? '答题中' : p.pending ? '待阅卷' : '已评分',
    ]);
  const s2 = wb.addWorksheet('按组织');
  styleHeader(s2.addRow(['组织', '应考人数', '参考人数', '参考率', '平均分', '及格率']));
  for (const o of res.orgs) s2.addRow([o.orgName, o.audience, o.takers, o.participation, o.average, o.passRate]);
  const s3 = wb.addWorksheet('试题分析');
  styleHeader(s3.addRow(['题目', '题型', '分类', '作答人数', '答对人数', '难度（通过率）', '区分度', '需复查']));
  for (const i of ana.items)
    s3.addRow([i.stem, i.typeName, i.category, i.answered, i.correct, i.facility, i.discrimination, i.flagged ? '区分度低于 0.2' : '']);
  for (const s of [s1, s2, s3])
    s.columns.forEach((c, i) => {
      c.width = i === 0 ? 40 : 14;
    });
  await audit(ctx.db, ctx, {
    action: 'learning_exam.export',
    entityType: 'learning_exam',
    entityId: examId,
    after: { orgId: orgId ?? null, rows: res.persons.length },
  });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, fileName: `考试成绩-${res.title}.xlsx`, asciiName: `exam-${examId}-results.xlsx` };
}
