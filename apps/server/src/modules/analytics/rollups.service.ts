import { addMonthsYm } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { MetricSource } from '../../platform/metrics.js';
import { METRIC_SOURCES } from './analytics.sources.js';

/**
 * Rewrites the rollups of one month (`YYYY-MM`) for the given sources: each source's own numbers per
 * org, added up to the org and every ancestor (the ids of its path), as sum, count and max. One
 * transaction under an advisory lock per month, so a dashboard sees the old month or the new one and
 * two refreshes of a month queue up. Returns the rows written.
 */
export async function refreshMonth(
  db: DbOrTx,
  month: string,
  now: Date,
  sources: readonly MetricSource[] = METRIC_SOURCES,
): Promise<number> {
  const monthStart = `${month}-01`;
  const next = `${addMonthsYm(month, 1)}-01`;
  const own = sql.join(
    sources.map((s) => sql`(${s.ownValues(monthStart, next)})`),
    sql` UNION ALL `,
  );
  const prefixes = sources.map((s) => `${s.module}.%`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('analytics.rollup'), ${Number(month.replace('-', ''))})`);
    await tx.execute(
      sql`DELETE FROM analytics_rollups WHERE month = ${monthStart}::date AND metric LIKE ANY(${sql.param(prefixes)}::text[])`,
    );
    const res = await tx.execute(sql`
      INSERT INTO analytics_rollups (org_id, month, metric, sum, n, max, refreshed_at)
      SELECT anc.id::int, ${monthStart}::date, own.metric, sum(own.value), count(*), max(own.value), ${now}
      FROM (${own}) AS own(org_id, metric, value)
      JOIN orgs o ON o.id = own.org_id
      CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from o.path), '/')) AS anc(id)
      GROUP BY anc.id, own.metric`);
    return res.rowCount ?? 0;
  });
}
