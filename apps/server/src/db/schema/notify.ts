import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Channels beyond the app, configured by the security administrator: a chat robot webhook (企业微信 /
 * 钉钉) or an HTTP SMS gateway. The URL carries the robot's key and the SMS secret is a credential, so
 * both are encrypted (auth data key); responses show only the host.
 */
export const notifyProviders = pgTable('notify_providers', {
  id: id(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  /** The org subtree whose people this channel reaches. */
  orgId: integer('org_id').notNull(),
  orgPath: text('org_path').notNull(),
  urlEnc: text('url_enc').notNull(),
  urlHost: text('url_host').notNull(),
  secretEnc: text('secret_enc'),
  enabled: boolean('enabled').notNull().default(true),
  timeoutMs: integer('timeout_ms').notNull(),
  createdBy: integer('created_by'),
  ...timestamps(),
});

/** One message: a code, parameters and a link (never free text). `key` makes senders idempotent. */
export const notifyMessages = pgTable(
  'notify_messages',
  {
    id: id(),
    key: text('key').notNull(),
    code: text('code').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull(),
    link: text('link'),
    recipients: integer('recipients').notNull(),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('notify_messages_key_idx').on(t.key)],
);

/**
 * A message to one person through one channel: the queue of deliveries beyond the app. The
 * dispatcher claims due rows (`next_attempt_at` ≤ now) with SKIP LOCKED; status pending → sending →
 * sent | failed | skipped; a row left `sending` past its lease is due again.
 */
export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    id: id(),
    messageId: integer('message_id').notNull(),
    userId: integer('user_id').notNull(),
    /** The recipient's org path when the message was sent (the deliveries page is scoped by it). */
    orgPath: text('org_path').notNull(),
    providerId: integer('provider_id').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull(),
    leaseUntil: tstz('lease_until'),
    lastError: text('last_error'),
    /** skipped: why (quiet hours never skip; `daily_cap`, `no_address`, `provider_disabled`). */
    skipReason: text('skip_reason'),
    /** Test messages from the settings page ignore quiet hours and the daily cap. */
    isTest: boolean('is_test').notNull().default(false),
    sentAt: tstz('sent_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('notify_deliveries_once_idx').on(t.messageId, t.userId, t.providerId),
    index('notify_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status IN ('pending', 'sending')`),
    index('notify_deliveries_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id),
  ],
);

/** A person's own settings: quiet hours (China time) and a lower daily cap. */
export const notifyPreferences = pgTable('notify_preferences', {
  userId: integer('user_id').primaryKey(),
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  dailyCap: integer('daily_cap'),
  ...timestamps(),
});

/** Messages beyond the app counted per person and China day: the daily cap is a conditional upsert here. */
export const notifyUserDays = pgTable(
  'notify_user_days',
  {
    userId: integer('user_id').notNull(),
    day: date('day').notNull(),
    sent: integer('sent').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/** A person's secret calendar feed URL: only the token's SHA-256 is kept; revoking deletes the row. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: id(),
    userId: integer('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    lastReadAt: tstz('last_read_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('calendar_feeds_user_idx').on(t.userId), uniqueIndex('calendar_feeds_token_idx').on(t.tokenHash)],
);
