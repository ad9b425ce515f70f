import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * 职工诉求 (issue 20). `org_path` is the org handling it now (it moves up on escalation and reopening);
 * `origin_org_path` the org it was first routed to, which keeps seeing it. The submitter is a user
 * (a worker or a member); `anonymous` (不公开姓名) hides the name from everyone but the assigned handler.
 */
export const petitions = pgTable(
  'petitions',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    originOrgId: integer('origin_org_id').notNull(),
    originOrgPath: text('origin_org_path').notNull(),
    submitterUserId: integer('submitter_user_id').notNull(),
    submitterName: text('submitter_name').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    /** The petitioner agreed that their name appears in the 办实事 ledger. */
    nameInLedger: boolean('name_in_ledger').notNull().default(false),
    category: text('category').notNull(),
    body: text('body').notNull(),
    place: text('place'),
    photoFileIds: uuid('photo_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status').notNull().default('submitted'),
    rulesetVersion: text('ruleset_version').notNull(),
    receivedOn: date('received_on').notNull(),
    acceptDueOn: date('accept_due_on').notNull(),
    replyDueOn: date('reply_due_on').notNull(),
    handlerUserId: integer('handler_user_id'),
    acceptedAt: tstz('accepted_at'),
    acceptedOn: date('accepted_on'),
    reply: text('reply'),
    repliedAt: tstz('replied_at'),
    /** The first reply's day, for the on-time rate. */
    firstRepliedOn: date('first_replied_on'),
    firstReplyDueOn: date('first_reply_due_on').notNull(),
    rating: text('rating'),
    ratingNote: text('rating_note'),
    ratedAt: tstz('rated_at'),
    reopens: integer('reopens').notNull().default(0),
    escalations: integer('escalations').notNull().default(0),
    escalatedOn: date('escalated_on'),
    /** The clock job escalates once this day has passed (the reply day, then 3 working days after the first escalation). */
    escalateAfterOn: date('escalate_after_on').notNull(),
    meetingId: integer('meeting_id'),
    meetingDecision: text('meeting_decision'),
    closedAt: tstz('closed_at'),
    ...timestamps(),
  },
  (t) => [
    index('petitions_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id),
    index('petitions_origin_path_idx').using('btree', sql`${t.originOrgPath} text_pattern_ops`),
    index('petitions_submitter_idx').on(t.submitterUserId, t.id),
    index('petitions_clock_idx')
      .on(t.escalateAfterOn)
      .where(sql`${t.status} IN ('submitted', 'in_progress', 'reopened') AND ${t.escalations} < 2`),
  ],
);

/** What happened to a petition, in order (submitted, accepted, replied, rated, escalated, reopened, meeting, closed). */
export const petitionEvents = pgTable(
  'petition_events',
  {
    id: id(),
    petitionId: integer('petition_id').notNull(),
    kind: text('kind').notNull(),
    actorUserId: integer('actor_user_id'),
    fromOrgId: integer('from_org_id'),
    toOrgId: integer('to_org_id'),
    note: text('note'),
    at: tstz('at').notNull(),
    ...timestamps(),
  },
  (t) => [index('petition_events_petition_idx').on(t.petitionId, t.id)],
);

/** A mine's working calendar: holidays (off) and shift days on weekends (on); the deepest org on a path wins. */
export const petitionCalendarDays = pgTable(
  'petition_calendar_days',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    day: date('day').notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('petition_calendar_days_org_day_idx').on(t.orgId, t.day)],
);

/** 我为群众办实事: resolved petitions and projects a committee takes on, published to its subtree. */
export const deeds = pgTable(
  'deeds',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    petitionId: integer('petition_id'),
    title: text('title').notNull(),
    done: text('done').notNull(),
    costFen: integer('cost_fen').notNull().default(0),
    beneficiaries: integer('beneficiaries').notNull().default(0),
    photoFileIds: uuid('photo_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    doneOn: date('done_on').notNull(),
    /** Only when the petitioner agreed (petitions.name_in_ledger). */
    petitionerName: text('petitioner_name'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('deeds_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.doneOn),
    uniqueIndex('deeds_petition_idx').on(t.petitionId).where(sql`${t.petitionId} IS NOT NULL`),
  ],
);
