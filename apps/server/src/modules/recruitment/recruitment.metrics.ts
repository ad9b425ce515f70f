import { sql } from 'drizzle-orm';
import type { MetricSource } from '../../platform/metrics.js';

/** The recruitment pipeline by stage (active cases), per org, for analytics (platform/metrics.ts). */
export const recruitmentMetrics: MetricSource = {
  module: 'recruitment',
  ownValues: () => sql`
    SELECT org_id,
      CASE WHEN admitted_on IS NOT NULL THEN 'recruitment.probationary'
           WHEN target_on IS NOT NULL THEN 'recruitment.targets'
           WHEN activist_on IS NOT NULL THEN 'recruitment.activists'
           ELSE 'recruitment.applicants' END AS metric,
      count(*)::float8 AS value
    FROM recruitment_cases WHERE status = 'active'
    GROUP BY 1, 2`,
};
