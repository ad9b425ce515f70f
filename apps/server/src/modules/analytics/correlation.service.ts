import { MIN_CORRELATION_UNITS, spearman } from '@vanguard/shared';
import type { CorrelationQuerySchema } from '@vanguard/shared/api/analytics';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { orgFor } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { aggregations, rollupCells, valuesOf } from './dashboard.service.js';

const HAZARDS = ['ind.hazard_general', 'ind.hazard_major', 'ind.hazard_serious'];

/**
 * Party work against safety (issue 23 item 4): each branch under the org with its party-work number
 * (x) and its safety number (y) for the period, and Spearman's rank correlation — only with at least
 * MIN_CORRELATION_UNITS branches. Branches without the safety data are counted as left out.
 */
export async function correlation(ctx: ActorCtx, q: z.output<typeof CorrelationQuerySchema>) {
  if (q.from > q.to) throw invalid('from', '开始月份不能晚于结束月份');
  const org = await orgFor(ctx, q.orgId, 'analytics:read');
  const units = await ctx.db.execute<{ id: number; name: string }>(sql`
    SELECT id, name FROM orgs WHERE path LIKE ${`${org.path}%`} AND kind IN ('branch', 'joint_branch', 'temp_branch') AND dissolved_at IS NULL
    ORDER BY id LIMIT 5000`);
  const [cells, aggs] = await Promise.all([
    rollupCells(
      ctx,
      units.rows.map((u) => u.id),
      q.from,
      q.to,
    ),
    aggregations(ctx),
  ]);
  const points: { orgId: number; name: string; x: number; y: number; members: number }[] = [];
  for (const u of units.rows) {
    const v = valuesOf(cells.get(u.id), aggs);
    let y: number | null = null;
    if (q.y === 'violationsPer100') {
      const workers = v['ind.headcount'];
      if (workers && v['ind.violations'] != null) y = Math.round(((v['ind.violations'] ?? 0) / workers) * 10000) / 100;
    } else {
      const total = HAZARDS.reduce((a, k) => a + (v[k] ?? 0), 0);
      if (total > 0 && v['ind.hazard_closed_on_time'] != null) y = Math.round(((v['ind.hazard_closed_on_time'] ?? 0) / total) * 1000) / 10;
    }
    if (y == null) continue;
    points.push({ orgId: u.id, name: u.name, x: v[q.x] ?? 0, y, members: v['members.count'] ?? 0 });
  }
  return {
    units: points.length,
    rho: spearman(points),
    minUnits: MIN_CORRELATION_UNITS,
    points,
    excluded: units.rows.length - points.length,
  };
}
