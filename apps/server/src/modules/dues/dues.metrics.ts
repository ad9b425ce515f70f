import { sql } from 'drizzle-orm';
import type { MetricSource } from '../../platform/metrics.js';

/** Bills of the month and those settled (paid, back-paid, prepaid or waived), per org (platform/metrics.ts). */
export const duesMetrics: MetricSource = {
  module: 'dues',
  ownValues: (monthStart) => sql`
    SELECT b.org_id, x.metric, x.value::float8
    FROM (
      SELECT org_id, count(*) AS bills, count(*) FILTER (WHERE status <> 'unpaid') AS paid
      FROM dues_bills WHERE month = ${monthStart}::date GROUP BY org_id
    ) b
    CROSS JOIN LATERAL (VALUES ('dues.bills', b.bills), ('dues.paid', b.paid)) AS x(metric, value)
    WHERE x.value > 0`,
};
