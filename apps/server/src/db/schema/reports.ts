import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';

/**
 * Whistleblowing (举报, issue 18). Everything a reporter wrote is sealed with the report's own key
 * (`*_enc`: base64 of AES-256-GCM); that key is stored only wrapped — for each assigned handler's
 * X25519 public key and under a key derived from the receipt. Reports carry days, never times, and
 * nothing about the reporter's browser or address. See docs/REPORTS.md.
 */

/** One row: the salt of the receipt lookup hash (scrypt), made at first use. */
export const reportSettings = pgTable('report_settings', {
  id: smallint('id').primaryKey(),
  receiptSalt: text('receipt_salt').notNull(),
  ...timestamps(),
});

/** A channel (渠道): its questions, its handlers, its org (whose 纪委 handles it). */
export const reportChannels = pgTable('report_channels', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  orgId: integer('org_id').notNull(),
  orgPath: text('org_path').notNull(),
  questions: jsonb('questions').$type<unknown[]>().notNull(),
  rewardEnabled: boolean('reward_enabled').notNull().default(false),
  /** Retention overrides in days (null: the ruleset's). */
  retainArchivedDays: integer('retain_archived_days'),
  retainDeclinedDays: integer('retain_declined_days'),
  active: boolean('active').notNull().default(true),
  ...timestamps(),
});

export const reportChannelHandlers = pgTable(
  'report_channel_handlers',
  {
    channelId: integer('channel_id').notNull(),
    userId: integer('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] })],
);

/** A handler's X25519 key pair; the private key sealed under a key derived (scrypt) from the login password. */
export const reportHandlerKeys = pgTable('report_handler_keys', {
  userId: integer('user_id').primaryKey(),
  publicKey: text('public_key').notNull(),
  privateEnc: text('private_enc').notNull(),
  kdfSalt: text('kdf_salt').notNull(),
  ...timestamps(),
});

export const reports = pgTable(
  'reports',
  {
    id: id(),
    channelId: integer('channel_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** The day only (issue 18 item 3): no submission time is kept. */
    receivedOn: date('received_on').notNull(),
    updatedOn: date('updated_on').notNull(),
    status: text('status').notNull().default('pending'),
    outcome: text('outcome'),
    rulesetVersion: text('ruleset_version').notNull(),
    acceptBy: date('accept_by').notNull(),
    acceptedOn: date('accepted_on'),
    concludeBy: date('conclude_by'),
    concludedOn: date('concluded_on'),
    extended: boolean('extended').notNull().default(false),
    expiresOn: date('expires_on'),
    /** scrypt(receipt, site salt), first half (hex): the lookup. The second half never leaves memory. */
    receiptHash: text('receipt_hash').notNull(),
    /** The report key wrapped under the receipt-derived key (the reporter reads replies with it). */
    reporterKey: text('reporter_key').notNull(),
    /** Questionnaire answers (JSON), sealed with the report key. */
    answersEnc: text('answers_enc').notNull(),
    /** The decline reason, sealed. */
    reasonEnc: text('reason_enc'),
    /** The users the report key is wrapped for (kept with report_keys in one transaction). */
    handlerIds: integer('handler_ids').array().notNull().default(sql`'{}'::integer[]`),
    /** Handlers kept off by the reporter's exclusions or the accused rule (a count, never names). */
    exclusions: integer('exclusions').notNull().default(0),
    /** Excluded handler ids: never routed to them, not even by a later assignment. */
    excludedIds: integer('excluded_ids').array().notNull().default(sql`'{}'::integer[]`),
    readBy: integer('read_by').array().notNull().default(sql`'{}'::integer[]`),
    important: boolean('important').notNull().default(false),
    label: text('label'),
    rewardWanted: boolean('reward_wanted').notNull().default(false),
    rewardFen: integer('reward_fen'),
    rewardSetOn: date('reward_set_on'),
    rewardPaidOn: date('reward_paid_on'),
    claimCodeEnc: text('claim_code_enc'),
  },
  (t) => [
    uniqueIndex('reports_receipt_idx').on(t.receiptHash),
    index('reports_handlers_idx').using('gin', t.handlerIds),
    index('reports_expires_idx').on(t.expiresOn),
  ],
);

export const reportKeys = pgTable(
  'report_keys',
  {
    reportId: integer('report_id').notNull(),
    userId: integer('user_id').notNull(),
    /** eph. public key | iv | tag | sealed report key (base64). */
    wrapped: text('wrapped').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.userId] }), index('report_keys_user_idx').on(t.userId)],
);

export const reportMessages = pgTable(
  'report_messages',
  {
    id: id(),
    reportId: integer('report_id').notNull(),
    kind: text('kind').notNull(),
    authorId: integer('author_id'),
    bodyEnc: text('body_enc').notNull(),
    createdOn: date('created_on').notNull(),
  },
  (t) => [index('report_messages_report_idx').on(t.reportId)],
);

export const reportFiles = pgTable(
  'report_files',
  {
    id: id(),
    reportId: integer('report_id').notNull(),
    fromReporter: boolean('from_reporter').notNull(),
    nameEnc: text('name_enc').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    /** A random name in the upload directory's `reports/`; the bytes there are sealed with the report key. */
    storageKey: text('storage_key').notNull(),
    createdOn: date('created_on').notNull(),
  },
  (t) => [index('report_files_report_idx').on(t.reportId)],
);
