/**
 * One answer saved while an exam is being taken (PUT …/answers/:questionId) — the busiest write of an
 * exam: 2,000 takers × 50 questions within minutes (bench/learning-exam.ts).
 *
 * An answer is checked against the question as given to this attempt, whose shape (type, option
 * keys, number of blanks) never changes once the paper is drawn. So the shapes of an open attempt's
 * paper are kept in memory when the taker loads it (`rememberPaper`, called by getAttempt) and an
 * answer save is then ONE statement: an update that holds only while the attempt is mine, open and
 * before its deadline (a share lock on the attempt, so it waits for a submit in progress and then
 * finds the attempt no longer open). Another server process, or a restart, loads the shapes with
 * one read on its first save. Only when nothing was updated does a second read find out why.
 */
import type { AnswerResponse, QuestionOption, QuestionType } from '@vanguard/shared';
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { learningAttemptItems, learningAttempts, learningQuestions, learningQuestionVersions, members } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';

/** What a response is checked against: the question as given. */
export interface AnswerShape {
  type: QuestionType;
  keys: string[];
  blanks: number;
}

export function shapeOf(type: QuestionType, v: { options: unknown; answer: unknown }): AnswerShape {
  return {
    type,
    keys: ((v.options as QuestionOption[] | null) ?? []).map((o) => o.key),
    blanks: type === 'fill' ? ((v.answer as { blanks?: string[][] }).blanks?.length ?? 1) : type === 'short' ? 1 : 0,
  };
}

/** Checks a response against the question as given (keys among its options, one per blank). */
export function checkResponse(s: AnswerShape, r: AnswerResponse | null, path: string) {
  if (r == null) return;
  if (s.type === 'single' || s.type === 'multiple' || s.type === 'judge') {
    if (!('keys' in r)) throw invalid(path, '选择题请提交选项');
    if (r.keys.some((k) => !s.keys.includes(k))) throw invalid(path, '所选选项不在本题中');
    if (s.type !== 'multiple' && r.keys.length > 1) throw invalid(path, '本题只能选一个答案');
  } else {
    if (!('texts' in r)) throw invalid(path, '请填写答案文字');
    const n = s.type === 'fill' ? s.blanks : 1;
    if (r.texts.length > n) throw invalid(path, `本题只有 ${n} 个空`);
  }
}

interface Paper {
  /** The login the attempt belonged to when the paper was remembered. */
  userId: number;
  items: Map<number, AnswerShape & { itemId: number }>;
}

/** Open attempts' papers, least recently used first out (about 4 KB each). */
const papers = new Map<number, Paper>();
const MAX_PAPERS = 5000;

export function rememberPaper(attemptId: number, userId: number, items: Iterable<AnswerShape & { itemId: number; questionId: number }>) {
  papers.delete(attemptId);
  papers.set(attemptId, { userId, items: new Map([...items].map((i) => [i.questionId, i])) });
  if (papers.size > MAX_PAPERS) papers.delete(papers.keys().next().value as number);
}

/** My open attempt's paper, from memory or read once; null when the attempt is not mine. */
async function paperOf(db: DbOrTx, attemptId: number, userId: number): Promise<Paper | null> {
  const known = papers.get(attemptId);
  if (known?.userId === userId) return known;
  const rows = await db
    .select({
      itemId: learningAttemptItems.id,
      questionId: learningAttemptItems.questionId,
      type: learningQuestions.type,
      options: learningQuestionVersions.options,
      answer: learningQuestionVersions.answer,
    })
    .from(learningAttemptItems)
    .innerJoin(learningAttempts, eq(learningAttempts.id, learningAttemptItems.attemptId))
    .innerJoin(members, and(eq(members.id, learningAttempts.memberId), eq(members.status, 'normal')))
    .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, learningAttemptItems.versionId))
    .innerJoin(learningQuestions, eq(learningQuestions.id, learningAttemptItems.questionId))
    .where(and(eq(learningAttempts.id, attemptId), eq(members.userId, userId)));
  if (rows.length === 0) return null;
  rememberPaper(
    attemptId,
    userId,
    rows.map((r) => ({ itemId: r.itemId, questionId: r.questionId, ...shapeOf(r.type as QuestionType, r) })),
  );
  return papers.get(attemptId) ?? null;
}

/** The update, as a named prepared statement: the attempt must be mine, open, and before its deadline. */
const SAVE = {
  name: 'vg_learning_answer_save',
  text: `WITH open AS (
      SELECT a.id, a.deadline_at FROM learning_attempts a JOIN members m ON m.id = a.member_id AND m.status = 'normal'
      WHERE a.id = $1 AND m.user_id = $2 AND a.status = 'in_progress' AND a.deadline_at >= $3
      FOR SHARE OF a
    )
    UPDATE learning_attempt_items i SET response = $5::jsonb, answered_at = $6, updated_at = $3
    FROM open WHERE i.id = $4 AND i.attempt_id = open.id
    RETURNING open.deadline_at AS "deadlineAt"`,
};

/** Saves one answer (PUT: the same request twice leaves the same state); not audited one by one — start and submit are. */
export async function putAnswer(ctx: ActorCtx, attemptId: number, questionId: number, response: AnswerResponse | null) {
  const db: Db = ctx.db;
  const paper = await paperOf(db, attemptId, ctx.actor.userId);
  if (!paper) throw notFound('该答卷');
  const now = ctx.now();
  const item = paper.items.get(questionId);
  if (!item) throw invalid('questionId', '该题不在本次考试的试卷中');
  checkResponse(item, response, 'response');
  const saved = await db.$client.query<{ deadlineAt: Date }>({
    ...SAVE,
    values: [attemptId, ctx.actor.userId, now, item.itemId, response === null ? null : JSON.stringify(response), response ? now : null],
  });
  if (saved.rows[0]) return { saved: 1, savedAt: now, deadlineAt: saved.rows[0].deadlineAt };
  // Nothing saved: why.
  const [a] = await db
    .select({ status: learningAttempts.status, deadlineAt: learningAttempts.deadlineAt })
    .from(learningAttempts)
    .innerJoin(members, and(eq(members.id, learningAttempts.memberId), eq(members.status, 'normal')))
    .where(and(eq(learningAttempts.id, attemptId), eq(members.userId, ctx.actor.userId)));
  if (!a) throw notFound('该答卷');
  if (a.status !== 'in_progress') throw conflict('已交卷，不能再修改答案');
  if (now.getTime() > a.deadlineAt.getTime()) throw conflict('答题时间已到，答案未保存');
  throw conflict('答案未保存，请重试');
}

/** Forgets a paper once its attempt is finished (no more saves will come for it). */
export function forgetPaper(attemptId: number) {
  papers.delete(attemptId);
}
