import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/** The audience as the sender chose it (kept to show; the recipients are resolved once, at publication). */
export interface NoticeAudience {
  orgIds: number[];
  roles: string[];
  labels: string[];
  userIds: number[];
}

/**
 * A notice (通知公告 / 文件) published by an org to an audience. The recipients are a snapshot taken
 * at publication (`notice_recipients`), so a person who joins the org later does not receive it.
 */
export const notices = pgTable(
  'notices',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    /** 文号, e.g. 矿党发〔2026〕12号. */
    docNo: text('doc_no'),
    body: text('body').notNull(),
    /** 密级 内部: attachments only for the audience and the sender's org. */
    internal: boolean('internal').notNull().default(false),
    requireSign: boolean('require_sign').notNull().default(false),
    signDeadline: tstz('sign_deadline'),
    audience: jsonb('audience').$type<NoticeAudience>().notNull(),
    status: text('status').notNull().default('published'),
    recipients: integer('recipients').notNull(),
    publishedAt: tstz('published_at').notNull(),
    withdrawnAt: tstz('withdrawn_at'),
    /** China day of the last reminder to the unread (at most one a day). */
    remindedOn: date('reminded_on', { mode: 'string' }),
    createdBy: integer('created_by').notNull(),
    ...timestamps(),
  },
  (t) => [index('notices_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id)],
);

/** One row per recipient, written by one INSERT … SELECT at publication; read and 签收 marks. */
export const noticeRecipients = pgTable(
  'notice_recipients',
  {
    noticeId: integer('notice_id').notNull(),
    userId: integer('user_id').notNull(),
    /** The recipient's org at publication (counts per branch). */
    orgPath: text('org_path').notNull(),
    readAt: tstz('read_at'),
    signedAt: tstz('signed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.noticeId, t.userId] }),
    index('notice_recipients_user_idx').on(t.userId, t.noticeId),
    index('notice_recipients_path_idx').using('btree', t.noticeId, sql`${t.orgPath} text_pattern_ops`),
  ],
);

export const noticeFiles = pgTable(
  'notice_files',
  {
    noticeId: integer('notice_id').notNull(),
    fileId: uuid('file_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.fileId] }), index('notice_files_file_idx').on(t.fileId)],
);
