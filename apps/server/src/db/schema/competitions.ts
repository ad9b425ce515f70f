import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Tables of the competitions module: live quizzes a host runs and weekly challenges (安全知识竞赛).
 * A competition belongs to an org and is open to that org's subtree. Its questions keep the exact
 * question version (learning_question_versions) they were given, so editing a question in the bank
 * never changes a competition. All live state is rows: a restart loses nothing.
 */

/** A live quiz (kind live: draft → lobby → running → finished) or a challenge (kind challenge: open → finished). */
export const competitions = pgTable(
  'competitions',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** Six digits players type on the phone (live quizzes; unique among the not finished ones). */
    joinCode: text('join_code'),
    /** Live: the countdown of each question. */
    secondsPerQuestion: integer('seconds_per_question'),
    /** Challenge: the answering window and the time limit of one attempt. */
    opensAt: tstz('opens_at'),
    closesAt: tstz('closes_at'),
    timeLimitSeconds: integer('time_limit_seconds'),
    status: text('status').notNull(),
    /** Live: the position of the question pushed last (0 before the first). */
    currentPosition: integer('current_position').notNull().default(0),
    /** The scoring ruleset version (competitions-rules.ts). */
    rulesVersion: text('rules_version').notNull(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
    deletedAt: tstz('deleted_at'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('competitions_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    uniqueIndex('competitions_join_code_uq').on(t.joinCode).where(sql`status <> 'finished' AND deleted_at IS NULL`),
  ],
);

/** A question of a competition, in order, with the version it was given; live: when it was pushed and its end. */
export const competitionQuestions = pgTable(
  'competition_questions',
  {
    id: id(),
    competitionId: integer('competition_id').notNull(),
    position: integer('position').notNull(),
    questionId: integer('question_id').notNull(),
    versionId: integer('version_id').notNull(),
    type: text('type').notNull(),
    pushedAt: tstz('pushed_at'),
    endsAt: tstz('ends_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('competition_questions_uq').on(t.competitionId, t.position)],
);

/**
 * One member in one competition, with the branch (党支部) they belonged to when they joined.
 * Challenge: the attempt's start and deadline (server-timed) and, once submitted, its result.
 */
export const competitionPlayers = pgTable(
  'competition_players',
  {
    id: id(),
    competitionId: integer('competition_id').notNull(),
    memberId: integer('member_id').notNull(),
    userId: integer('user_id'),
    name: text('name').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    branchId: integer('branch_id').notNull(),
    branchName: text('branch_name').notNull(),
    joinedAt: tstz('joined_at').notNull(),
    deadlineAt: tstz('deadline_at'),
    submittedAt: tstz('submitted_at'),
    /** Challenge result: questions right and the attempt's duration (ms). */
    correct: integer('correct'),
    durationMs: integer('duration_ms'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('competition_players_uq').on(t.competitionId, t.memberId),
    index('competition_players_branch_idx').on(t.competitionId, t.branchId),
  ],
);

/** One answer of a player to one question: at most one (the unique key refuses a second). */
export const competitionAnswers = pgTable(
  'competition_answers',
  {
    id: id(),
    competitionId: integer('competition_id').notNull(),
    playerId: integer('player_id').notNull(),
    questionRowId: integer('question_row_id').notNull(),
    position: integer('position').notNull(),
    /** { keys: string[] }. */
    response: jsonb('response').notNull(),
    correct: boolean('correct').notNull(),
    /** Live: from the push to the answer, by the server clock. Challenge: null. */
    elapsedMs: integer('elapsed_ms'),
    answeredAt: tstz('answered_at').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('competition_answers_uq').on(t.playerId, t.questionRowId),
    index('competition_answers_comp_idx').on(t.competitionId, t.playerId),
  ],
);
