import { chinaDay, duesRulesetOn, yuan } from '@vanguard/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { duesBills, duesExpenses, duesPayments, orgs } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';
import { styleHeader } from '../../platform/xlsx.js';
import { likePrefix } from './dues.common.js';
import { ledgerAll, monthTotals, sumTotals } from './dues-billing.service.js';

const STATUS_ZH: Record<string, string> = { unpaid: '未缴', paid: '已缴', waived: '减免', backpaid: '补缴', prepaid: '预缴' };
const money = (fen: number) => Number((fen / 100).toFixed(2));
const MONEY_FMT = '#,##0.00';

async function largeAndExpenses(ctx: ActorCtx, orgPath: string, year: number) {
  const [large] = await ctx.db
    .select({ fen: sql<string>`coalesce(sum(${duesPayments.amountFen}), 0)` })
    .from(duesPayments)
    .where(
      and(
        sql`${duesPayments.orgPath} LIKE ${likePrefix(orgPath)}`,
        eq(duesPayments.status, 'confirmed'),
        sql`(${duesPayments.kind} = 'large' OR (${duesPayments.kind} = 'reversal' AND ${duesPayments.reversesId} IN (SELECT id FROM dues_payments WHERE kind = 'large')))`,
        sql`extract(year from ${duesPayments.paidOn}) = ${year}`,
      ),
    );
  const expenses = await ctx.db
    .select({ spentOn: duesExpenses.spentOn, purpose: duesExpenses.purpose, amountFen: duesExpenses.amountFen, note: duesExpenses.note })
    .from(duesExpenses)
    .where(and(sql`${duesExpenses.orgPath} LIKE ${likePrefix(orgPath)}`, sql`extract(year from ${duesExpenses.spentOn}) = ${year}`))
    .orderBy(asc(duesExpenses.spentOn), asc(duesExpenses.id));
  return { largeFen: Number(large.fen), expenses };
}

/** Year summary: the twelve months' 应缴/实缴/欠缴/减免, voluntary extra, large dues, use. */
export async function yearSummary(ctx: ActorCtx, q: { orgId: number; year: number }) {
  const org = await orgFor(ctx, q.orgId, 'dues:collect', { dissolved: true });
  const totals = await monthTotals(ctx.db, org.path, `${q.year}-01-01`, `${q.year}-12-01`);
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = `${q.year}-${String(i + 1).padStart(2, '0')}`;
    return { month: m, ...(totals.get(`${m}-01`) ?? sumTotals([])) };
  });
  const { largeFen, expenses } = await largeAndExpenses(ctx, org.path, q.year);
  return {
    orgId: org.id,
    orgName: org.name,
    year: q.year,
    months,
    totals: sumTotals(months),
    largeFen,
    expensesFen: expenses.reduce((a, e) => a + e.amountFen, 0),
    expenses,
  };
}

/** 党费收缴、使用情况公示 of a branch for a year (published at least yearly). */
export async function publication(ctx: ActorCtx, q: { orgId: number; year: number }) {
  const s = await yearSummary(ctx, q);
  const org = await orgFor(ctx, q.orgId, 'dues:collect', { dissolved: true });
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(DISTINCT ${duesBills.memberId})::int` })
    .from(duesBills)
    .where(
      and(
        sql`${duesBills.orgPath} LIKE ${likePrefix(org.path)}`,
        sql`${duesBills.month} BETWEEN ${`${q.year}-01-01`}::date AND ${`${q.year}-12-01`}::date`,
        sql`${duesBills.status} IN ('paid', 'backpaid', 'prepaid')`,
      ),
    );
  return { ...s, paidMembers: n, source: duesRulesetOn(`${q.year}-12-31`).source };
}

/**
 * Upward remittance (上缴) for a period, per direct child org of the org: the dues and extra
 * collected (all remitted upward by the branches) and large dues (remitted in full).
 */
export async function remittance(ctx: ActorCtx, q: { orgId: number; from: string; to: string }) {
  if (q.to < q.from) throw invalid('to', '结束月份不能早于开始月份');
  const org = await orgFor(ctx, q.orgId, 'dues:collect', { dissolved: true });
  // 党小组 collect nothing of their own (members belong to the branch): a branch reports itself.
  const children = await ctx.db
    .select()
    .from(orgs)
    .where(and(eq(orgs.parentId, org.id), sql`${orgs.kind} <> 'group'`, sql`${orgs.dissolvedAt} IS NULL`))
    .orderBy(asc(orgs.sort), asc(orgs.id));
  const units = children.length ? children : [org];
  const res = await ctx.db.execute<{ path: string; dues: string; extra: string; large: string }>(sql`
    SELECT u.path,
      coalesce(sum(p.dues_fen) FILTER (WHERE p.kind NOT IN ('large')), 0) AS dues,
      coalesce(sum(p.extra_fen) FILTER (WHERE p.kind NOT IN ('large')), 0) AS extra,
      coalesce(sum(p.amount_fen) FILTER (WHERE p.kind = 'large' OR (p.kind = 'reversal' AND p.dues_fen = 0 AND p.extra_fen = 0)), 0) AS large
    FROM unnest(${sql.raw(`ARRAY[${units.map((u) => `'${u.path.replace(/'/g, '')}'`).join(',')}]`)}::text[]) AS u(path)
    LEFT JOIN dues_payments p ON p.org_path LIKE u.path || '%' AND p.status = 'confirmed'
      AND p.paid_on >= ${`${q.from}-01`}::date AND p.paid_on < (${`${q.to}-01`}::date + interval '1 month')
    GROUP BY u.path`);
  const byPath = new Map(res.rows.map((r) => [r.path, r]));
  const rows = units.map((u) => {
    const r = byPath.get(u.path);
    const duesFen = Number(r?.dues ?? 0);
    const extraFen = Number(r?.extra ?? 0);
    const largeFen = Number(r?.large ?? 0);
    return { orgId: u.id, orgName: u.name, duesFen, extraFen, largeFen, remitFen: duesFen + extraFen + largeFen };
  });
  const totals = rows.reduce(
    (a, r) => ({
      duesFen: a.duesFen + r.duesFen,
      extraFen: a.extraFen + r.extraFen,
      largeFen: a.largeFen + r.largeFen,
      remitFen: a.remitFen + r.remitFen,
    }),
    { duesFen: 0, extraFen: 0, largeFen: 0, remitFen: 0 },
  );
  return {
    orgId: org.id,
    orgName: org.name,
    from: q.from,
    to: q.to,
    everyMonths: (await getSetting(ctx.db, 'dues.remitEveryMonths')) ?? duesRulesetOn(chinaDay(ctx.now())).remitEveryMonths,
    rows,
    totals,
  };
}

function title(ws: ExcelJS.Worksheet, text: string, cols: number) {
  ws.addRow([text]);
  ws.mergeCells(1, 1, 1, cols);
  const c = ws.getCell(1, 1);
  c.font = { bold: true, size: 16 };
  c.alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;
}

/** 党费收缴台账 (月): laid out like the paper ledger — 序号、姓名、所在支部、月份、应缴、实缴、欠缴、减免、状态、缴纳日期、收据号. */
export async function ledgerXlsx(ctx: ActorCtx, orgId: number, month: string) {
  const l = await ledgerAll(ctx, orgId, month);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${month}台账`, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  const headers = [
    '序号',
    '姓名',
    '所在支部',
    '月份',
    '应缴（元）',
    '实缴（元）',
    '欠缴（元）',
    '减免（元）',
    '状态',
    '缴纳日期',
    '收据号',
  ];
  title(ws, `${l.orgName} ${month.replace('-', '年')}月 党费收缴台账`, headers.length);
  ws.addRow([
    `应缴 ${yuan(l.totals.standardFen)} 元　实缴 ${yuan(l.totals.paidFen)} 元　欠缴 ${yuan(l.totals.owedFen)} 元　减免 ${yuan(l.totals.waivedFen)} 元　自愿多交 ${yuan(l.totals.extraFen)} 元`,
  ]);
  ws.mergeCells(2, 1, 2, headers.length);
  ws.addRow(headers);
  styleHeader(ws.getRow(3));
  [6, 10, 22, 10, 12, 12, 12, 12, 8, 12, 18].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  l.items.forEach((i, n) => {
    ws.addRow([
      n + 1,
      i.memberName,
      i.orgName,
      i.month,
      money(i.standardFen),
      money(i.paidFen),
      money(i.dueFen - i.paidFen),
      money(i.standardFen - i.dueFen),
      STATUS_ZH[i.status] ?? i.status,
      i.paidOn,
      i.receiptNo,
    ]);
  });
  const sum = ws.addRow([
    '合计',
    '',
    '',
    '',
    money(l.totals.standardFen),
    money(l.totals.paidFen),
    money(l.totals.owedFen),
    money(l.totals.waivedFen),
    '',
    '',
    '',
  ]);
  sum.font = { bold: true };
  for (const c of [5, 6, 7, 8]) ws.getColumn(c).numFmt = MONEY_FMT;
  ws.addRow([]);
  ws.addRow(['', '收缴人：', '', '', '审核人：', '', '', '日期：']);
  await audit(ctx.db, ctx, {
    action: 'dues.ledger.export',
    entityType: 'org',
    entityId: orgId,
    orgId,
    after: { month, rows: l.items.length },
  });
  return {
    fileName: `${l.orgName}-${month}-党费收缴台账.xlsx`,
    asciiName: `dues-ledger-${orgId}-${month}.xlsx`,
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

/** 党费收缴、使用情况公示表 (year): monthly collection, use, and the balance. */
export async function publicationXlsx(ctx: ActorCtx, orgId: number, year: number) {
  const p = await publication(ctx, { orgId, year });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年公示`, { pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1 } });
  const headers = ['月份', '应缴人数', '应缴（元）', '实缴（元）', '欠缴（元）', '减免（元）', '自愿多交（元）'];
  title(ws, `${p.orgName} ${year}年度党费收缴、使用情况公示`, headers.length);
  ws.addRow(['一、党费收缴情况']);
  ws.addRow(headers);
  styleHeader(ws.getRow(3));
  [12, 10, 14, 14, 14, 14, 14].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const m of p.months)
    ws.addRow([m.month, m.members, money(m.standardFen), money(m.paidFen), money(m.owedFen), money(m.waivedFen), money(m.extraFen)]);
  const t = p.totals;
  ws.addRow(['合计', t.members, money(t.standardFen), money(t.paidFen), money(t.owedFen), money(t.waivedFen), money(t.extraFen)]).font = {
    bold: true,
  };
  ws.addRow([`大额党费（全额上缴）：${yuan(p.largeFen)} 元；全年交纳党费党员 ${p.paidMembers} 人`]);
  ws.addRow([]);
  ws.addRow(['二、党费使用情况']);
  const h2 = ws.addRow(['日期', '用途', '金额（元）', '说明']);
  styleHeader(h2);
  for (const e of p.expenses) ws.addRow([e.spentOn, e.purpose, money(e.amountFen), e.note]);
  ws.addRow(['合计', '', money(p.expensesFen), '']).font = { bold: true };
  ws.addRow([]);
  ws.addRow([`依据：${p.source}`]);
  ws.addRow([`公示日期：${chinaDay(ctx.now())}　　　　　　${p.orgName}`]);
  for (const c of [3, 4, 5, 6, 7]) ws.getColumn(c).numFmt = MONEY_FMT;
  await audit(ctx.db, ctx, { action: 'dues.publication.export', entityType: 'org', entityId: orgId, orgId, after: { year } });
  return {
    fileName: `${p.orgName}-${year}年党费收缴使用公示.xlsx`,
    asciiName: `dues-publication-${orgId}-${year}.xlsx`,
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

/**
 * 党员交纳党费登记表 (year): one row per member billed in the year, a column per month with what was
 * paid (or 未缴 / 减免), then the year's 应缴, 实缴 and 欠缴 — the paper register a treasurer keeps.
 */
export async function summaryXlsx(ctx: ActorCtx, orgId: number, year: number) {
  const s = await yearSummary(ctx, { orgId, year });
  const org = await orgFor(ctx, orgId, 'dues:collect', { dissolved: true });
  const res = await ctx.db.execute<{
    name: string;
    org_name: string;
    months: Record<string, { due: number; paid: number; status: string }>;
  }>(sql`
    SELECT m.name, o.name AS org_name,
      json_object_agg(extract(month FROM b.month)::int, json_build_object('due', b.due_fen, 'paid', b.paid_fen, 'status', b.status)) AS months
    FROM dues_bills b
    JOIN members m ON m.id = b.member_id
    JOIN orgs o ON o.id = b.org_id
    WHERE b.org_path LIKE ${likePrefix(org.path)}
      AND b.month BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-01`}::date
    GROUP BY m.id, m.name, o.name, o.sort, o.id
    ORDER BY o.sort, o.id, m.name_pinyin, m.id`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年登记表`, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
  const headers = ['序号', '姓名', '所在支部', ...months, '全年应缴', '全年实缴', '欠缴'];
  title(ws, `${s.orgName} ${year}年度党员交纳党费登记表（单位：元）`, headers.length);
  ws.addRow([
    `全年应缴 ${yuan(s.totals.standardFen)} 元　实缴 ${yuan(s.totals.paidFen)} 元　欠缴 ${yuan(s.totals.owedFen)} 元　减免 ${yuan(s.totals.waivedFen)} 元　自愿多交 ${yuan(s.totals.extraFen)} 元　大额党费 ${yuan(s.largeFen)} 元`,
  ]);
  ws.mergeCells(2, 1, 2, headers.length);
  styleHeader(ws.addRow(headers));
  [6, 10, 20, ...months.map(() => 8), 11, 11, 10].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  let n = 0;
  for (const r of res.rows) {
    const cells = Array.from({ length: 12 }, (_, i) => {
      const b = r.months[String(i + 1)];
      if (!b) return '';
      if (b.status === 'unpaid') return '未缴';
      if (b.status === 'waived') return '减免';
      return money(b.paid);
    });
    const bills = Object.values(r.months);
    const due = bills.reduce((a, b) => a + b.due, 0);
    const paid = bills.reduce((a, b) => a + b.paid, 0);
    const owed = bills.filter((b) => b.status === 'unpaid').reduce((a, b) => a + b.due, 0);
    ws.addRow([++n, r.name, r.org_name, ...cells, money(due), money(paid), money(owed)]);
  }
  const sum = ws.addRow([
    '合计',
    '',
    '',
    ...s.months.map((m) => money(m.paidFen)),
    money(s.totals.standardFen - s.totals.waivedFen),
    money(s.totals.paidFen),
    money(s.totals.owedFen),
  ]);
  sum.font = { bold: true };
  for (let c = 4; c <= headers.length; c++) ws.getColumn(c).numFmt = MONEY_FMT;
  ws.addRow([]);
  ws.addRow(['', '收缴人：', '', '', '', '审核人：', '', '', '', '日期：']);
  await audit(ctx.db, ctx, { action: 'dues.summary.export', entityType: 'org', entityId: orgId, orgId, after: { year, rows: n } });
  return {
    fileName: `${s.orgName}-${year}年党员交纳党费登记表.xlsx`,
    asciiName: `dues-register-${orgId}-${year}.xlsx`,
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

/** 党费上缴汇总表: per unit below the org, the dues, voluntary extra and large dues to remit for the period. */
export async function remittanceXlsx(ctx: ActorCtx, q: { orgId: number; from: string; to: string }) {
  const r = await remittance(ctx, q);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('上缴汇总', { pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1 } });
  const headers = ['序号', '党组织', '党费（元）', '自愿多交（元）', '大额党费（元）', '应上缴合计（元）'];
  title(ws, `${r.orgName} 党费上缴汇总表（${r.from} 至 ${r.to}）`, headers.length);
  ws.addRow([`上缴周期：每 ${r.everyMonths} 个月；大额党费全额上缴`]);
  ws.mergeCells(2, 1, 2, headers.length);
  styleHeader(ws.addRow(headers));
  [6, 30, 14, 14, 14, 16].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  r.rows.forEach((u, i) => {
    ws.addRow([i + 1, u.orgName, money(u.duesFen), money(u.extraFen), money(u.largeFen), money(u.remitFen)]);
  });
  const t = r.totals;
  ws.addRow(['合计', '', money(t.duesFen), money(t.extraFen), money(t.largeFen), money(t.remitFen)]).font = { bold: true };
  for (const c of [3, 4, 5, 6]) ws.getColumn(c).numFmt = MONEY_FMT;
  ws.addRow([]);
  ws.addRow(['', '经办人：', '', '审核人：', '', `日期：${chinaDay(ctx.now())}`]);
  await audit(ctx.db, ctx, { action: 'dues.remittance.export', entityType: 'org', entityId: q.orgId, orgId: q.orgId, after: q });
  return {
    fileName: `${r.orgName}-${r.from}至${r.to}-党费上缴汇总.xlsx`,
    asciiName: `dues-remittance-${q.orgId}-${r.from}-${r.to}.xlsx`,
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

export async function createExpense(
  ctx: ActorCtx,
  input: { orgId: number; spentOn: string; purpose: string; amountFen: number; note?: string | null },
) {
  return ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, input.orgId, 'dues:collect', { db: tx, dissolved: true });
    if (input.spentOn > chinaDay(ctx.now())) throw invalid('spentOn', '日期不能晚于今天');
    const [row] = await tx
      .insert(duesExpenses)
      .values({
        orgId: org.id,
        orgPath: org.path,
        spentOn: input.spentOn,
        purpose: input.purpose,
        amountFen: input.amountFen,
        note: input.note ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit(tx, ctx, { action: 'dues.expense.create', entityType: 'dues_expense', entityId: row.id, orgId: org.id, after: row });
    return { id: row.id, spentOn: row.spentOn, purpose: row.purpose, amountFen: row.amountFen, note: row.note };
  });
}
