import { sql } from 'drizzle-orm';
import type { MetricSource } from '../../platform/metrics.js';

/**
 * The members module's numbers for analytics (platform/metrics.ts): members in normal standing per
 * org, probationary, women, and aged 35 or under at the month's end. Stocks, counted when refreshed.
 */
export const membersMetrics: MetricSource = {
  module: 'members',
  ownValues: (_monthStart, nextMonthStart) => sql`
    SELECT m.org_id, x.metric, x.value::float8
    FROM (
      SELECT org_id,
        count(*) AS total,
        count(*) FILTER (WHERE category = 'probationary') AS probationary,
        count(*) FILTER (WHERE sex = '女') AS female,
        count(*) FILTER (WHERE birth_date > (${nextMonthStart}::date - interval '35 years' - interval '1 day')) AS under35
      FROM members WHERE status = 'normal' GROUP BY org_id
    ) m
    CROSS JOIN LATERAL (VALUES
      ('members.count', m.total), ('members.probationary', m.probationary),
      ('members.female', m.female), ('members.under35', m.under35)
    ) AS x(metric, value)
    WHERE x.value > 0`,
};
