import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Tables of the courses module (issue 7): courses (article, PDF, video) owned by an org and open to
 * its subtree, learning plans assigned to an audience, and credited study time built from heartbeats.
 * Scoped rows carry `org_path` so subtree reads need no join.
 */

/** A course; its audience is the owning org's subtree. */
export const courses = pgTable(
  'courses',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    topic: text('topic').notNull(),
    kind: text('kind').notNull(),
    summary: text('summary').notNull().default(''),
    /** Article body, sanitized on the server (sanitize-html) before it is stored. */
    bodyHtml: text('body_html').notNull().default(''),
    /** Readable characters of the body (for the minimum reading time). */
    textLength: integer('text_length').notNull().default(0),
    /** PDF or video file (platform/files). */
    fileId: uuid('file_id'),
    durationSeconds: integer('duration_seconds'),
    /** An explicit minimum study time; null → derived from the ruleset. */
    minSeconds: integer('min_seconds'),
    rulesVersion: text('rules_version').notNull(),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [index('courses_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id)],
);

/** A learning plan for an org subtree, optionally narrowed to a role or a member label. */
export const coursePlans = pgTable(
  'course_plans',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** Only members holding this role (e.g. branch_secretary). */
    audienceRole: text('audience_role'),
    /** Only members with this archive label (e.g. 入党积极分子). */
    audienceLabel: text('audience_label'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [index('course_plans_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id)],
);

export const coursePlanItems = pgTable(
  'course_plan_items',
  {
    id: id(),
    planId: integer('plan_id').notNull(),
    courseId: integer('course_id').notNull(),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex('course_plan_items_uq').on(t.planId, t.courseId), index('course_plan_items_course_idx').on(t.courseId)],
);

/** One member's progress on one course. */
export const courseProgress = pgTable(
  'course_progress',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    courseId: integer('course_id').notNull(),
    creditedSeconds: integer('credited_seconds').notNull().default(0),
    watchedSeconds: integer('watched_seconds').notNull().default(0),
    completedAt: tstz('completed_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('course_progress_uq').on(t.memberId, t.courseId), index('course_progress_course_idx').on(t.courseId)],
);

/** A study session: one page view of a course (one tab). */
export const courseSessions = pgTable(
  'course_sessions',
  {
    id: uuid('id').primaryKey(),
    memberId: integer('member_id').notNull(),
    courseId: integer('course_id').notNull(),
    lastBeatAt: tstz('last_beat_at'),
    lastPosition: integer('last_position'),
    ...timestamps(),
  },
  (t) => [index('course_sessions_member_idx').on(t.memberId)],
);

/** Up to when a member has been credited, over all sessions (two tabs never exceed wall-clock time). */
export const courseMemberClocks = pgTable('course_member_clocks', {
  memberId: integer('member_id').primaryKey(),
  creditedUntil: tstz('credited_until'),
  ...timestamps(),
});

/** Every accepted heartbeat with what it credited; the idempotency key is unique per member. */
export const courseHeartbeats = pgTable(
  'course_heartbeats',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    courseId: integer('course_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    key: text('key').notNull(),
    at: tstz('at').notNull(),
    creditedSeconds: integer('credited_seconds').notNull(),
    watchedSeconds: integer('watched_seconds').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('course_heartbeats_key_uq').on(t.memberId, t.key), index('course_heartbeats_member_at_idx').on(t.memberId, t.at)],
);
