import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { settings } from '../db/schema/index.js';

/** System settings kept in the database; each key has a typed default here. */
const DEFAULTS = {
  /** 三员 accounts must use TOTP (RULES.md §Security). Only the demo seed turns it off. */
  adminMfaRequired: true,
  /** 党费取整方式 for bases declared from now on; null = the dues ruleset's (to the fen). */
  'dues.rounding': null as 'fen' | 'jiao-up' | null,
  /** 上缴周期 (months); null = the dues ruleset's. */
  'dues.remitEveryMonths': null as number | null,
  /** 学习积分每日上限: the group's overrides of the points ruleset's caps; null = the ruleset's. */
  'points.caps': null as Record<string, number> | null,
  /** 三重一大 大额度资金 threshold (yuan); null = the decisions ruleset's. */
  'decisions.largeAmountYuan': null as number | null,
};
export type SettingKey = keyof typeof DEFAULTS;

export async function getSetting<K extends SettingKey>(db: DbOrTx, key: K): Promise<(typeof DEFAULTS)[K]> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return (row?.value as (typeof DEFAULTS)[K]) ?? DEFAULTS[key];
}

export async function setSetting<K extends SettingKey>(db: DbOrTx, key: K, value: (typeof DEFAULTS)[K]): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}
