import { sql } from 'drizzle-orm';
import type { MetricSource } from '../../platform/metrics.js';

/**
 * Meetings held (minutes recorded or published) that began in the month, per host org; and of them
 * the 三会一课 kinds (platform/metrics.ts).
 */
export const lifeMetrics: MetricSource = {
  module: 'life',
  ownValues: (monthStart, nextMonthStart) => sql`
    SELECT g.org_id, x.metric, x.value::float8
    FROM (
      SELECT org_id, count(*) AS held,
        count(*) FILTER (WHERE type IN ('branch_assembly', 'committee', 'group', 'lecture')) AS core
      FROM meetings
      WHERE status IN ('held', 'published')
        AND starts_at >= (${monthStart}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND starts_at < (${nextMonthStart}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
      GROUP BY org_id
    ) g
    CROSS JOIN LATERAL (VALUES ('life.meetings', g.held), ('life.branch_meetings', g.core)) AS x(metric, value)
    WHERE x.value > 0`,
};
