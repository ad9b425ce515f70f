import { checkPaymentMonths, duesRulesetOn } from '@vanguard/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { duesBills, duesPayments, type members } from '../../db/schema/index.js';
import { assertCan } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { monthDay, ymOf } from './dues.common.js';
import { baseFor } from './dues-bases.service.js';

// Shared by the payment services: the months a payment covers, their bills, retries by request key, the locked payment.

export type MemberRow = typeof members.$inferSelect;
export type PaymentRow = typeof duesPayments.$inferSelect;
export type BillRow = typeof duesBills.$inferSelect;

/** The months of a payment, each once, in order. */
/**
 * The one receipt-number format (收据编号): DF + the year paid + the payment id in 7 digits, e.g.
 * DF20260000123. The seed and every writer use it; an outside number (微信/支付宝 transaction, bank
 * slip, paper receipt) is the payment's txnNo, never its receipt number.
 */
export const receiptNoOf = (paidOn: string, id: number) => `DF${paidOn.slice(0, 4)}${String(id).padStart(7, '0')}`;
/** The same in SQL, for set-based writers (the demo seed). */
export const RECEIPT_NO_SQL = `'DF' || to_char(paid_on, 'YYYY') || lpad(id::text, 7, '0')`;

export const sortMonths = (months: readonly string[]) => [...new Set(months)].sort();

/** 补缴 when any month is before the current one, 预缴 when after, else regular. */
export function kindOf(months: string[], current: string): 'regular' | 'backpay' | 'prepay' {
  if (months.some((m) => m < current)) return 'backpay';
  if (months.some((m) => m > current)) return 'prepay';
  return 'regular';
}

/**
 * Checks the months a payment covers and locks their bills: each must be billed and open (a
 * future month — 预交 — may be billed now from the base in force, when `createFuture`), within
 * the back-pay and prepay limits. Returns the bills and their total due.
 */
export async function openBills(
  tx: Tx,
  m: MemberRow,
  months: string[],
  today: string,
  opts: { approved: boolean; createFuture: boolean },
): Promise<{ bills: BillRow[]; dueFen: number }> {
  if (months.length === 0) throw invalid('months', '请选择要缴纳的月份');
  const current = today.slice(0, 7);
  const rs = duesRulesetOn(today);
  const limit = checkPaymentMonths(months, current, { approved: opts.approved }, rs);
  if (limit) throw invalid(limit.path, limit.message);
  const rows = await tx
    .select()
    .from(duesBills)
    .where(and(eq(duesBills.memberId, m.id), inArray(duesBills.month, months.map(monthDay))))
    .for('update');
  const byMonth = new Map(rows.map((b) => [ymOf(b.month), b]));
  const bills: BillRow[] = [];
  for (const ym of months) {
    let bill = byMonth.get(ym);
    if (!bill && ym > current) {
      const base = await baseFor(tx, m.id, monthDay(ym));
      if (!base) throw invalid('months', `${ym} 尚无核定的党费标准，不能预交`);
      if (opts.createFuture) {
        [bill] = await tx
          .insert(duesBills)
          .values({
            memberId: m.id,
            orgId: m.orgId,
            orgPath: m.orgPath,
            month: monthDay(ym),
            standardFen: base.standardFen,
            dueFen: base.monthlyFen,
            status: base.monthlyFen === 0 ? 'waived' : 'unpaid',
            baseId: base.id,
          })
          .returning();
      } else {
        bill = { dueFen: base.monthlyFen, status: base.monthlyFen === 0 ? 'waived' : 'unpaid', month: monthDay(ym) } as BillRow;
      }
    }
    if (!bill) throw invalid('months', `${ym} 尚未生成党费账单，不能缴纳（请先生成该月账单）`);
    if (bill.status === 'waived') throw invalid('months', `${ym} 已减免，无需缴纳`);
    if (bill.status !== 'unpaid') throw conflict(`${ym} 的党费已经缴纳，不能重复缴纳`);
    bills.push(bill);
  }
  return { bills, dueFen: bills.reduce((a, b) => a + b.dueFen, 0) };
}

/** Marks the bills paid by a confirmed payment: 已缴 in its month, 补缴 when later, 预缴 when earlier. */
export async function settleBills(tx: Tx, ctx: ActorCtx, bills: BillRow[], payment: PaymentRow) {
  const paidYm = payment.paidOn.slice(0, 7);
  for (const b of bills) {
    const ym = ymOf(b.month);
    const status = ym < paidYm ? 'backpaid' : ym > paidYm ? 'prepaid' : 'paid';
    await tx
      .update(duesBills)
      .set({ status, paidFen: b.dueFen, paymentId: payment.id, paidOn: payment.paidOn, updatedAt: ctx.now() })
      .where(eq(duesBills.id, b.id));
  }
}

/** The payment already made with this request key (a retry), or null; the key of another member's payment is refused. */
export async function byRequestKey(db: DbOrTx, key: string | undefined, memberId: number) {
  if (!key) return null;
  const [row] = await db.select().from(duesPayments).where(eq(duesPayments.requestKey, key));
  if (!row) return null;
  if (row.memberId !== memberId) throw conflict('该请求编号已用于另一笔缴费');
  return row;
}

/** The payment locked for update, within the actor's dues:collect scope. */
export async function lockPayment(tx: Tx, ctx: ActorCtx, id: number): Promise<PaymentRow> {
  const [p] = await tx.select().from(duesPayments).where(eq(duesPayments.id, id)).for('update');
  if (!p) throw notFound('该缴费记录');
  assertCan(ctx.actor, 'dues:collect', p.orgPath, '该缴费记录');
  return p;
}
