import { type Aggregation, addMonthsYm, combine, MODULE_METRICS, type MonthCell, periodRange } from '@vanguard/shared';
import type { DashboardQuerySchema } from '@vanguard/shared/api/analytics';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { listIndicators } from './indicators.service.js';

type Cells = Map<number, Map<string, MonthCell[]>>;

/** Every metric's aggregation: the modules' from MODULE_METRICS, the indicators' from their definitions. */
export async function aggregations(ctx: ActorCtx): Promise<Map<string, Aggregation>> {
  const { items } = await listIndicators(ctx);
  return new Map<string, Aggregation>([
    ...Object.entries(MODULE_METRICS).map(([k, v]) => [k, v.agg] as [string, Aggregation]),
    ...items.map((i) => [`ind.${i.code}`, i.aggregation as Aggregation] as [string, Aggregation]),
  ]);
}

/** Rollup cells of these orgs for months from..to (inclusive), by org and metric. */
export async function rollupCells(ctx: ActorCtx, orgIds: readonly number[], from: string, to: string): Promise<Cells> {
  const out: Cells = new Map();
  if (orgIds.length === 0) return out;
  const { rows } = await ctx.db.execute<{ org_id: number; month: string; metric: string; sum: number; n: number; max: number }>(sql`
    SELECT org_id, to_char(month, 'YYYY-MM') AS month, metric, sum, n, max FROM analytics_rollups
    WHERE org_id = ANY(${sql.param(orgIds)}::int[]) AND month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date`);
  for (const r of rows) {
    const byMetric = out.get(r.org_id) ?? new Map<string, MonthCell[]>();
    out.set(r.org_id, byMetric);
    const list = byMetric.get(r.metric) ?? [];
    list.push({ month: r.month, sum: Number(r.sum), n: Number(r.n), max: Number(r.max) });
    byMetric.set(r.metric, list);
  }
  return out;
}

export function valuesOf(cells: Map<string, MonthCell[]> | undefined, aggs: Map<string, Aggregation>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [metric, list] of cells ?? []) out[metric] = combine(aggs.get(metric) ?? 'sum', list);
  return out;
}

/**
 * The dashboard of one org in scope (any org as root): its subtree's numbers for the period, each
 * child's (to drill down), and the org's last twelve months. Reads only the rollups: a few hundred
 * rows whatever the size of the subtree.
 */
export async function dashboard(ctx: ActorCtx, q: z.output<typeof DashboardQuerySchema>) {
  const org = await orgFor(ctx, q.orgId, 'analytics:read');
  const range = periodRange(q.period, q.at);
  const ancestorIds = org.path.split('/').filter(Boolean).map(Number);
  const [trailRows, childRows, aggs, refreshed] = await Promise.all([
    ctx.db.execute<{ id: number; name: string }>(sql`
      SELECT id, name FROM orgs WHERE id = ANY(${sql.param(ancestorIds)}::int[]) AND ${inScope(sql`path`, scopeOf(ctx.actor, 'analytics:read'))}
      ORDER BY length(path)`),
    ctx.db.execute<{ id: number; name: string; kind: string; has_children: boolean }>(sql`
      SELECT o.id, o.name, o.kind, EXISTS (SELECT 1 FROM orgs c WHERE c.parent_id = o.id AND c.dissolved_at IS NULL) AS has_children
      FROM orgs o WHERE o.parent_id = ${org.id} AND o.dissolved_at IS NULL ORDER BY o.sort, o.id`),
    aggregations(ctx),
    ctx.db.execute<{ at: Date | null }>(
      sql`SELECT max(refreshed_at) AS at FROM analytics_rollups WHERE org_id = ${org.id} AND month = ${`${range.to}-01`}::date`,
    ),
  ]);
  const trendFrom = addMonthsYm(range.to, -11);
  const ids = [org.id, ...childRows.rows.map((c) => c.id)];
  const [cells, trendCells] = await Promise.all([
    rollupCells(ctx, ids, range.from, range.to),
    rollupCells(ctx, [org.id], trendFrom, range.to),
  ]);
  const trend: { month: string; values: Record<string, number | null> }[] = [];
  for (let m = trendFrom; m <= range.to; m = addMonthsYm(m, 1)) {
    const monthCells = new Map([...(trendCells.get(org.id) ?? [])].map(([k, list]) => [k, list.filter((c) => c.month === m)]));
    for (const [k, list] of monthCells) if (list.length === 0) monthCells.delete(k);
    trend.push({ month: m, values: valuesOf(monthCells, aggs) });
  }
  const at = refreshed.rows[0]?.at;
  return {
    org: { id: org.id, name: org.name, kind: org.kind },
    trail: trailRows.rows,
    range,
    total: valuesOf(cells.get(org.id), aggs),
    children: childRows.rows.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      hasChildren: c.has_children,
      values: valuesOf(cells.get(c.id), aggs),
    })),
    trend,
    refreshedAt: at ? new Date(at) : null,
  };
}
