import type { LedgerRowSchema } from '@vanguard/shared/api/dues';
import { and, count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type DbOrTx, preparedRows, underPath } from '../../db/client.js';
import { duesBills, duesPayments, members, orgs } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { assertCan, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { readCacheOn } from '../../platform/cache.js';
import type { ActorCtx } from '../../platform/context.js';
import { lockStructure } from '../../platform/locks.js';
import { likePrefix, monthDay } from './dues.common.js';

/**
 * Generates the bills of one month for every member in good standing in the org's subtree, as
 * ONE set-based statement (INSERT … SELECT). The standard is read from the stored, derived
 * `monthly_fen` of the base row in force that month — billing never decrypts a base.
 * 预备党员自支部大会通过之日起交纳党费（第八条）: nobody is billed for a month before the one they were admitted in.
 *
 * Idempotent: when the subtree already has bills for the month (a rerun, or a salary change filling
 * gaps), the statement skips existing (member, month) pairs with ON CONFLICT DO NOTHING. A month
 * with no bills yet in the subtree — the usual monthly run — takes a plain INSERT, which spares the
 * speculative insertion ON CONFLICT pays per row (an extra index probe and WAL record); if another
 * run got there first, the unique index refuses it and the statement is redone with ON CONFLICT
 * under a savepoint. (No NOT EXISTS anti-join: right after a first run the table's statistics still
 * say "empty", and the planner may then pick a nested loop over the new bills — quadratic.)
 */
export async function generateBillsSql(db: DbOrTx, orgPath: string, month: string): Promise<number> {
  const insert = (onConflict: boolean) => sql`
    INSERT INTO dues_bills (member_id, org_id, org_path, month, standard_fen, due_fen, status, base_id)
    SELECT m.id, m.org_id, m.org_path, ${month}::date, b.standard_fen, b.monthly_fen,
           CASE WHEN b.monthly_fen = 0 THEN 'waived' ELSE 'unpaid' END, b.id
    FROM members m
    JOIN dues_bases b ON b.member_id = m.id
     AND b.effective_from <= ${month}::date
     AND (b.effective_to IS NULL OR b.effective_to > ${month}::date)
    WHERE m.org_path LIKE ${likePrefix(orgPath)}
      AND m.status = 'normal'
      AND (m.admitted_on IS NULL OR m.admitted_on < (${month}::date + interval '1 month'))
    ${onConflict ? sql`ON CONFLICT (member_id, month) DO NOTHING` : sql``}`;
  const started = await db.execute(
    sql`SELECT EXISTS (SELECT 1 FROM dues_bills WHERE month = ${month}::date AND org_path LIKE ${likePrefix(orgPath)}) AS any`,
  );
  if (started.rows[0]?.any) return (await db.execute(insert(true))).rowCount ?? 0;
  return db
    .transaction(async (tx) => (await tx.execute(insert(false))).rowCount ?? 0)
    .catch(async (e: unknown) => {
      if ((e as { code?: string }).code !== '23505') throw e;
      return (await db.execute(insert(true))).rowCount ?? 0;
    });
}

export async function generateBills(ctx: ActorCtx, input: { orgId: number; month: string }) {
  const month = monthDay(input.month);
  return ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const org = await orgFor(ctx, input.orgId, 'dues:collect', { db: tx, dissolved: true });
    const created = await generateBillsSql(tx, org.path, month);
    const [stats] = await tx
      .select({ n: count(), due: sql<number>`coalesce(sum(${duesBills.dueFen}), 0)::bigint` })
      .from(duesBills)
      .where(and(eq(duesBills.month, month), sql`${duesBills.orgPath} LIKE ${likePrefix(org.path)}`));
    const [{ withoutBase }] = await tx
      .select({ withoutBase: count() })
      .from(members)
      .where(
        and(
          sql`${members.orgPath} LIKE ${likePrefix(org.path)}`,
          eq(members.status, 'normal'),
          sql`(${members.admittedOn} IS NULL OR ${members.admittedOn} < (${month}::date + interval '1 month'))`,
          sql`NOT EXISTS (SELECT 1 FROM dues_bases b WHERE b.member_id = ${members.id} AND b.effective_from <= ${month}::date)`,
        ),
      );
    const result = { month: input.month, created, existing: Number(stats.n) - created, withoutBase, totalDueFen: Number(stats.due) };
    await audit(tx, ctx, { action: 'dues.bills.generate', entityType: 'org', entityId: org.id, orgId: org.id, after: result });
    return result;
  });
}

const zeroTotals = { members: 0, standardFen: 0, dueFen: 0, paidFen: 0, owedFen: 0, waivedFen: 0, extraFen: 0 };

/**
 * 应缴 / 实缴 / 欠缴 / 减免 of bills, per month, in an org subtree. 应缴 is the standard; 减免 the part
 * waived or reduced; 实缴 what was paid against the bills; 欠缴 what is still owed — so
 * 应缴 = 实缴 + 欠缴 + 减免 for every month.
 */
export async function monthTotals(db: DbOrTx, orgPath: string, from: string, to: string) {
  const rows = await db
    .select({
      month: duesBills.month,
      members: sql<number>`count(*)::int`,
      standardFen: sql<string>`sum(${duesBills.standardFen})`,
      dueFen: sql<string>`sum(${duesBills.dueFen})`,
      paidFen: sql<string>`sum(${duesBills.paidFen})`,
      owedFen: sql<string>`sum(${duesBills.dueFen} - ${duesBills.paidFen})`,
      waivedFen: sql<string>`sum(${duesBills.standardFen} - ${duesBills.dueFen})`,
    })
    .from(duesBills)
    .where(and(sql`${duesBills.month} BETWEEN ${from}::date AND ${to}::date`, sql`${duesBills.orgPath} LIKE ${likePrefix(orgPath)}`))
    .groupBy(duesBills.month);
  const extras = await db
    .select({
      month: sql<string>`date_trunc('month', ${duesPayments.paidOn})::date::text`,
      extraFen: sql<string>`sum(${duesPayments.extraFen})`,
    })
    .from(duesPayments)
    .where(
      and(
        sql`${duesPayments.paidOn} BETWEEN ${from}::date AND (${to}::date + interval '1 month' - interval '1 day')`,
        sql`${duesPayments.orgPath} LIKE ${likePrefix(orgPath)}`,
        eq(duesPayments.status, 'confirmed'),
        sql`${duesPayments.kind} <> 'large'`,
      ),
    )
    .groupBy(sql`1`);
  const map = new Map<string, typeof zeroTotals>();
  for (const r of rows) {
    map.set(r.month, {
      members: r.members,
      standardFen: Number(r.standardFen),
      dueFen: Number(r.dueFen),
      paidFen: Number(r.paidFen),
      owedFen: Number(r.owedFen),
      waivedFen: Number(r.waivedFen),
      extraFen: 0,
    });
  }
  for (const e of extras) {
    const t = map.get(e.month) ?? { ...zeroTotals };
    t.extraFen = Number(e.extraFen);
    map.set(e.month, t);
  }
  return map;
}

export const sumTotals = (list: (typeof zeroTotals)[]) =>
  list.reduce(
    (a, t) => ({
      members: a.members + t.members,
      standardFen: a.standardFen + t.standardFen,
      dueFen: a.dueFen + t.dueFen,
      paidFen: a.paidFen + t.paidFen,
      owedFen: a.owedFen + t.owedFen,
      waivedFen: a.waivedFen + t.waivedFen,
      extraFen: a.extraFen + t.extraFen,
    }),
    { ...zeroTotals },
  );

/** A line of the page as the statement gives it: the API's line, and the page's totals and org repeated on each. */
type LedgerLine = z.infer<typeof LedgerRowSchema> & {
  total: number;
  sStandard: number;
  sDue: number;
  sPaid: number;
  ledgerOrgId: number;
  ledgerOrgName: string;
  ledgerOrgPath: string;
  extraFen: number;
};

/**
 * The ledger's page with the month's count and totals, in one round trip, read all day long: a
 * prepared statement whose rows are the API's lines (`preparedRows`). The org is looked up in the
 * same statement, and only inside the actor's collecting scope (`scope`: its path prefixes, as
 * `inScope` matches them), so a line comes back only for an org the actor may see the ledger of.
 * The window aggregates run before the LIMIT; names and receipt numbers are looked up per line
 * after it (scalar subqueries are evaluated last: a join gets a generic plan that hashes the whole
 * orgs table on every request). The second reference to "org" keeps it a CTE of its own, so the
 * month's voluntary extra is summed once, not once per line.
 */
const ledgerPage = preparedRows<LedgerLine>(
  'vg_dues_ledger',
  sql`WITH org AS (
      SELECT o.id, o.name, o.path FROM ${orgs} o
      WHERE o.id = ${sql.placeholder('orgId')} AND EXISTS (SELECT 1 FROM unnest(${sql.placeholder('scope')}::text[]) s WHERE starts_with(o.path, s)))
    SELECT b.id AS "billId", b.member_id AS "memberId",
      (SELECT m.name FROM ${members} m WHERE m.id = b.member_id) AS "memberName",
      (SELECT o.name FROM ${orgs} o WHERE o.id = b.org_id) AS "orgName",
      to_char(b.month, 'YYYY-MM') AS "month", b.standard_fen AS "standardFen", b.due_fen AS "dueFen", b.paid_fen AS "paidFen",
      b.status, b.paid_on::text AS "paidOn", b.payment_id AS "paymentId",
      (SELECT p.receipt_no FROM ${duesPayments} p WHERE p.id = b.payment_id) AS "receiptNo",
      count(*) OVER ()::int AS "total", sum(b.standard_fen) OVER ()::bigint AS "sStandard",
      sum(b.due_fen) OVER ()::bigint AS "sDue", sum(b.paid_fen) OVER ()::bigint AS "sPaid",
      org.id AS "ledgerOrgId", org.name AS "ledgerOrgName", org.path AS "ledgerOrgPath",
      (SELECT coalesce(sum(p.extra_fen), 0)::bigint FROM ${duesPayments} p, org WHERE ${underPath(sql`p.org_path`, sql`org.path`)}
        AND p.status = 'confirmed' AND p.kind <> 'large'
        AND p.paid_on >= ${sql.placeholder('month')}::date AND p.paid_on < (${sql.placeholder('month')}::date + interval '1 month')) AS "extraFen"
    FROM org JOIN ${duesBills} b ON ${underPath(sql`b.org_path`, sql`org.path`)}
    WHERE b.month = ${sql.placeholder('month')}::date AND (${sql.placeholder('status')}::text IS NULL OR b.status = ${sql.placeholder('status')}::text)
    ORDER BY b.org_path, b.member_id
    LIMIT ${sql.placeholder('limit')} OFFSET ${sql.placeholder('offset')}`,
);

/**
 * Ledger pages kept in memory (platform/cache.ts): a treasurer's page read again, or read by the
 * committee, costs no query until a bill, payment, member name or org changes anywhere. Kept
 * without the reader: the scope is checked on every read, against the page's org.
 */
const ledgerPages = readCacheOn<LedgerLine[]>({ tables: ['dues_bills', 'dues_payments', 'members', 'orgs'], ttlMs: 60_000, max: 500 });

/** The branch's monthly ledger (党费收缴台账): one line per member, totals for the whole org subtree. */
export async function ledger(ctx: ActorCtx, q: { orgId: number; month: string; status?: string; page: number; pageSize: number }) {
  const month = monthDay(q.month);
  const key = `${q.orgId}|${month}|${q.status ?? ''}|${q.page}|${q.pageSize}`;
  const load = async () => {
    const lines = await ledgerPage(ctx.db, {
      orgId: q.orgId,
      scope: scopeOf(ctx.actor, 'dues:collect').paths,
      month,
      status: q.status ?? null,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return lines.length ? lines : null;
  };
  // Screen pages only: the Excel export's one page of every line is not kept.
  const rows = (await (q.pageSize <= 200 ? ledgerPages(ctx.db).get(key, load) : load())) ?? [];
  const first = rows[0];
  // No line: an org outside the scope (404, or 403 where it is visible), or nothing on this page.
  if (first) assertCan(ctx.actor, 'dues:collect', first.ledgerOrgPath, '该组织');
  const org = first
    ? { id: first.ledgerOrgId, name: first.ledgerOrgName, path: first.ledgerOrgPath }
    : await orgFor(ctx, q.orgId, 'dues:collect', { dissolved: true });
  let totals: typeof zeroTotals;
  let total: number;
  if (first && !q.status) {
    total = first.total;
    totals = {
      members: total,
      standardFen: first.sStandard,
      dueFen: first.sDue,
      paidFen: first.sPaid,
      owedFen: first.sDue - first.sPaid,
      waivedFen: first.sStandard - first.sDue,
      extraFen: first.extraFen,
    };
  } else {
    // A status filter or a page past the end: the month's totals on their own.
    totals = (await monthTotals(ctx.db, org.path, month, month)).get(month) ?? { ...zeroTotals };
    const where = and(
      eq(duesBills.month, month),
      sql`${duesBills.orgPath} LIKE ${likePrefix(org.path)}`,
      q.status ? eq(duesBills.status, q.status) : undefined,
    );
    total = first?.total ?? (await ctx.db.select({ n: count() }).from(duesBills).where(where))[0].n;
  }
  return {
    orgId: org.id,
    orgName: org.name,
    month: q.month,
    totals,
    items: rows.map(
      ({ total: _t, sStandard: _s, sDue: _d, sPaid: _p, ledgerOrgId: _i, ledgerOrgName: _n, ledgerOrgPath: _o, extraFen: _e, ...line }) =>
        line,
    ),
    total,
  };
}

/** All lines of a month's ledger (for the Excel export). */
export async function ledgerAll(ctx: ActorCtx, orgId: number, ymonth: string) {
  const first = await ledger(ctx, { orgId, month: ymonth, page: 1, pageSize: 1 });
  const all = await ledger(ctx, { orgId, month: ymonth, page: 1, pageSize: Math.max(1, first.total) });
  return all;
}
