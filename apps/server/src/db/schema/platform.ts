import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    orgId: integer('org_id'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: tstz('password_changed_at'),
    disabledAt: tstz('disabled_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: tstz('locked_until'),
    totpSecretEnc: text('totp_secret_enc'),
    totpPendingEnc: text('totp_pending_enc'),
    totpEnabledAt: tstz('totp_enabled_at'),
    /** scrypt hashes of unused recovery codes. */
    recoveryCodes: jsonb('recovery_codes').$type<string[]>().notNull().default([]),
    lastTotpStep: bigint('last_totp_step', { mode: 'number' }),
    /** Wrong second-factor codes and in-session password re-checks since the last right one (issue 15 item 3). */
    factorFailures: integer('factor_failures').notNull().default(0),
    /** Sessions created before this instant are over (a lock, an account-wide lockout of new devices). */
    sessionsValidAfter: tstz('sessions_valid_after'),
    /** scrypt hashes of the previous passwords, newest first (no reuse of the last five, issue 15 item 10). */
    passwordHistory: jsonb('password_history').$type<string[]>().notNull().default([]),
    ...timestamps(),
  },
  (t) => [uniqueIndex('users_username_idx').on(sql`lower(${t.username})`), index('users_org_idx').on(t.orgId)],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: id(),
    userId: integer('user_id').notNull(),
    role: text('role').notNull(),
    orgId: integer('org_id').notNull(),
    grantedBy: integer('granted_by'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('role_grants_unique_idx').on(t.userId, t.role, t.orgId)],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull(),
    stage: text('stage').notNull(),
    csrfToken: text('csrf_token').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    ...timestamps(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed logins per client address, for the per-IP throttle (429). */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: id(),
    ip: text('ip').notNull(),
    at: tstz('at').notNull(),
  },
  (t) => [index('login_failures_ip_at_idx').on(t.ip, t.at)],
);

/**
 * Wrong-password counts per account and source (issue 15 item 6). `account` is the lower-cased name
 * as typed (known or not, so an unknown name is answered the same); `source` is `d:<device>` for a
 * known browser, `ip:<address>` otherwise, or `*` for all unknown sources of the account together.
 */
export const loginCounters = pgTable(
  'login_counters',
  {
    account: text('account').notNull(),
    source: text('source').notNull(),
    failures: integer('failures').notNull().default(0),
    lastFailureAt: tstz('last_failure_at').notNull(),
    lockedUntil: tstz('locked_until'),
  },
  (t) => [primaryKey({ columns: [t.account, t.source] })],
);

/** Browsers where an account's password was right once: the cookie holds a random token, the table its SHA-256. */
export const trustedDevices = pgTable(
  'trusted_devices',
  {
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id').notNull(),
    lastUsedAt: tstz('last_used_at').notNull(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tokenHash, t.userId] }), index('trusted_devices_user_idx').on(t.userId)],
);

/**
 * Append-only, hash-chained audit log. `seq`, `prev_hash` and `hash` are set while the inserting
 * transaction commits, by a deferred trigger under a row lock on audit_head; UPDATE/DELETE/TRUNCATE
 * are refused (migrations 0002 and 0016).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    seq: bigint('seq', { mode: 'number' }),
    at: tstz('at').notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    orgId: integer('org_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    /** HMAC of the row's fields with the audit key (derived from the master key, never in the database). */
    mac: text('mac'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_log_seq_idx').on(t.seq),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);

export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** To-dos and notices that modules write and home pages read. `sourceKey` makes writers idempotent. */
export const todos = pgTable(
  'todos',
  {
    id: id(),
    userId: integer('user_id').notNull(),
    orgId: integer('org_id'),
    kind: text('kind').notNull().default('todo'),
    severity: text('severity').notNull().default('info'),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    dueAt: tstz('due_at'),
    doneAt: tstz('done_at'),
    sourceKey: text('source_key'),
    /** What the to-do says as a code and its parameters (packages/shared todo-texts), so a client can render it in its language. */
    code: text('code'),
    params: jsonb('params').$type<Record<string, string | number>>(),
    ...timestamps(),
  },
  (t) => [index('todos_user_idx').on(t.userId, t.doneAt), uniqueIndex('todos_source_key_idx').on(t.userId, t.sourceKey)],
);

export const files = pgTable('files', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: integer('org_id'),
  ownerId: integer('owner_id').notNull(),
  name: text('name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  ...timestamps(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  ...timestamps(),
});

/** Envelope encryption: one data key per purpose, stored wrapped by the master key. */
export const dataKeys = pgTable(
  'data_keys',
  {
    name: text('name').notNull(),
    version: integer('version').notNull(),
    wrapped: text('wrapped').notNull(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.name, t.version] })],
);
