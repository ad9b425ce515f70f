import {
  DIFFICULTIES,
  QUESTION_TYPES,
  type QuestionAnswer,
  type QuestionContent,
  type QuestionOption,
  type QuestionType,
  questionProblems,
} from '@vanguard/shared';
import type { QuestionCreateInput, QuestionDto, QuestionListQuery, QuestionUpdateInput } from '@vanguard/shared/api/learning';
import { and, arrayContains, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { learningQuestions, learningQuestionVersions, orgs } from '../../db/schema/index.js';
import { QUESTIONS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { can, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';

/** Questions the actor may read: their managed subtrees and the banks of the orgs above them (read only). */
function readableQuestions(ctx: ActorCtx): SQL {
  const paths = scopeOf(ctx.actor, 'learning:manage').paths;
  if (paths.length === 0) return sql`false`;
  const ors = paths.flatMap((p) => [sql`${learningQuestions.orgPath} LIKE ${`${p}%`}`, sql`${p} LIKE ${learningQuestions.orgPath} || '%'`]);
  return sql`(${sql.join(ors, sql` OR `)})`;
}

function check(content: QuestionContent) {
  const problems = questionProblems(content);
  if (problems.length) throw new AppError('VALIDATION', problems[0].message, problems);
}

/** Options of choice questions only; a judge question has the fixed pair 正确/错误. */
function normalizeOptions(type: QuestionType, options: QuestionOption[]): QuestionOption[] {
  if (type === 'single' || type === 'multiple') return options;
  if (type === 'judge')
    return [
      { key: 'true', text: '正确' },
      { key: 'false', text: '错误' },
    ];
  return [];
}

const columns = {
  q: learningQuestions,
  v: learningQuestionVersions,
  orgName: orgs.name,
};

async function rows(db: DbOrTx, where: SQL, page?: { limit: number; offset: number }) {
  const q = db
    .select(columns)
    .from(learningQuestions)
    .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, learningQuestions.currentVersionId))
    .innerJoin(orgs, eq(orgs.id, learningQuestions.orgId))
    .where(where)
    .orderBy(desc(learningQuestions.updatedAt), desc(learningQuestions.id));
  return page ? q.limit(page.limit).offset(page.offset) : q;
}

function toDto(r: Awaited<ReturnType<typeof rows>>[number]): QuestionDto {
  return {
    id: r.q.id,
    orgId: r.q.orgId,
    orgName: r.orgName,
    type: r.q.type,
    typeName: QUESTION_TYPES[r.q.type as QuestionType] ?? r.q.type,
    category: r.q.category,
    tags: r.q.tags,
    difficulty: r.q.difficulty,
    difficultyName: DIFFICULTIES[r.q.difficulty as 1 | 2 | 3] ?? String(r.q.difficulty),
    version: r.q.currentVersion,
    versionId: r.v.id,
    stem: r.v.stem,
    options: r.v.options as QuestionOption[],
    answer: r.v.answer as QuestionAnswer,
    explanation: r.v.explanation,
    retired: Boolean(r.q.retiredAt),
    updatedAt: r.q.updatedAt,
  };
}

/** The question bank: in the actor's scope and the banks above it, filtered and paged. */
export async function listQuestions(ctx: ActorCtx, query: QuestionListQuery) {
  let under: SQL | undefined;
  if (query.orgId) {
    const org = await orgFor(ctx, query.orgId, 'learning:manage', { dissolved: true, field: 'orgId' });
    // The org's own bank and below, and the banks above it (what an exam of this org can use).
    under = sql`(${learningQuestions.orgPath} LIKE ${`${org.path}%`} OR ${org.path} LIKE ${learningQuestions.orgPath} || '%')`;
  }
  const where = and(
    readableQuestions(ctx),
    under,
    query.includeRetired ? undefined : isNull(learningQuestions.retiredAt),
    query.type ? eq(learningQuestions.type, query.type) : undefined,
    query.category ? eq(learningQuestions.category, query.category) : undefined,
    query.difficulty ? eq(learningQuestions.difficulty, query.difficulty) : undefined,
    query.tag ? arrayContains(learningQuestions.tags, [query.tag]) : undefined,
    query.q ? sql`${learningQuestionVersions.stem} LIKE ${`%${query.q.replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
  ) as SQL;
  const [items, [{ total }]] = await Promise.all([
    rows(ctx.db, where, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    ctx.db
      .select({ total: count() })
      .from(learningQuestions)
      .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, learningQuestions.currentVersionId))
      .where(where),
  ]);
  return { items: items.map((r) => ({ ...toDto(r), editable: can(ctx.actor, 'learning:manage', r.q.orgPath) })), total };
}

/** One question with its versions (readable: own scope or a bank above it). */
export async function getQuestion(ctx: ActorCtx, id: number) {
  const [r] = await rows(ctx.db, and(eq(learningQuestions.id, id), readableQuestions(ctx)) as SQL);
  if (!r) {
    // Not readable: 404 outside the actor's orgs, 403 where seen without the permission (the gate decides).
    await loadFor(ctx, QUESTIONS, id, 'learning:manage');
    throw notFound('该试题');
  }
  const versions = await ctx.db
    .select({
      id: learningQuestionVersions.id,
      version: learningQuestionVersions.version,
      stem: learningQuestionVersions.stem,
      createdAt: learningQuestionVersions.createdAt,
      usedInAttempts: sql<number>`(SELECT count(*)::int FROM learning_attempt_items i WHERE i.version_id = "learning_question_versions"."id")`,
    })
    .from(learningQuestionVersions)
    .where(eq(learningQuestionVersions.questionId, id))
    .orderBy(desc(learningQuestionVersions.version));
  return { ...toDto(r), editable: can(ctx.actor, 'learning:manage', r.q.orgPath), versions };
}

/** Writes a question and its first version; refused when the content is not gradable (e.g. no right option). */
export async function insertQuestion(tx: Tx, ctx: ActorCtx, org: { id: number; path: string }, input: QuestionCreateInput) {
  const options = normalizeOptions(input.type, input.options);
  check({ type: input.type, stem: input.stem, options, answer: input.answer as QuestionAnswer });
  const [q] = await tx
    .insert(learningQuestions)
    .values({
      orgId: org.id,
      orgPath: org.path,
      type: input.type,
      category: input.category,
      tags: input.tags,
      difficulty: input.difficulty,
      createdBy: ctx.actor.userId,
    })
    .returning();
  const [v] = await tx
    .insert(learningQuestionVersions)
    .values({
      questionId: q.id,
      version: 1,
      stem: input.stem,
      options,
      answer: input.answer,
      explanation: input.explanation ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning();
  await tx.update(learningQuestions).set({ currentVersionId: v.id }).where(eq(learningQuestions.id, q.id));
  return { q, v };
}

/** Adds a question to an org's bank (audited). */
export async function createQuestion(ctx: ActorCtx, input: QuestionCreateInput) {
  const id = await ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, input.orgId, 'learning:manage', { db: tx });
    const { q, v } = await insertQuestion(tx, ctx, org, input);
    await audit(tx, ctx, {
      action: 'learning_question.create',
      entityType: 'learning_question',
      entityId: q.id,
      orgId: org.id,
      after: { ...q, version: v },
    });
    return q.id;
  });
  return getQuestion(ctx, id);
}

/**
 * Edits a question. A change of stem, options, answer or explanation writes a new version (the
 * attempts already given the old one keep pointing to it); category, tags and difficulty change
 * in place and take effect for later draws.
 */
export async function updateQuestion(ctx: ActorCtx, id: number, input: QuestionUpdateInput) {
  await ctx.db.transaction(async (tx) => {
    const before = await loadFor(ctx, QUESTIONS, id, 'learning:manage', { db: tx, lock: true });
    if (before.retiredAt) throw new AppError('CONFLICT', '该试题已删除，不能修改');
    const [cur] = await tx
      .select()
      .from(learningQuestionVersions)
      .where(eq(learningQuestionVersions.id, before.currentVersionId ?? 0));
    const contentChanged = ['stem', 'options', 'answer', 'explanation'].some((k) => k in input);
    let version = cur;
    if (contentChanged) {
      const type = before.type as QuestionType;
      const options = normalizeOptions(type, input.options ?? (cur.options as QuestionOption[]));
      const next = {
        stem: input.stem ?? cur.stem,
        options,
        answer: (input.answer ?? cur.answer) as QuestionAnswer,
        explanation: input.explanation === undefined ? cur.explanation : input.explanation,
      };
      check({ type, stem: next.stem, options: next.options, answer: next.answer });
      [version] = await tx
        .insert(learningQuestionVersions)
        .values({ questionId: id, version: before.currentVersion + 1, ...next, createdBy: ctx.actor.userId })
        .returning();
    }
    const [after] = await tx
      .update(learningQuestions)
      .set({
        category: input.category ?? before.category,
        tags: input.tags ?? before.tags,
        difficulty: input.difficulty ?? before.difficulty,
        currentVersionId: version.id,
        currentVersion: version.version,
        updatedAt: ctx.now(),
      })
      .where(eq(learningQuestions.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'learning_question.update',
      entityType: 'learning_question',
      entityId: id,
      orgId: before.orgId,
      before: { ...before, version: cur },
      after: { ...after, version },
    });
  });
  return getQuestion(ctx, id);
}

/** Deleting retires: the question is never drawn or added again; past attempts keep their version. */
export async function retireQuestion(ctx: ActorCtx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await loadFor(ctx, QUESTIONS, id, 'learning:manage', { db: tx, lock: true });
    if (before.retiredAt) return;
    const [after] = await tx
      .update(learningQuestions)
      .set({ retiredAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(learningQuestions.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'learning_question.retire',
      entityType: 'learning_question',
      entityId: id,
      orgId: before.orgId,
      before,
      after,
    });
  });
  return getQuestion(ctx, id);
}

/** Live questions usable by an exam of `examPath`: the banks of its org and the orgs above it. */
export function usableBy(examPath: string): SQL {
  return and(isNull(learningQuestions.retiredAt), sql`${examPath} LIKE ${learningQuestions.orgPath} || '%'`) as SQL;
}
