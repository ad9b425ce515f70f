import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Tables of the learning module (学习教育 · 题库与在线考试). A question belongs to an org's bank
 * (usable by exams of that org and below); its content lives in versions, so an attempt keeps the
 * exact version it was given. An exam's audience is its org's subtree.
 */

/** A question of an org's bank; content in learning_question_versions (current_version_id). */
export const learningQuestions = pgTable(
  'learning_questions',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    type: text('type').notNull(),
    category: text('category').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** 1 易, 2 中, 3 难. */
    difficulty: integer('difficulty').notNull(),
    currentVersionId: integer('current_version_id'),
    currentVersion: integer('current_version').notNull().default(1),
    /** Deleting retires: never drawn again, past attempts keep it. */
    retiredAt: tstz('retired_at'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('learning_questions_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('learning_questions_draw_idx').on(t.category, t.difficulty),
  ],
);

/** One version of a question's content; never changed once written. */
export const learningQuestionVersions = pgTable(
  'learning_question_versions',
  {
    id: id(),
    questionId: integer('question_id').notNull(),
    version: integer('version').notNull(),
    stem: text('stem').notNull(),
    /** [{ key: 'A', text }] for choice questions; [] otherwise. */
    options: jsonb('options').notNull(),
    /** { keys } | { blanks: string[][] } | { reference } (QuestionAnswer). */
    answer: jsonb('answer').notNull(),
    explanation: text('explanation'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('learning_question_versions_uq').on(t.questionId, t.version)],
);

/** An exam (fixed paper or random draw) published to an org subtree. */
export const learningExams = pgTable(
  'learning_exams',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** fixed | random. */
    mode: text('mode').notNull(),
    /** Random draw: [{ category, difficulty|null, count, points }]. */
    drawRules: jsonb('draw_rules').notNull().default(sql`'[]'::jsonb`),
    opensAt: tstz('opens_at').notNull(),
    closesAt: tstz('closes_at').notNull(),
    timeLimitMinutes: integer('time_limit_minutes'),
    maxAttempts: integer('max_attempts').notNull().default(1),
    gradingPolicy: text('grading_policy').notNull().default('highest'),
    reviewRule: text('review_rule').notNull().default('immediately'),
    passScore: integer('pass_score').notNull().default(60),
    shuffleOptions: boolean('shuffle_options').notNull().default(true),
    /** May be downloaded to the phone and answered without signal (the start is still online). */
    offlineAllowed: boolean('offline_allowed').notNull().default(false),
    /** draft → published; retired hides it. */
    status: text('status').notNull().default('draft'),
    publishedAt: tstz('published_at'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('learning_exams_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('learning_exams_window_idx').on(t.status, t.closesAt),
  ],
);

/** The questions of a fixed paper, in order. */
export const learningExamItems = pgTable(
  'learning_exam_items',
  {
    id: id(),
    examId: integer('exam_id').notNull(),
    questionId: integer('question_id').notNull(),
    position: integer('position').notNull(),
    points: integer('points').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('learning_exam_items_uq').on(t.examId, t.questionId)],
);

/** One person's attempt; the deadline is fixed at start (start + limit, never after the close). */
export const learningAttempts = pgTable(
  'learning_attempts',
  {
    id: id(),
    examId: integer('exam_id').notNull(),
    memberId: integer('member_id').notNull(),
    /** The login that started it (null for history brought in without one, e.g. the demo). */
    userId: integer('user_id'),
    /** The member's org when the attempt started (results per org). */
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    number: integer('number').notNull(),
    /** Seed of the draw and the option order (replayable). */
    seed: integer('seed').notNull(),
    startedAt: tstz('started_at').notNull(),
    deadlineAt: tstz('deadline_at').notNull(),
    /** in_progress → submitted (pending hand grading) → graded. */
    status: text('status').notNull().default('in_progress'),
    /** member | timeout. */
    endedBy: text('ended_by'),
    submittedAt: tstz('submitted_at'),
    autoScore: integer('auto_score'),
    manualScore: integer('manual_score'),
    score: integer('score'),
    maxScore: integer('max_score').notNull(),
    /** Idempotency-Key of the accepted submission: a replay with it returns the same result. */
    submitKey: text('submit_key'),
    /** Offline submission: the phone's recorded finish (converted to server time) and that it came from the outbox. */
    clientFinishedAt: tstz('client_finished_at'),
    submittedOffline: boolean('submitted_offline').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('learning_attempts_uq').on(t.examId, t.memberId, t.number),
    index('learning_attempts_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('learning_attempts_member_idx').on(t.memberId, t.examId),
    // One open attempt per person and exam: a double "start" resumes it.
    uniqueIndex('learning_attempts_open_uq').on(t.examId, t.memberId).where(sql`status = 'in_progress'`),
  ],
);

/** A question as given in an attempt: the exact version, points, option order and the answer. */
export const learningAttemptItems = pgTable(
  'learning_attempt_items',
  {
    id: id(),
    attemptId: integer('attempt_id').notNull(),
    position: integer('position').notNull(),
    questionId: integer('question_id').notNull(),
    versionId: integer('version_id').notNull(),
    points: integer('points').notNull(),
    /** The option keys in the order shown. */
    optionOrder: jsonb('option_order').notNull(),
    /** { keys } | { texts } (AnswerResponse), null until answered. */
    response: jsonb('response'),
    answeredAt: tstz('answered_at'),
    correct: boolean('correct'),
    awarded: integer('awarded'),
    gradedBy: integer('graded_by'),
    gradedAt: tstz('graded_at'),
    comment: text('comment'),
    ...timestamps(),
  },
  // A question at most once per attempt.
  (t) => [uniqueIndex('learning_attempt_items_uq').on(t.attemptId, t.questionId)],
);

/** Batches of answers saved with an Idempotency-Key: a replay returns the first result. */
export const learningAnswerBatches = pgTable(
  'learning_answer_batches',
  {
    id: id(),
    attemptId: integer('attempt_id').notNull(),
    key: text('key').notNull(),
    result: jsonb('result').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('learning_answer_batches_uq').on(t.attemptId, t.key)],
);
