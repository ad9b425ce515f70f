import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';

/**
 * Tables of the mentors module: mentor–mentee pairs with plans, meetings and evaluations (导师制).
 * Recruitment's cultivation contacts (培养联系人) are not copied here: they stay in
 * `recruitment_steps` (step 5) and the pair list reads them by a union (one source of truth).
 */
export const mentorPairs = pgTable(
  'mentor_pairs',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** apprentice (导师带徒) | youth (青年党员导师). */
    kind: text('kind').notNull(),
    mentorMemberId: integer('mentor_member_id').notNull(),
    /** The mentee is a member or a worker (职工群众): exactly one is set. */
    menteeMemberId: integer('mentee_member_id'),
    menteeWorkerId: integer('mentee_worker_id'),
    startsOn: date('starts_on').notNull(),
    plannedEndOn: date('planned_end_on').notNull(),
    goals: text('goals').notNull().default(''),
    /** active → closed (by the final evaluation) | ended (ended early by the org). */
    status: text('status').notNull().default('active'),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    /** Latest meeting date, kept with each meeting record so "overdue" is one indexed comparison. */
    lastMeetingOn: date('last_meeting_on'),
    rulesetVersion: text('ruleset_version').notNull(),
    ...timestamps(),
  },
  (t) => [
    index('mentor_pairs_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
    index('mentor_pairs_mentor_idx').on(t.mentorMemberId),
    index('mentor_pairs_mentee_idx').on(t.menteeMemberId),
    index('mentor_pairs_worker_idx').on(t.menteeWorkerId),
  ],
);

/** Dated milestones of a pair's plan; done or not. */
export const mentorMilestones = pgTable(
  'mentor_milestones',
  {
    id: id(),
    pairId: integer('pair_id').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
    doneBy: integer('done_by'),
    ...timestamps(),
  },
  (t) => [index('mentor_milestones_pair_idx').on(t.pairId, t.dueOn)],
);

/** Meeting records (谈心谈话、传帮带), written by the mentor, the mentee or the org. */
export const mentorMeetings = pgTable(
  'mentor_meetings',
  {
    id: id(),
    pairId: integer('pair_id').notNull(),
    metOn: date('met_on').notNull(),
    topic: text('topic').notNull(),
    content: text('content').notNull().default(''),
    /** mentor | mentee | org */
    writtenBy: text('written_by').notNull(),
    authorUserId: integer('author_user_id').notNull(),
    /** The client's key for a retried submission (unique per pair). */
    clientKey: text('client_key'),
    ...timestamps(),
  },
  (t) => [
    index('mentor_meetings_pair_idx').on(t.pairId, t.metOn),
    uniqueIndex('mentor_meetings_client_key_uq').on(t.pairId, t.clientKey).where(sql`${t.clientKey} IS NOT NULL`),
  ],
);

/** The mid-term and the final evaluation by the org (one of each per pair). */
export const mentorEvaluations = pgTable(
  'mentor_evaluations',
  {
    id: id(),
    pairId: integer('pair_id').notNull(),
    /** mid | final */
    stage: text('stage').notNull(),
    rating: text('rating').notNull(),
    comment: text('comment').notNull(),
    evaluatedOn: date('evaluated_on').notNull(),
    evaluatedBy: integer('evaluated_by').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('mentor_evaluations_pair_stage_uq').on(t.pairId, t.stage)],
);
