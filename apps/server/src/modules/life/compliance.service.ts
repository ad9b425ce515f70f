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

const UNIT_INTERVAL = sql`CASE c.unit WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END`;
const PKEY = sql`to_char(c.ps, CASE c.unit WHEN 'month' THEN 'YYYY-MM' WHEN 'quarter' THEN 'YYYY-"Q"Q' ELSE 'YYYY' END)`;

/**
 * One pass over the year's held meetings of the subtree: the distinct expected (org, type,
 * period) cells with a meeting, counted per org (ended periods only: the rate's numerator) and
 * per type and period (orgs done: the summary). Meetings of an org of the wrong kind (a branch's
 * 党小组会) do not count.
 */
async function doneCells(db: DbOrTx, path: string, year: number, today: string, rs: LifeRuleset) {
  const res = await db.execute<{ org_id: number | null; type: string | null; pkey: string | null; n: number }>(sql`
    WITH rules(type, unit, kinds) AS (VALUES ${rulesSql(rs)}),
    c AS (
      SELECT DISTINCT m.org_id, m.type, r.unit, date_trunc(r.unit, m.starts_at AT TIME ZONE 'Asia/Shanghai') AS ps
      FROM meetings m
      JOIN rules r ON r.type = m.type
      JOIN orgs o ON o.id = m.org_id AND o.kind = ANY(r.kinds) AND o.dissolved_at IS NULL
      WHERE m.org_path LIKE ${`${path}%`} AND m.minutes_at IS NOT NULL AND m.cancelled_at IS NULL
        AND m.starts_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
        AND m.starts_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
    )
    SELECT c.org_id, NULL::text AS type, NULL::text AS pkey, count(*) FILTER (WHERE (c.ps + ${UNIT_INTERVAL})::date <= ${today}::date)::int AS n
    FROM c GROUP BY c.org_id
    UNION ALL
    SELECT NULL, c.type, ${PKEY}, count(*)::int FROM c GROUP BY c.type, c.unit, c.ps`);
  const perOrg = new Map<number, number>();
  const summary: { type: string; pkey: string; done: number }[] = [];
  for (const r of res.rows) {
    if (r.org_id !== null) perOrg.set(r.org_id, r.n);
    else summary.push({ type: r.type as string, pkey: r.pkey as string, done: r.n });
  }
  return { perOrg, summary };
}

/** The orgs of the subtree that must hold meetings, in tree order. */
async function expectedOrgs(db: DbOrTx, path: string, rs: LifeRuleset) {
  return db
    .select({ id: orgs.id, parentId: orgs.parentId, path: orgs.path, kind: orgs.kind, name: orgs.name })
    .from(orgs)
    .where(and(sql`${orgs.path} LIKE ${`${path}%`}`, isNull(orgs.dissolvedAt), inArray(orgs.kind, expectedKinds(rs))))
    .orderBy(asc(orgs.path));
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
  const [list, done] = await Promise.all([expectedOrgs(ctx.db, org.path, rs), doneCells(ctx.db, org.path, year, today, rs)]);
  const summary = done.summary;
  const expectedOf = new Map<string, number>();
  const rows = list.map((o) => {
    let expected = expectedOf.get(o.kind);
    if (expected === undefined) {
      expected = expectedEnded(o.kind, year, today, rs);
      expectedOf.set(o.kind, expected);
    }
    const n = Math.min(done.perOrg.get(o.id) ?? 0, expected);
    return { ...o, done: n, expected, missing: expected - n };
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
  // Each row adds to the direct child of `org` it lies under (one pass, not one per child).
  const depth = org.path.split('/').length - 1;
  const byChild = new Map<string, { orgs: number; expected: number; done: number }>();
  const add = (key: string, r: { expected: number; done: number }) => {
    const a = byChild.get(key) ?? { orgs: 0, expected: 0, done: 0 };
    a.orgs++;
    a.expected += r.expected;
    a.done += r.done;
    byChild.set(key, a);
  };
  for (const r of rows) add(r.path === org.path ? 'self' : (r.path.split('/')[depth] ?? ''), r);
  const stat = (a: { orgs: number; expected: number; done: number } | undefined) => {
    const x = a ?? { orgs: 0, expected: 0, done: 0 };
    return { ...x, missing: x.expected - x.done, rate: x.expected ? Math.round((x.done / x.expected) * 1000) / 10 : null };
  };
  const all = rows.reduce((s, r) => ({ orgs: s.orgs + 1, expected: s.expected + r.expected, done: s.done + r.done }), {
    orgs: 0,
    expected: 0,
    done: 0,
  });
  const drill = [
    ...(byChild.has('self') ? [{ id: org.id, name: `${org.name}（本级）`, kind: org.kind, ...stat(byChild.get('self')) }] : []),
    ...children.map((c) => ({ id: c.id, name: c.name, kind: c.kind, ...stat(byChild.get(String(c.id))) })),
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
    total: stat(all),
    summary: summaryRows,
    children: drill,
    orgs: {
      total: listed.length,
      items: page.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        expected: r.expected,
        done: r.done,
        missing: r.missing,
        cells: (cells.get(r.id) ?? []).map((c) => ({ ...c, typeName: MEETING_TYPES[c.type as MeetingType] })),
      })),
    },
  };
}
