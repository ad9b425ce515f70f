import {
  type ComplianceCell,
  chinaDay,
  complianceOf,
  expectedLabel,
  type LifeRuleset,
  lifeRulesetOn,
  type Period,
  periodBounds,
  periodStatus,
  periodsOfYear,
} from '@vanguard/shared';
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../../db/client.js';
import { meetings, orgs } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { managedOrg } from './life.access.js';

/** The ruleset's expectations as a SQL VALUES list: (key, type, unit, kinds[], by). */
export function rulesSql(rs: LifeRuleset) {
  return sql.join(
    rs.expected.map(
      (e) => sql`(${e.key}::text, ${e.type}::text, ${e.every}::text, ${`{${e.kinds.join(',')}}`}::text[], ${e.by ?? null}::text)`,
    ),
    sql`, `,
  );
}

/**
 * Whether meeting `m` (an SQL alias with org_id, chair_member_id, starts_at) was chaired by its
 * org's 书记 on the day: the chair held the post `secretary` in a leadership term of that org.
 */
export const bySecretarySql = (m: string) =>
  sql.raw(`EXISTS (SELECT 1 FROM leadership_members lm JOIN leadership_terms lt ON lt.id = lm.term_id
    WHERE lt.org_id = ${m}.org_id AND lm.member_id = ${m}.chair_member_id AND lm.post = 'secretary'
      AND lm.started_on <= (${m}.starts_at AT TIME ZONE 'Asia/Shanghai')::date
      AND (lm.ended_on IS NULL OR lm.ended_on >= (${m}.starts_at AT TIME ZONE 'Asia/Shanghai')::date)
      AND (lt.ended_on IS NULL OR lt.ended_on >= (${m}.starts_at AT TIME ZONE 'Asia/Shanghai')::date))`);

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
  const month = sql.raw(`1 << (extract(month FROM m.starts_at AT TIME ZONE 'Asia/Shanghai')::int - 1)`);
  const res = await db.execute<{ org_id: number; type: string; months: number; sec_months: number | null }>(sql`
    SELECT m.org_id, m.type, bit_or(${month})::int AS months,
      bit_or(${month}) FILTER (WHERE m.type = 'lecture' AND m.chair_member_id IS NOT NULL AND ${bySecretarySql('m')})::int AS sec_months
    FROM meetings m
    WHERE m.org_path LIKE ${`${path}%`} AND m.minutes_at IS NOT NULL AND m.cancelled_at IS NULL
      AND m.type = ANY(${`{${types.join(',')}}`}::text[])
      AND m.starts_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
      AND m.starts_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
    GROUP BY m.org_id, m.type`);
  const out = new Map<string, number>();
  for (const r of res.rows) {
    out.set(`${r.org_id}:${r.type}`, r.months);
    // Expectations counted only by the secretary's meetings (书记讲党课) are keyed by their key.
    for (const e of rs.expected)
      if (e.by === 'secretary' && e.type === r.type && r.sec_months) out.set(`${r.org_id}:${e.key}`, r.sec_months);
  }
  return out;
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
          bySecretary: sql<boolean>`(${meetings.type} = 'lecture' AND ${meetings.chairMemberId} IS NOT NULL AND ${bySecretarySql('meetings')})`,
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
        held.filter((h) => h.orgId === o.id).map((h) => ({ type: h.type, day: h.day, hasMinutes: true, bySecretary: h.bySecretary })),
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
      const flags = periodsHeld(held.get(`${o.id}:${e.key}`) ?? 0, e.every);
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
    key: e.key,
    type: e.type,
    typeName: expectedLabel(e),
    every: e.every,
    orgs: kindsCount(e.kinds),
    periods: periodsOfYear(year, e.every).map((period) => {
      const { from, to } = periodBounds(period);
      const done = plan.find((p) => p.key === e.key)?.doneByPeriod[periodsOfYear(year, e.every).indexOf(period)] ?? 0;
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
        cells: (cells.get(r.id) ?? []).map((c) => ({ ...c, typeName: c.label })),
      })),
    },
  };
}

const STATUS_TEXT: Record<string, string> = { done: '已开', missing: '未开', due: '进行中', future: '' };
const KIND_TEXT: Record<string, string> = { branch: '党支部', joint_branch: '联合党支部', temp_branch: '临时党支部', group: '党小组' };

/**
 * 组织生活落实情况 of an org's subtree as an Excel workbook: 汇总 (each org's ended cells, done,
 * missing, rate), 按月 (the monthly expectations, one column per month) and 按季度 (the quarterly
 * ones per quarter, the yearly ones in 全年). Same counting as the page (meetings with minutes, by
 * China-time day); audited.
 */
export async function complianceWorkbook(ctx: ActorCtx, q: { orgId: number; year?: number; onlyProblems?: boolean }) {
  const org = await managedOrg(ctx.db, ctx, q.orgId);
  const today = chinaDay(ctx.now());
  const year = q.year ?? Number(today.slice(0, 4));
  const rs = lifeRulesetOn(`${year}-12-31` < today ? `${year}-12-31` : today);
  const [list, held] = await Promise.all([expectedOrgs(ctx.db, org.path, rs), heldMonths(ctx.db, org.path, year, rs)]);
  const rows = list.map((o) => {
    const lines = rs.expected
      .filter((e) => e.kinds.includes(o.kind))
      .map((e) => {
        const periods = periodsOfYear(year, e.every);
        const flags = periodsHeld(held.get(`${o.id}:${e.key}`) ?? 0, e.every);
        return { e, statuses: periods.map((p, i) => periodStatus(p, flags[i] ? 1 : 0, today)) };
      });
    const expected = lines.reduce((s, l) => s + l.statuses.filter((x) => x === 'done' || x === 'missing').length, 0);
    const done = lines.reduce((s, l) => s + l.statuses.filter((x) => x === 'done').length, 0);
    return { o, lines, expected, done, missing: expected - done };
  });
  const listed = q.onlyProblems ? rows.filter((r) => r.missing > 0) : rows;

  const wb = new ExcelJS.Workbook();
  const head = (ws: ExcelJS.Worksheet) => {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
  };
  const sum = wb.addWorksheet('汇总');
  sum.columns = [
    { header: '组织', key: 'name', width: 30 },
    { header: '类型', key: 'kind', width: 10 },
    { header: '应开（已到期）', key: 'expected', width: 14 },
    { header: '已开（有记录）', key: 'done', width: 14 },
    { header: '未开', key: 'missing', width: 8 },
    { header: '落实率', key: 'rate', width: 10 },
  ];
  head(sum);
  for (const r of listed)
    sum.addRow({
      name: r.o.name,
      kind: KIND_TEXT[r.o.kind] ?? r.o.kind,
      expected: r.expected,
      done: r.done,
      missing: r.missing,
      rate: r.expected ? `${Math.round((r.done / r.expected) * 1000) / 10}%` : '—',
    });
  const byUnit = (name: string, units: Period[], columns: string[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = [
      { header: '组织', key: 'name', width: 30 },
      { header: '会议', key: 'type', width: 14 },
      ...columns.map((c, i) => ({ header: c, key: `p${i}`, width: 9 })),
    ];
    head(ws);
    for (const r of listed)
      for (const l of r.lines) {
        if (!units.includes(l.e.every)) continue;
        // A yearly expectation goes in the last column (全年).
        const cells =
          l.e.every === 'year'
            ? [...Array(columns.length - 1).fill(''), STATUS_TEXT[l.statuses[0]]]
            : l.statuses.map((s) => STATUS_TEXT[s]);
        ws.addRow([r.o.name, expectedLabel(l.e), ...cells]);
      }
    return ws;
  };
  byUnit(
    '按月',
    ['month'],
    periodsOfYear(year, 'month').map((p) => `${Number(p.slice(5))}月`),
  );
  byUnit(
    '按季度',
    ['quarter', 'year'],
    [...periodsOfYear(year, 'quarter').map((p) => `第${'一二三四'[Number(p.slice(6)) - 1]}季度`), '全年'],
  );
  await audit(ctx.db, ctx, {
    action: 'life.compliance.export',
    entityType: 'org',
    entityId: org.id,
    orgId: org.id,
    after: { year, orgs: listed.length },
  });
  return {
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `${org.name}${year}年组织生活落实情况.xlsx`,
    asciiName: `org-life-compliance-${year}.xlsx`,
  };
}
