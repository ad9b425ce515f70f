import {
  COMPETITION_RULESETS,
  type CompetitionRuleset,
  type PlayerScore,
  QUESTION_TYPES,
  type QuestionType,
  type RankedPlayer,
  rankBranches,
  rankPlayers,
} from '@vanguard/shared';
import type { LiveState, QuestionView } from '@vanguard/shared/api/competitions';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  competitionAnswers,
  competitionPlayers,
  competitionQuestions,
  competitions,
  learningQuestionVersions,
} from '../../db/schema/index.js';

export type CompetitionRow = typeof competitions.$inferSelect;

export const rulesetOf = (c: CompetitionRow): CompetitionRuleset =>
  COMPETITION_RULESETS.find((r) => r.version === c.rulesVersion) ?? COMPETITION_RULESETS[0];

/** A challenge past its close reads as finished even before the job writes it. */
export function effectiveStatus(c: CompetitionRow, now: Date): string {
  if (c.kind === 'challenge' && c.status === 'open' && c.closesAt && now >= c.closesAt) return 'finished';
  return c.status;
}

/** The ranking of a competition from its rows: live from the answers, a challenge from the submitted attempts. */
export async function rankingOf(db: DbOrTx, c: CompetitionRow): Promise<{ players: RankedPlayer[]; answers: number }> {
  let scores: PlayerScore[];
  if (c.kind === 'live') {
    const rows = await db
      .select({
        playerId: competitionPlayers.id,
        name: competitionPlayers.name,
        branchId: competitionPlayers.branchId,
        branchName: competitionPlayers.branchName,
        correct: sql<number>`(count(${competitionAnswers.id}) FILTER (WHERE ${competitionAnswers.correct}))::int`,
        timeMs: sql<number>`(coalesce(sum(${competitionAnswers.elapsedMs}) FILTER (WHERE ${competitionAnswers.correct}), 0))::int`,
        answered: sql<number>`count(${competitionAnswers.id})::int`,
      })
      .from(competitionPlayers)
      .leftJoin(competitionAnswers, eq(competitionAnswers.playerId, competitionPlayers.id))
      .where(eq(competitionPlayers.competitionId, c.id))
      .groupBy(competitionPlayers.id);
    scores = rows;
  } else {
    const rows = await db
      .select()
      .from(competitionPlayers)
      .where(and(eq(competitionPlayers.competitionId, c.id), isNotNull(competitionPlayers.submittedAt)));
    scores = rows.map((p) => ({
      playerId: p.id,
      name: p.name,
      branchId: p.branchId,
      branchName: p.branchName,
      correct: p.correct ?? 0,
      timeMs: p.durationMs ?? 0,
      answered: p.correct ?? 0,
    }));
  }
  const answers = scores.reduce((s, r) => s + r.answered, 0);
  return { players: rankPlayers(scores, rulesetOf(c)), answers };
}

/** How many people and branches the shared board lists (phones see their own row beside it; the full lists: leaderboard, Excel). */
const TOP = 20;
const TOP_BRANCHES = 30;

async function currentQuestion(db: DbOrTx, c: CompetitionRow, now: Date): Promise<QuestionView | null> {
  if (c.kind !== 'live' || c.currentPosition === 0) return null;
  const [q] = await db
    .select({
      id: competitionQuestions.id,
      position: competitionQuestions.position,
      type: competitionQuestions.type,
      stem: learningQuestionVersions.stem,
      options: learningQuestionVersions.options,
      answer: learningQuestionVersions.answer,
      pushedAt: competitionQuestions.pushedAt,
      endsAt: competitionQuestions.endsAt,
      answers: sql<number>`(SELECT count(*)::int FROM ${competitionAnswers} a WHERE a.question_row_id = ${competitionQuestions.id})`,
    })
    .from(competitionQuestions)
    .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, competitionQuestions.versionId))
    .where(and(eq(competitionQuestions.competitionId, c.id), eq(competitionQuestions.position, c.currentPosition)));
  if (!q) return null;
  const over = c.status === 'finished' || (q.endsAt !== null && now > q.endsAt);
  return {
    position: q.position,
    type: q.type,
    typeName: QUESTION_TYPES[q.type as QuestionType] ?? q.type,
    stem: q.stem,
    options: q.options as { key: string; text: string }[],
    pushedAt: q.pushedAt,
    endsAt: q.endsAt,
    rightKeys: over ? ((q.answer as { keys?: string[] }).keys ?? []) : null,
    answers: q.answers,
  };
}

async function questionCount(db: DbOrTx, id: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(competitionQuestions)
    .where(eq(competitionQuestions.competitionId, id));
  return n;
}

/** The state of a competition as its rows say now (a reconnecting phone resumes from it). */
export async function buildState(
  db: DbOrTx,
  id: number,
  now: Date,
): Promise<{ state: LiveState; ranking: Map<number, RankedPlayer> } | null> {
  const [c] = await db
    .select()
    .from(competitions)
    .where(and(eq(competitions.id, id), isNull(competitions.deletedAt)));
  if (!c) return null;
  const [{ players, answers }, question, count] = await Promise.all([
    rankingOf(db, c),
    currentQuestion(db, c, now),
    questionCount(db, c.id),
  ]);
  return {
    state: {
      id: c.id,
      kind: c.kind,
      title: c.title,
      status: effectiveStatus(c, now),
      questionCount: count,
      currentPosition: c.currentPosition,
      secondsPerQuestion: c.secondsPerQuestion,
      serverNow: now,
      question,
      playerCount: players.length,
      answers,
      top: players.slice(0, TOP),
      branches: rankBranches(players, rulesetOf(c)).slice(0, TOP_BRANCHES),
    },
    ranking: new Map(players.map((p) => [p.playerId, p])),
  };
}

/** The questions of a competition in order, with their versions (host view and the Excel). */
export async function questionsOf(db: DbOrTx, id: number) {
  return db
    .select({
      row: competitionQuestions,
      stem: learningQuestionVersions.stem,
      options: learningQuestionVersions.options,
      answer: learningQuestionVersions.answer,
      answers: sql<number>`(SELECT count(*)::int FROM ${competitionAnswers} a WHERE a.question_row_id = ${competitionQuestions.id})`,
      correctAnswers: sql<number>`(SELECT count(*)::int FROM ${competitionAnswers} a WHERE a.question_row_id = ${competitionQuestions.id} AND a.correct)`,
    })
    .from(competitionQuestions)
    .innerJoin(learningQuestionVersions, eq(learningQuestionVersions.id, competitionQuestions.versionId))
    .where(eq(competitionQuestions.competitionId, id))
    .orderBy(asc(competitionQuestions.position));
}
