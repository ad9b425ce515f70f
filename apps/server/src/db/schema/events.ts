import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/** Tables of the events module (文体活动、技术交流会…, issue 21 item 3): published to an org subtree. */
export const events = pgTable(
  'events',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    place: text('place').notNull(),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    regOpensAt: tstz('reg_opens_at').notNull(),
    regClosesAt: tstz('reg_closes_at').notNull(),
    capacity: integer('capacity').notNull(),
    audience: text('audience').notNull(),
    /** published | cancelled. */
    status: text('status').notNull().default('published'),
    /** Places taken (registered, not waitlisted): kept under the event's row lock. */
    registeredCount: integer('registered_count').notNull().default(0),
    /** The 6-digit code participants enter to check in. */
    checkinCode: text('checkin_code').notNull(),
    summary: text('summary'),
    createdBy: integer('created_by').notNull(),
    ...timestamps(),
  },
  (t) => [index('events_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.startsAt)],
);

/** One row per person and event; waitlisted rows move up in (registered_at, id) order. */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: id(),
    eventId: integer('event_id').notNull(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    /** The person's branch (for the counts per branch). */
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    status: text('status').notNull(),
    registeredAt: tstz('registered_at').notNull(),
    promotedAt: tstz('promoted_at'),
    cancelledAt: tstz('cancelled_at'),
    checkedInAt: tstz('checked_in_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('event_registrations_uq').on(t.eventId, t.userId),
    index('event_registrations_queue_idx').on(t.eventId, t.status, t.registeredAt, t.id),
    index('event_registrations_user_idx').on(t.userId),
  ],
);

/** Participants' photos; shown on the wall once an organizer approves them. */
export const eventPhotos = pgTable(
  'event_photos',
  {
    id: id(),
    eventId: integer('event_id').notNull(),
    fileId: text('file_id').notNull(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    /** pending | approved | rejected. */
    status: text('status').notNull().default('pending'),
    ...timestamps(),
  },
  (t) => [index('event_photos_event_idx').on(t.eventId, t.status), uniqueIndex('event_photos_file_uq').on(t.eventId, t.fileId)],
);
