import { sql } from 'drizzle-orm';
import type { MetricSource } from '../../platform/metrics.js';
import { duesMetrics } from '../dues/index.js';
import { learningMetrics } from '../learning/index.js';
import { lifeMetrics } from '../life/index.js';
import { membersMetrics } from '../members/index.js';
import { recruitmentMetrics } from '../recruitment/index.js';

/** Analytics' own numbers: each unit's indicator values of the month, as `ind.<code>`. */
export const indicatorMetrics: MetricSource = {
  module: 'ind',
  ownValues: (monthStart) => sql`SELECT org_id, 'ind.' || code AS metric, value FROM indicator_values WHERE month = ${monthStart}::date`,
};

/** Every module that publishes numbers: one line each (docs/ARCHITECTURE.md §Analytics). */
export const METRIC_SOURCES: readonly MetricSource[] = [
  indicatorMetrics,
  membersMetrics,
  recruitmentMetrics,
  duesMetrics,
  lifeMetrics,
  learningMetrics,
];
