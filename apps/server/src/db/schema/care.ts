import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * 联系职工群众 (issue 20 item 3): a worker has one contact member at a time (`ended_at IS NULL` unique
 * per worker); `org_path` is the worker's org, where the link is managed.
 */
export const careLinks = pgTable(
  'care_links',
  {
    id: id(),
    workerId: integer('worker_id').notNull(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    endedAt: tstz('ended_at'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('care_links_worker_open_idx').on(t.workerId).where(sql`${t.endedAt} IS NULL`),
    index('care_links_member_idx').on(t.memberId).where(sql`${t.endedAt} IS NULL`),
    index('care_links_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** A contact a member logged with a worker: 谈心, 走访, 电话, 帮扶. */
export const careContacts = pgTable(
  'care_contacts',
  {
    id: id(),
    workerId: integer('worker_id').notNull(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    on: date('on').notNull(),
    content: text('content').notNull(),
    followUp: text('follow_up'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('care_contacts_worker_idx').on(t.workerId, t.on),
    index('care_contacts_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.on),
  ],
);
