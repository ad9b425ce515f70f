import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Tables of the points module: learning points per activity with daily caps (学习积分).
 * One row per award (`source_key` unique: a replay never counts twice), kept even when the cap
 * left nothing (`points` 0, `requested` what the rule gave), so the history explains itself.
 */
export const pointEntries = pgTable(
  'point_entries',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    activity: text('activity').notNull(),
    sourceKey: text('source_key').notNull(),
    /** China day (UTC+8) of `at`: the day whose cap applies. */
    day: date('day').notNull(),
    at: tstz('at').notNull(),
    requested: integer('requested').notNull(),
    points: integer('points').notNull(),
    rulesetVersion: text('ruleset_version').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('point_entries_source_uq').on(t.sourceKey),
    index('point_entries_member_day_idx').on(t.memberId, t.day),
    index('point_entries_day_idx').on(t.day, t.memberId),
  ],
);

/**
 * A member's running totals for one China day: the row is locked while an award is capped, so
 * concurrent awards of one member are serialized and the caps hold. `study_seconds` accumulates
 * credited study time, a point per whole block.
 */
export const pointDays = pgTable(
  'point_days',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    day: date('day').notNull(),
    total: integer('total').notNull().default(0),
    byActivity: jsonb('by_activity').$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    studySeconds: integer('study_seconds').notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex('point_days_member_day_uq').on(t.memberId, t.day)],
);
