import { type DrawRule, drawQuestions, QUESTION_TYPES, type QuestionType, ruleLabel, seededRng } from '@vanguard/shared';
import type { ExamCreateInput, ExamDto, ExamListQuery, ExamUpdateInput } from '@vanguard/shared/api/learning';
import { and, asc, count, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  learningAttempts,
  learningExamItems,
  learningExams,
  learningQuestions,
  learningQuestionVersions,
  members,
  orgs,
} from '../../db/schema/index.js';
import { EXAMS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';
import { changedFields, type ExamEditable, examEditProblems } from './exam-edit.rules.js';
import { usableBy } from './questions.service.js';

export type ExamRow = typeof learningExams.$inferSelect;

const problem = (errors: { path: string; message: string }[]) => new AppError('VALIDATION', errors[0].message, errors);

/** The live questions an exam of `examPath` may draw from, as the pool the draw function takes. */
export async function drawPool(db: DbOrTx, examPath: string, rules: readonly DrawRule[]) {
  const cats = [...new Set(rules.map((r) => r.category))];
  if (cats.length === 0) return [];
  return db
    .select({ id: learningQuestions.id, category: learningQuestions.category, difficulty: learningQuestions.difficulty })
    .from(learningQuestions)
    .where(and(usableBy(examPath), inArray(learningQuestions.category, cats)))
    .orderBy(asc(learningQuestions.id));
}

/** Refuses rules the bank cannot fill (each attempt draws afresh, so the bank must hold enough). */
async function assertDrawable(db: DbOrTx, examPath: string, rules: readonly DrawRule[]) {
  const res = drawQuestions(await drawPool(db, examPath, rules), rules, seededRng(1));
  if (!res.ok)
    throw problem(
      res.shortfalls.map((s) => ({
        path: `drawRules.${s.rule}.count`,
        message: `题库中“${ruleLabel(s)}”的可用试题只有 ${s.available} 道，不够抽 ${s.wanted} 道`,
      })),
    );
}

async function toDto(db: DbOrTx, exam: ExamRow): Promise<ExamDto> {
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, exam.orgId));
  const items = await db
    .select({
      questionId: learningExamItems.questionId,
      points: learningExamItems.points,
      stem: learningQuestionVersions.stem,
      type: learningQuestions.type,
    })
    .from(learningExamItems)
    .innerJoin(learningQuestions, eq(learningQuestions.id, learningExamItems.questionId))
    .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, learningQuestions.currentVersionId))
    .where(eq(learningExamItems.examId, exam.id))
    .orderBy(asc(learningExamItems.position));
  const rules = exam.drawRules as DrawRule[];
  const [{ n }] = await db.select({ n: count() }).from(learningAttempts).where(eq(learningAttempts.examId, exam.id));
  const fixed = exam.mode === 'fixed';
  return {
    id: exam.id,
    orgId: exam.orgId,
    orgName: org?.name ?? '',
    title: exam.title,
    description: exam.description,
    mode: exam.mode,
    status: exam.status,
    opensAt: exam.opensAt,
    closesAt: exam.closesAt,
    timeLimitMinutes: exam.timeLimitMinutes,
    maxAttempts: exam.maxAttempts,
    gradingPolicy: exam.gradingPolicy,
    reviewRule: exam.reviewRule,
    passScore: exam.passScore,
    shuffleOptions: exam.shuffleOptions,
    offlineAllowed: exam.offlineAllowed,
    maxScore: fixed ? items.reduce((s, i) => s + i.points, 0) : rules.reduce((s, r) => s + r.count * r.points, 0),
    questionCount: fixed ? items.length : rules.reduce((s, r) => s + r.count, 0),
    drawRules: rules,
    items: items.map((i) => ({
      questionId: i.questionId,
      points: i.points,
      stem: i.stem,
      typeName: QUESTION_TYPES[i.type as QuestionType],
    })),
    attempts: n,
  };
}

export async function getExam(ctx: ActorCtx, id: number) {
  return toDto(ctx.db, await loadFor(ctx, EXAMS, id, 'learning:manage'));
}

/** Exams of the orgs in scope (optionally under one org), newest first. */
export async function listExams(ctx: ActorCtx, query: ExamListQuery) {
  let under: SQL | undefined;
  if (query.orgId) {
    const org = await orgFor(ctx, query.orgId, 'learning:manage', { dissolved: true });
    under = sql`${learningExams.orgPath} LIKE ${`${org.path}%`}`;
  }
  const where = and(inScope(learningExams.orgPath, scopeOf(ctx.actor, 'learning:manage')), under) as SQL;
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(learningExams)
      .where(where)
      .orderBy(desc(learningExams.opensAt), desc(learningExams.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.db.select({ total: count() }).from(learningExams).where(where),
  ]);
  return { items: await Promise.all(rows.map((r) => toDto(ctx.db, r))), total };
}

/**
 * Creates an exam (a draft) for an org; its audience is the org's subtree. A fixed paper names its
 * questions (from the org's bank or the banks above); a random draw names counts per category and
 * difficulty, and the bank must hold enough for every rule.
 */
export async function createExam(ctx: ActorCtx, input: ExamCreateInput) {
  const id = await ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, input.orgId, 'learning:manage', { db: tx });
    const errors: { path: string; message: string }[] = [];
    if (input.closesAt.getTime() <= input.opensAt.getTime()) errors.push({ path: 'closesAt', message: '结束时间应晚于开始时间' });
    if (input.closesAt.getTime() <= ctx.now().getTime()) errors.push({ path: 'closesAt', message: '结束时间应晚于现在' });
    if (input.mode === 'fixed') {
      if (input.items.length === 0) errors.push({ path: 'items', message: '固定试卷至少要有一道题' });
      const ids = input.items.map((i) => i.questionId);
      if (new Set(ids).size !== ids.length) errors.push({ path: 'items', message: '同一道题不能重复出现在试卷中' });
      const usable = ids.length
        ? await tx
            .select({ id: learningQuestions.id })
            .from(learningQuestions)
            .where(and(inArray(learningQuestions.id, ids), usableBy(org.path)))
        : [];
      const ok = new Set(usable.map((u) => u.id));
      input.items.forEach((it, i) => {
        if (!ok.has(it.questionId))
          errors.push({ path: `items.${i}.questionId`, message: `第 ${i + 1} 题不在本组织或上级的题库中（或已删除）` });
      });
    } else if (input.drawRules.length === 0) errors.push({ path: 'drawRules', message: '随机抽题至少要有一条抽题规则' });
    if (errors.length) throw problem(errors);
    if (input.mode === 'random') await assertDrawable(tx, org.path, input.drawRules);
    const [exam] = await tx
      .insert(learningExams)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        description: input.description ?? null,
        mode: input.mode,
        drawRules: input.mode === 'random' ? input.drawRules : [],
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        timeLimitMinutes: input.timeLimitMinutes,
        maxAttempts: input.maxAttempts,
        gradingPolicy: input.gradingPolicy,
        reviewRule: input.reviewRule,
        passScore: input.passScore,
        shuffleOptions: input.shuffleOptions,
        offlineAllowed: input.offlineAllowed,
        createdBy: ctx.actor.userId,
      })
      .returning();
    if (input.mode === 'fixed')
      await tx
        .insert(learningExamItems)
        .values(input.items.map((it, i) => ({ examId: exam.id, questionId: it.questionId, position: i + 1, points: it.points })));
    await audit(tx, ctx, {
      action: 'learning_exam.create',
      entityType: 'learning_exam',
      entityId: exam.id,
      orgId: org.id,
      after: { ...exam, items: input.items },
    });
    return exam.id;
  });
  return getExam(ctx, id);
}

/** Publishes a draft to its audience (the org's subtree); checked again against the bank. */
export async function publishExam(ctx: ActorCtx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await loadFor(ctx, EXAMS, id, 'learning:manage', { db: tx, lock: true });
    if (before.status !== 'draft') throw conflict('该考试已发布');
    if (before.closesAt.getTime() <= ctx.now().getTime()) throw conflict('结束时间已过，不能发布');
    if (before.mode === 'random') await assertDrawable(tx, before.orgPath, before.drawRules as DrawRule[]);
    const [after] = await tx
      .update(learningExams)
      .set({ status: 'published', publishedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(learningExams.id, id))
      .returning();
    // A to-do for everyone of the audience with a login (idempotent by source key).
    const audience = await tx
      .select({ userId: members.userId, orgId: members.orgId })
      .from(members)
      .where(and(sql`${members.orgPath} LIKE ${`${before.orgPath}%`}`, eq(members.status, 'normal'), isNotNull(members.userId)));
    await addTodos(
      tx,
      audience.map((m) => ({
        userId: m.userId as number,
        orgId: m.orgId,
        title: `参加考试：${before.title}`,
        body: `${after.offlineAllowed ? '可下载到手机离线作答；' : ''}请在截止前完成`,
        link: `/m/learning/exams/${id}`,
        dueAt: before.closesAt,
        sourceKey: `learning_exam:${id}`,
      })),
    );
    await audit(tx, ctx, {
      action: 'learning_exam.publish',
      entityType: 'learning_exam',
      entityId: id,
      orgId: before.orgId,
      before,
      after,
    });
  });
  return getExam(ctx, id);
}

/** Closes an exam now (no new answers or starts); attempts still open are graded as of now. */
export async function closeExam(ctx: ActorCtx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await loadFor(ctx, EXAMS, id, 'learning:manage', { db: tx, lock: true });
    if (before.status !== 'published') throw conflict('只有已发布的考试可以结束');
    if (before.closesAt.getTime() <= ctx.now().getTime()) throw conflict('该考试已结束');
    const [after] = await tx
      .update(learningExams)
      .set({ closesAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(learningExams.id, id))
      .returning();
    await tx
      .update(learningAttempts)
      .set({ deadlineAt: sql`least(${learningAttempts.deadlineAt}, ${ctx.now()})` })
      .where(and(eq(learningAttempts.examId, id), eq(learningAttempts.status, 'in_progress')));
    await audit(tx, ctx, { action: 'learning_exam.close', entityType: 'learning_exam', entityId: id, orgId: before.orgId, before, after });
  });
  return getExam(ctx, id);
}

/**
 * Edits an exam's settings (examEditProblems decides what may change: everything before anyone
 * started it, then only the title and the close time, a closed exam only its title). A close time
 * brought forward also brings forward the deadline of the attempts still open.
 */
export async function updateExam(ctx: ActorCtx, id: number, input: ExamUpdateInput) {
  await ctx.db.transaction(async (tx) => {
    const before = await loadFor(ctx, EXAMS, id, 'learning:manage', { db: tx, lock: true });
    const [{ n }] = await tx.select({ n: count() }).from(learningAttempts).where(eq(learningAttempts.examId, id));
    const change = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<ExamEditable>;
    const errors = examEditProblems(before as unknown as ExamEditable & { status: string }, n, change, ctx.now());
    if (errors.length) throw problem(errors);
    const fields = changedFields(before as unknown as ExamEditable, change);
    if (fields.length === 0) return;
    const [after] = await tx
      .update(learningExams)
      .set({ ...Object.fromEntries(fields.map((f) => [f, change[f]])), updatedAt: ctx.now() })
      .where(eq(learningExams.id, id))
      .returning();
    if (fields.includes('closesAt'))
      await tx
        .update(learningAttempts)
        .set({ deadlineAt: sql`least(${learningAttempts.deadlineAt}, ${after.closesAt})` })
        .where(and(eq(learningAttempts.examId, id), eq(learningAttempts.status, 'in_progress')));
    await audit(tx, ctx, { action: 'learning_exam.update', entityType: 'learning_exam', entityId: id, orgId: before.orgId, before, after });
  });
  return getExam(ctx, id);
}
