import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Indicator definitions as data (issue 23 item 1): production, safety and HR numbers a unit reports
 * per month. The defaults are inserted by migration 0028; `aggregation` says how a subtree and a
 * period add up (analytics-rules.ts `combine`).
 */
export const analyticsIndicators = pgTable('analytics_indicators', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  unit: text('unit').notNull(),
  category: text('category').notNull(),
  aggregation: text('aggregation').notNull(),
  source: text('source').notNull(),
  sort: integer('sort').notNull().default(0),
  ...timestamps(),
});

/** One unit's value of one indicator for one month (the first day of the month). */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    code: text('code').notNull(),
    month: date('month').notNull(),
    value: doublePrecision('value').notNull(),
    /** import | form | api */
    source: text('source').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('indicator_values_uq').on(t.orgId, t.code, t.month),
    index('indicator_values_month_idx').on(t.month),
    index('indicator_values_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** Every write of a value: who changed which month from what to what (corrections keep history). */
export const indicatorValueHistory = pgTable(
  'indicator_value_history',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    code: text('code').notNull(),
    month: date('month').notNull(),
    oldValue: doublePrecision('old_value'),
    newValue: doublePrecision('new_value').notNull(),
    source: text('source').notNull(),
    /** The user, or `令牌：<name>` for a service token. */
    changedBy: text('changed_by').notNull(),
    changedAt: tstz('changed_at').notNull(),
    ...timestamps(),
  },
  (t) => [index('indicator_value_history_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id)],
);

/** A checked import waiting for confirmation (check → confirm, as the member import). */
export const indicatorImports = pgTable('indicator_imports', {
  id: id(),
  orgId: integer('org_id').notNull(),
  orgPath: text('org_path').notNull(),
  createdBy: integer('created_by').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status').notNull().default('checked'),
  /** The valid rows: [{ orgId, orgPath, code, month, value, row }]. */
  rows: jsonb('rows').notNull(),
  errors: jsonb('errors').notNull(),
  duplicates: jsonb('duplicates').notNull(),
  ...timestamps(),
});

/**
 * Rollups per org, month and metric over the org's whole subtree (docs/ARCHITECTURE.md §Analytics):
 * `sum` of the units' own values, `n` units with a value, `max` of them. Rewritten per month by
 * `refreshMonth`; dashboards read only this table.
 */
export const analyticsRollups = pgTable(
  'analytics_rollups',
  {
    orgId: integer('org_id').notNull(),
    month: date('month').notNull(),
    metric: text('metric').notNull(),
    sum: doublePrecision('sum').notNull(),
    n: integer('n').notNull(),
    max: doublePrecision('max').notNull(),
    refreshedAt: tstz('refreshed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month, t.metric] }), index('analytics_rollups_month_idx').on(t.month, t.metric)],
);

/**
 * Service tokens (platform/service-tokens): a named token granted one permission on one org subtree,
 * for integrations (`Authorization: Bearer`). Only the SHA-256 of the secret is kept.
 */
export const serviceTokens = pgTable(
  'service_tokens',
  {
    id: id(),
    name: text('name').notNull(),
    permission: text('permission').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, to recognise it in the list. */
    prefix: text('prefix').notNull(),
    createdBy: integer('created_by').notNull(),
    revokedAt: tstz('revoked_at'),
    lastUsedAt: tstz('last_used_at'),
    /** Rate limit: requests in the current minute window (one UPDATE, shared by all nodes). */
    windowStart: tstz('window_start'),
    windowCount: integer('window_count').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('service_tokens_hash_uq').on(t.tokenHash),
    index('service_tokens_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);
