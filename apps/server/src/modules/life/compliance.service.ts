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
 * One pass over the year's held meetings of the subtree: per org and expected type, the months
 * (China time) in which a meeting with minutes was held, as a 12-bit mask. Quarters and the
 * year follow from the mask, so the database returns one small row per (org, type) and does no
 * per-row date arithmetic beyond the month.
 */
async function heldMonths(db: DbOrTx, path: string, year: number, rs: LifeRuleset): Promise<Map<string, number>> {
  const types = [...new Set(rs.expected.map((e) => e.type))];
  const res = await db.execute<{ org_id: number; type: string; months: number }>(sql`
    SELECT m.org_id, m.type, bit_or(1 << (extract(month FROM m.starts_at AT TIME ZONE 'Asia/Shanghai')::int - 1))::int AS months
    FROM meetings m
    WHERE m.org_path LIKE ${`${path}%`} AND m.minutes_at IS NOT NULL AND m.cancelled_at IS NULL
      AND m.type = ANY(${`{${types.join(',')}}`}::text[])
      AND m.starts_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
      AND m.starts_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
    GROUP BY m.org_id, m.type`);
  return new Map(res.rows.map((r) => [`${r.org_id}:${r.type}`, r.months]));
}

/** The periods (index in the year) held, from a month mask: months 0–11, quarters 0–3, the year 0. */
export function periodsHeld(mask: number, every: Period): boolean[] {
  if (every === 'month') return Array.from({ length: 12 }, (_, i) => (mask & (1 << i)) !== 0);
  if (every === 'quarter') return Array.from({ length: 4 }, (_, q) => (mask & (7 << (q * 3))) !== 0);
  return [mask !== 0];
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
  const [list, held] = await Promise.all([expectedOrgs(ctx.db, org.path, rs), heldMonths(ctx.db, org.path, year, rs)]);
  // Per expected type: how many periods have ended, and per period how many orgs held it.
  const plan = rs.expected.map((e) => ({
    ...e,
    ended: endedPeriods(year, e.every, today),
    doneByPeriod: new Array<number>(periodsOfYear(year, e.every).length).fill(0),
  }));
  const rows = list.map((o) => {
    let expected = 0;
    let n = 0;
    for (const e of plan) {
      if (!e.kinds.includes(o.kind)) continue;
      const flags = periodsHeld(held.get(`${o.id}:${e.type}`) ?? 0, e.every);
      expected += e.ended;
      flags.forEach((f, i) => {
        if (!f) return;
        e.doneByPeriod[i]++;
        if (i < e.ended) n++;
      });
    }
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
      const done = plan.find((p) => p.type === e.type)?.doneByPeriod[periodsOfYear(year, e.every).indexOf(period)] ?? 0;
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
