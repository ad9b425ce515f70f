import { addMonthsYm, chinaDay, duesRulesetOn, duesStandard } from '@vanguard/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { duesBases, duesExpenses, duesPayments, members, orgs } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';
import { currentYm, monthDay } from './dues.common.js';
import { refreshDuesArrears } from './dues-arrears.js';
import { generateBillsSql } from './dues-billing.service.js';
import { RECEIPT_NO_SQL } from './dues-payments.common.js';

/**
 * Demo data of the dues module, written inside the demo seed's transaction: every member's base
 * declared for last year and this year (encrypted), eight months of bills up to last month, nearly
 * all paid, and in 东山综采一队党支部 members behind by 6, 5 and 3 months (the 6-month one opens a
 * review case), the demo member (`member`) owing last month.
 */
export async function seedDuesDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const cur = currentYm(ctx.now);
  const today = chinaDay(ctx.now);
  const start = addMonthsYm(cur, -8);
  const years = [...new Set([Number(start.slice(0, 4)), Number(cur.slice(0, 4))])];
  const people = await tx
    .select({ id: members.id, orgId: members.orgId, orgPath: members.orgPath, category: orgs.category })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.status, 'normal'));
  const treasurer = ctx.userIds.get('committee') ?? null;

  const rows: (typeof duesBases.$inferInsert)[] = [];
  for (const p of people) {
    const h = (p.id * 2654435761) % 1000;
    for (const [i, year] of years.entries()) {
      const retired = p.category === 'retired';
      const category = p.id % 97 === 0 ? 'unemployed' : retired ? 'retired' : 'employed';
      // Pay rises a little each year; retirees' pensions 2500–6500 元, staff 3000–12000 元.
      const baseFen = (retired ? 250_000 + h * 400 : 300_000 + h * 900) + i * 10_000;
      const from = `${year}-01-01`;
      const std = duesStandard({ category, baseFen }, duesRulesetOn(from), 'fen');
      rows.push({
        memberId: p.id,
        orgId: p.orgId,
        orgPath: p.orgPath,
        year,
        effectiveFrom: from,
        effectiveTo: i < years.length - 1 ? `${years[i + 1]}-01-01` : null,
        category,
        baseEnc: category === 'unemployed' ? null : ctx.ciphers.members.encrypt(String(baseFen)),
        source: 'declare',
        ruleVersion: std.ruleVersion,
        rounding: 'fen',
        rateBp: std.rateBp,
        standardFen: std.monthlyFen,
        monthlyFen: std.monthlyFen,
        basis: std.rule,
        createdBy: treasurer,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(duesBases).values(rows.slice(i, i + 1000));
  // Up to last month: this month's bills are the treasurer's first click (生成本月账单).
  for (let m = start; m < cur; m = addMonthsYm(m, 1)) await generateBillsSql(tx, '/', monthDay(m));

  // Who is behind: in the demo branch, by 6, 5 and 3 finished months; the demo member owes last month and this one.
  const branch = ctx.org('东山综采一队党支部');
  const memberUser = ctx.userIds.get('member');
  const mates = await tx
    .select({ id: members.id, userId: members.userId })
    .from(members)
    .where(and(eq(members.orgId, branch.id), eq(members.category, 'full')))
    .orderBy(asc(members.id));
  const others = mates.filter((m) => m.userId !== memberUser);
  const self = mates.find((m) => m.userId === memberUser);
  const behind: [number, string][] = [
    [others[0].id, addMonthsYm(cur, -6)],
    [others[1].id, addMonthsYm(cur, -5)],
    [others[2].id, addMonthsYm(cur, -3)],
    ...(self ? ([[self.id, addMonthsYm(cur, -1)]] as [number, string][]) : []),
    // Out of contact (the relations seed's 失联 members): nothing paid in the billed months.
    ...ctx.outOfContact.map((id): [number, string] => [id, start]),
  ];
  const excluded = sql.join(
    behind.map(([id, from]) => sql`(${id}::int, ${monthDay(from)}::date)`),
    sql`, `,
  );
  // One payment per paid month (cash or transfer, receipt numbered), all set-based.
  await tx.execute(sql`
    WITH paid AS (
      INSERT INTO dues_payments (member_id, org_id, org_path, kind, method, status, months, amount_fen, dues_fen, extra_fen, paid_on, receipt_no, recorded_by, confirmed_by, confirmed_at)
      SELECT b.member_id, b.org_id, b.org_path, 'regular', CASE WHEN b.member_id % 3 = 0 THEN 'transfer' ELSE 'cash' END, 'confirmed',
             ARRAY[b.month], b.due_fen, b.due_fen, 0, least(b.month + 9, ${today}::date),
             NULL, ${treasurer}::int, ${treasurer}::int, ${ctx.now}
      FROM dues_bills b
      WHERE b.status = 'unpaid'
        AND NOT EXISTS (SELECT 1 FROM (VALUES ${excluded}) x(mid, from_m) WHERE x.mid = b.member_id AND b.month >= x.from_m)
      RETURNING id, member_id, months, paid_on
    )
    UPDATE dues_bills b SET status = 'paid', paid_fen = b.due_fen, payment_id = paid.id, paid_on = paid.paid_on
    FROM paid WHERE paid.member_id = b.member_id AND paid.months[1] = b.month`);

  // A large one-off voluntary payment and some use of dues, for the ledgers and the 公示.
  const [big] = await tx.select().from(members).where(eq(members.orgId, branch.id)).orderBy(asc(members.id)).offset(5).limit(1);
  if (big) {
    await tx.insert(duesPayments).values({
      memberId: big.id,
      orgId: big.orgId,
      orgPath: big.orgPath,
      kind: 'large',
      method: 'transfer',
      status: 'confirmed',
      amountFen: 500_000,
      paidOn: `${start}-20`,
      note: '自愿一次交纳大额党费',
      recordedBy: treasurer,
      confirmedBy: treasurer,
      confirmedAt: ctx.now,
    });
  }
  await tx.insert(duesExpenses).values([
    {
      orgId: branch.id,
      orgPath: branch.path,
      spentOn: `${start}-15`,
      purpose: '订阅党报党刊',
      amountFen: 86_000,
      note: '《人民日报》《求是》等',
      createdBy: treasurer,
    },
    {
      orgId: branch.id,
      orgPath: branch.path,
      spentOn: `${addMonthsYm(start, 3)}-08`,
      purpose: '补助生活困难党员',
      amountFen: 120_000,
      note: '走访慰问 2 名困难党员',
      createdBy: treasurer,
    },
  ]);
  // One receipt-number format for every payment (dues-payments.common.ts).
  await tx.execute(sql.raw(`UPDATE dues_payments SET receipt_no = ${RECEIPT_NO_SQL} WHERE receipt_no IS NULL AND status = 'confirmed'`));
  await refreshDuesArrears(tx, ctx.now);
}
