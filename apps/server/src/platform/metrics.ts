import type { SQL } from 'drizzle-orm';

/**
 * How a module publishes its numbers to analytics (issue 23 item 2; docs/ARCHITECTURE.md §Analytics):
 * for a month, a SELECT over its own tables giving each org's OWN numbers (not its subtree's) as rows
 * `(org_id int, metric text, value float8)`. The analytics job runs it inside
 * `INSERT … SELECT` and adds the rows up to every ancestor, so no dashboard reads a module's tables
 * and a whole-group dashboard reads a handful of rollup rows. Metric codes are `<module>.<name>`,
 * named in `MODULE_METRICS` (packages/shared/src/analytics-rules.ts).
 */
export interface MetricSource {
  module: string;
  /**
   * `monthStart` and `nextMonthStart` are SQL date parameters (`YYYY-MM-01`). A stock (members) is
   * counted as at the month's end; a flow (meetings held) within the month.
   */
  ownValues(monthStart: string, nextMonthStart: string): SQL;
}
