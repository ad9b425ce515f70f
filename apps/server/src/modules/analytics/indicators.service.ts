import { chinaDay, valueProblem } from '@vanguard/shared';
import type { HistoryQuerySchema, ValuesQuerySchema, ValuesWriteSchema } from '@vanguard/shared/api/analytics';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { analyticsIndicators, indicatorValueHistory, indicatorValues, orgs } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, type FieldError, invalid } from '../../platform/errors.js';
import { indicatorMetrics } from './analytics.sources.js';
import { refreshMonth } from './rollups.service.js';

export type IndicatorRow = typeof analyticsIndicators.$inferSelect;

export async function listIndicators(ctx: ActorCtx) {
  const items = await ctx.db.select().from(analyticsIndicators).orderBy(asc(analyticsIndicators.sort), asc(analyticsIndicators.id));
  return { items: items as (IndicatorRow & { category: 'production' | 'safety' | 'hr'; aggregation: 'sum' | 'avg' | 'last' | 'max' })[] };
}

/** One value to write: the org (already checked in scope), month `YYYY-MM`, indicator code and value. */
export interface ValueRow {
  orgId: number;
  orgPath: string;
  month: string;
  code: string;
  value: number;
}

/** The values already stored for these (org, code, month): what a write would replace. */
export async function existingValues(tx: Tx | ActorCtx['db'], rows: readonly ValueRow[]) {
  if (rows.length === 0) return new Map<string, number>();
  const found = await tx.execute<{ org_id: number; code: string; month: string; value: number }>(sql`
    SELECT v.org_id, v.code, to_char(v.month, 'YYYY-MM') AS month, v.value
    FROM indicator_values v
    JOIN unnest(${sql.param(rows.map((r) => r.orgId))}::int[], ${sql.param(rows.map((r) => r.code))}::text[], ${sql.param(rows.map((r) => `${r.month}-01`))}::date[])
      AS k(org_id, code, month) ON v.org_id = k.org_id AND v.code = k.code AND v.month = k.month`);
  return new Map(found.rows.map((r) => [`${r.org_id}|${r.code}|${r.month}`, Number(r.value)]));
}
export const keyOf = (r: { orgId: number; code: string; month: string }) => `${r.orgId}|${r.code}|${r.month}`;

/**
 * Writes values in the caller's transaction: new ones inserted, existing ones replaced only with
 * `replace` (else 409 naming them), every write kept in the history (who, from what, to what), one
 * audit row, then the month's indicator rollups refreshed in the same transaction.
 */
export async function writeValues(tx: Tx, ctx: ActorCtx, rows: readonly ValueRow[], o: { source: string; replace: boolean }) {
  const old = await existingValues(tx, rows);
  const changed = rows.filter((r) => old.get(keyOf(r)) !== r.value);
  const replaced = rows.filter((r) => old.has(keyOf(r)));
  if (replaced.length > 0 && !o.replace) {
    throw conflict(
      '该月已有数据：请确认“替换”后再写入（原值见详情）',
      replaced.map((r) => ({ orgId: r.orgId, month: r.month, code: r.code, oldValue: old.get(keyOf(r)), newValue: r.value })),
    );
  }
  const now = ctx.now();
  if (changed.length > 0) {
    await tx.execute(sql`
      INSERT INTO indicator_values (org_id, org_path, code, month, value, source, created_at, updated_at)
      SELECT * , ${o.source}, ${now}::timestamptz, ${now}::timestamptz FROM unnest(
        ${sql.param(changed.map((r) => r.orgId))}::int[], ${sql.param(changed.map((r) => r.orgPath))}::text[],
        ${sql.param(changed.map((r) => r.code))}::text[], ${sql.param(changed.map((r) => `${r.month}-01`))}::date[],
        ${sql.param(changed.map((r) => r.value))}::float8[])
      ON CONFLICT (org_id, code, month) DO UPDATE SET value = excluded.value, source = excluded.source, updated_at = excluded.updated_at`);
    await tx.insert(indicatorValueHistory).values(
      changed.map((r) => ({
        orgId: r.orgId,
        orgPath: r.orgPath,
        code: r.code,
        month: `${r.month}-01`,
        oldValue: old.get(keyOf(r)) ?? null,
        newValue: r.value,
        source: o.source,
        changedBy: ctx.actor.displayName,
        changedAt: now,
      })),
    );
  }
  await audit(tx, ctx, {
    action: `analytics.values.${o.source}`,
    entityType: 'indicator_values',
    orgId: rows[0]?.orgId ?? null,
    after: { written: changed.length, replaced: replaced.length, months: [...new Set(rows.map((r) => r.month))] },
  });
  for (const month of new Set(changed.map((r) => r.month))) await refreshMonth(tx, month, now, [indicatorMetrics]);
  return { written: changed.length, replaced: replaced.filter((r) => old.get(keyOf(r)) !== r.value).length };
}

/** Checks codes, values and the month of a form or API write; errors name the field. */
export async function checkValues(ctx: ActorCtx, input: z.output<typeof ValuesWriteSchema>) {
  const { items } = await listIndicators(ctx);
  const byCode = new Map(items.map((i) => [i.code, i]));
  const problems: FieldError[] = [];
  if (input.month > chinaDay(ctx.now()).slice(0, 7)) problems.push({ path: 'month', message: '月份不能晚于本月' });
  const seen = new Set<string>();
  input.values.forEach((v, i) => {
    if (!byCode.has(v.code)) problems.push({ path: `values.${i}.code`, message: `没有指标“${v.code}”` });
    if (seen.has(v.code)) problems.push({ path: `values.${i}.code`, message: `指标“${v.code}”重复` });
    seen.add(v.code);
    const p = valueProblem(v.value);
    if (p) problems.push({ path: `values.${i}.value`, message: p });
  });
  if (problems.length) throw invalid(problems);
}

/** Form and integration API: values of one org and month, all or nothing. */
export async function putValues(ctx: ActorCtx, input: z.output<typeof ValuesWriteSchema>, source: 'form' | 'api') {
  const org = await orgFor(ctx, input.orgId, 'analytics:write', { field: 'orgId' });
  await checkValues(ctx, input);
  const rows = input.values.map((v) => ({ orgId: org.id, orgPath: org.path, month: input.month, code: v.code, value: v.value }));
  return ctx.db.transaction((tx) => writeValues(tx, ctx, rows, { source, replace: input.replace }));
}

export async function getValues(ctx: ActorCtx, q: z.output<typeof ValuesQuerySchema>) {
  const org = await orgFor(ctx, q.orgId, 'analytics:read');
  const items = await ctx.db
    .select({
      code: indicatorValues.code,
      value: indicatorValues.value,
      source: indicatorValues.source,
      updatedAt: indicatorValues.updatedAt,
    })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.orgId, org.id), eq(indicatorValues.month, `${q.month}-01`)))
    .orderBy(asc(indicatorValues.code));
  return { orgId: org.id, month: q.month, items };
}

/** Corrections keep history: every write to values of the org's subtree, newest first. */
export async function valueHistory(ctx: ActorCtx, q: z.output<typeof HistoryQuerySchema>) {
  const org = await orgFor(ctx, q.orgId, 'analytics:read');
  const where = and(
    sql`${indicatorValueHistory.orgPath} LIKE ${`${org.path}%`}`,
    q.code ? eq(indicatorValueHistory.code, q.code) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({
        id: indicatorValueHistory.id,
        orgName: orgs.name,
        month: sql<string>`to_char(${indicatorValueHistory.month}, 'YYYY-MM')`,
        code: indicatorValueHistory.code,
        oldValue: indicatorValueHistory.oldValue,
        newValue: indicatorValueHistory.newValue,
        source: indicatorValueHistory.source,
        changedBy: indicatorValueHistory.changedBy,
        changedAt: indicatorValueHistory.changedAt,
      })
      .from(indicatorValueHistory)
      .innerJoin(orgs, eq(orgs.id, indicatorValueHistory.orgId))
      .where(where)
      .orderBy(desc(indicatorValueHistory.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(indicatorValueHistory).where(where),
  ]);
  return { items: rows, total };
}
