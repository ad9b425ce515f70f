import { sql } from 'drizzle-orm';
import type { MetricSource } from '../../platform/metrics.js';

/** Exam attempts graded in the month and those at or above the exam's pass score, per org (platform/metrics.ts). */
export const learningMetrics: MetricSource = {
  module: 'learning',
  ownValues: (monthStart, nextMonthStart) => sql`
    SELECT g.org_id, x.metric, x.value::float8
    FROM (
      SELECT a.org_id, count(*) AS graded, count(*) FILTER (WHERE a.score >= e.pass_score) AS passed
      FROM learning_attempts a JOIN learning_exams e ON e.id = a.exam_id
      WHERE a.status = 'graded'
        AND a.submitted_at >= (${monthStart}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND a.submitted_at < (${nextMonthStart}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
      GROUP BY a.org_id
    ) g
    CROSS JOIN LATERAL (VALUES ('learning.graded', g.graded), ('learning.passed', g.passed)) AS x(metric, value)
    WHERE x.value > 0`,
};
