import {
  type ComplianceCell,
  chinaDay,
  complianceOf,
  type LifeRuleset,
  lifeRulesetOn,
  MEETING_TYPES,
  type MeetingType,
  type Period,
  periodBounds,
  periodsOfYear,
} from '@vanguard/shared';
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { meetings, orgs } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { managedOrg } from './life.access.js';

/** The ruleset's expectations as a SQL VALUES list: (type, unit, kinds[]). */
export function rulesSql(rs: LifeRuleset) {
  return sql.join(
    rs.expected.map((e) => sql`(${e.type}::text, ${e.every}::text, ${`{${e.kinds.join(',')}}`}::text[])`),
    sql`, `,
  );
}

const expectedKinds = (rs: LifeRuleset) => [...new Set(rs.expected.flatMap((e) => e.kinds))];

/** Periods of the year ended by `today`, per unit. */
function endedPeriods(year: number, every: Period, today: string): number {
  return periodsOfYear(year, every).filter((p) => periodBounds(p).to < today).length;
}

/** Ended expected cells of a kind of org in a year (the denominator of its rate). */
export function expectedEnded(kind: string, year: number, today: string, rs: LifeRuleset): number {
  return rs.expected.filter((e) => e.kinds.includes(kind)).reduce((s, e) => s + endedPeriods(year, e.every, today), 0);
}

/**
 * Per org of the subtree that must hold meetings: how many expected (type, period) cells of the
 * year's ended periods have a meeting with minutes. One pass over the year's meetings.
 */
async function doneEndedPerOrg(db: DbOrTx, path: string, year: number, today: string, rs: LifeRuleset) {
  const res = await db.execute<{ id: number; parent_id: number | null; path: string; kind: string; name: string; done: number }>(sql`
    WITH rules(type, unit, kinds) AS (VALUES ${rulesSql(rs)}),
    mt AS (
      SELECT DISTINCT m.org_id, m.type, date_trunc(r.unit, m.starts_at AT TIME ZONE 'Asia/Shanghai') AS ps, r.unit, r.kinds
      FROM meetings m JOIN rules r ON r.type = m.type
      WHERE m.org_path LIKE ${`${path}%`} AND m.minutes_at IS NOT NULL AND m.cancelled_at IS NULL
        AND m.starts_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
        AND m.starts_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
    )
    SELECT o.id, o.parent_id, o.path, o.kind, o.name,
      count(mt.org_id) FILTER (WHERE (mt.ps + CASE mt.unit WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END)::date <= ${today}::date AND o.kind = ANY(mt.kinds))::int AS done
    FROM orgs o LEFT JOIN mt ON mt.org_id = o.id
    WHERE o.path LIKE ${`${path}%`} AND o.dissolved_at IS NULL AND o.kind = ANY(${`{${expectedKinds(rs).join(',')}}`}::text[])
    GROUP BY o.id
    ORDER BY o.path`);
  return res.rows;
}

/** Orgs done per expected type and period across the subtree (the summary by month and quarter). */
async function summaryCounts(db: DbOrTx, path: string, year: number, rs: LifeRuleset) {
  const res = await db.execute<{ type: string; pkey: string; done: number }>(sql`
    WITH rules(type, unit, kinds) AS (VALUES ${rulesSql(rs)})
    SELECT m.type,
      CASE r.unit WHEN 'month' THEN to_char(m.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')
                  WHEN 'quarter' THEN to_char(m.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-"Q"Q')
                  ELSE to_char(m.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY') END AS pkey,
      count(DISTINCT m.org_id)::int AS done
    FROM meetings m JOIN rules r ON r.type = m.type JOIN orgs o ON o.id = m.org_id AND o.kind = ANY(r.kinds) AND o.dissolved_at IS NULL
    WHERE m.org_path LIKE ${`${path}%`} AND m.minutes_at IS NOT NULL AND m.cancelled_at IS NULL
      AND m.starts_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
      AND m.starts_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
    GROUP BY 1, 2`);
  return res.rows;
}

/** The cells of some orgs (expected meetings against those held with minutes). */
export async function cellsOf(db: DbOrTx, list: { id: number; kind: string }[], year: number, today: string, rs: LifeRuleset) {
  const ids = list.map((o) => o.id);
  const held = ids.length
    ? await db
        .select({
          orgId: meetings.orgId,
          type: meetings.type,
          day: sql<string>`to_char(${meetings.startsAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`,
        })
        .from(meetings)
        .where(
          and(
            inArray(meetings.orgId, ids),
            isNotNull(meetings.minutesAt),
            isNull(meetings.cancelledAt),
            sql`${meetings.startsAt} >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`,
            sql`${meetings.startsAt} < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`,
          ),
        )
    : [];
  return new Map<number, ComplianceCell[]>(
    list.map((o) => [
      o.id,
      complianceOf(
        o.kind,
        year,
        held.filter((h) => h.orgId === o.id).map((h) => ({ type: h.type, day: h.day, hasMinutes: true })),
        today,
        rs,
      ),
    ]),
  );
}

/**
 * 组织生活落实情况 for an org's subtree and a year: a summary by type and period (orgs done of
 * those expected), the rate per direct child (drill down), and a page of orgs with their cells.
 */
export async function compliance(
  ctx: ActorCtx,
  q: { orgId: number; year?: number; onlyProblems?: boolean; page: number; pageSize: number },
) {
  const org = await managedOrg(ctx.db, ctx, q.orgId);
  const today = chinaDay(ctx.now());
  const year = q.year ?? Number(today.slice(0, 4));
  const rs = lifeRulesetOn(`${year}-12-31` < today ? `${year}-12-31` : today);
  const [perOrg, summary] = await Promise.all([
    doneEndedPerOrg(ctx.db, org.path, year, today, rs),
    summaryCounts(ctx.db, org.path, year, rs),
  ]);

  const rows = perOrg.map((o) => {
    const expected = expectedEnded(o.kind, year, today, rs);
    return { ...o, expected, missing: Math.max(0, expected - o.done) };
  });
  const kindsCount = (kinds: readonly string[]) => rows.filter((r) => kinds.includes(r.kind)).length;
  const summaryRows = rs.expected.map((e) => ({
    type: e.type,
    typeName: MEETING_TYPES[e.type],
    every: e.every,
    orgs: kindsCount(e.kinds),
    periods: periodsOfYear(year, e.every).map((period) => {
      const { from, to } = periodBounds(period);
      const done = summary.find((s) => s.type === e.type && s.pkey === period)?.done ?? 0;
      return { period, done, state: to < today ? 'ended' : from <= today ? 'current' : 'future' };
    }),
  }));

  // Drill-down: the direct children (and the org itself for what it holds directly).
  const children = await ctx.db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path, kind: orgs.kind })
    .from(orgs)
    .where(and(eq(orgs.parentId, org.id), isNull(orgs.dissolvedAt)))
    .orderBy(asc(orgs.sort), asc(orgs.path));
  const agg = (prefix: string, exact = false) => {
    const within = rows.filter((r) => (exact ? r.path === prefix : r.path.startsWith(prefix)));
    const expected = within.reduce((s, r) => s + r.expected, 0);
    const done = within.reduce((s, r) => s + Math.min(r.done, r.expected), 0);
    return {
      orgs: within.length,
      expected,
      done,
      missing: expected - done,
      rate: expected ? Math.round((done / expected) * 1000) / 10 : null,
    };
  };
  const drill = [
    ...(rows.some((r) => r.path === org.path) ? [{ id: org.id, name: `${org.name}（本级）`, kind: org.kind, ...agg(org.path, true) }] : []),
    ...children.map((c) => ({ id: c.id, name: c.name, kind: c.kind, ...agg(c.path) })),
  ].filter((c) => c.orgs > 0);

  const listed = q.onlyProblems ? rows.filter((r) => r.missing > 0) : rows;
  const page = listed.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const cells = await cellsOf(ctx.db, page, year, today, rs);
  return {
    orgId: org.id,
    orgName: org.name,
    year,
    today,
    source: rs.source,
    total: agg(org.path),
    summary: summaryRows,
    children: drill,
    orgs: {
      total: listed.length,
      items: page.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        expected: r.expected,
        done: Math.min(r.done, r.expected),
        missing: r.missing,
        cells: (cells.get(r.id) ?? []).map((c) => ({ ...c, typeName: MEETING_TYPES[c.type as MeetingType] })),
      })),
    },
  };
}
