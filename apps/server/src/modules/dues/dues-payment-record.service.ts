import { chinaDay, duesRulesetOn, yuan } from '@vanguard/shared';
import type { PaymentCreateInput, PaymentDto } from '@vanguard/shared/api/dues';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { duesPayments, members } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { duesMember, monthDay } from './dues.common.js';
import {
  type BillRow,
  byRequestKey,
  kindOf,
  type MemberRow,
  openBills,
  receiptNoOf,
  settleBills,
  sortMonths,
} from './dues-payments.common.js';
import { paymentDto } from './dues-payments.service.js';

async function checkProxy(tx: Tx, m: MemberRow, input: { proxyMemberId?: number | null; proxyConsent?: string | null }) {
  if (!input.proxyMemberId) return;
  const [p] = await tx.select().from(members).where(eq(members.id, input.proxyMemberId));
  if (!p || p.orgId !== m.orgId) throw invalid('proxyMemberId', '代缴人须为同一支部的党员');
  if (p.id === m.id) throw invalid('proxyMemberId', '代缴人不能是本人');
  if (p.status !== 'normal') throw invalid('proxyMemberId', `${p.name}党籍状态不正常，不能代缴`);
  if (!input.proxyConsent || input.proxyConsent.trim().length < 2)
    throw invalid('proxyConsent', '代缴须经党支部同意，请填写同意情况（日期、经办人）');
}

/**
 * The treasurer records a payment received (cash or bank transfer): dues for months (back pay,
 * current, prepay) with optional voluntary extra, a voluntary extra alone, or 大额党费. Recorded
 * payments are confirmed at once. A retry with the same `requestKey` returns the same payment.
 */
export async function recordPayment(ctx: ActorCtx, input: PaymentCreateInput): Promise<PaymentDto> {
  const id = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const m = await duesMember(tx, ctx, input.memberId);
    const again = await byRequestKey(tx, input.requestKey, m.id);
    if (again) return again.id;
    const today = chinaDay(ctx.now());
    const rs = duesRulesetOn(today);
    if (input.paidOn > today) throw invalid('paidOn', '缴费日期不能晚于今天');
    await checkProxy(tx, m, input);
    const months = sortMonths(input.months);
    let kind: string = input.kind;
    let duesFen = 0;
    let bills: BillRow[] = [];
    let extraFen = input.extraFen;
    if (input.kind === 'dues') {
      ({ bills, dueFen: duesFen } = await openBills(tx, m, months, today, {
        approved: Boolean(input.approval?.trim()),
        createFuture: true,
      }));
      kind = kindOf(months, today.slice(0, 7));
      if (input.amountFen !== undefined && input.amountFen !== duesFen + extraFen) {
        throw invalid(
          'amountFen',
          `金额应为 ${yuan(duesFen + extraFen)} 元（党费 ${yuan(duesFen)} 元${extraFen ? ` + 自愿多交 ${yuan(extraFen)} 元` : ''}）`,
        );
      }
    } else {
      if (months.length) throw invalid('months', '自愿多交和大额党费不对应月份');
      if (!input.amountFen) throw invalid('amountFen', '请填写金额');
      if (input.kind === 'large' && input.amountFen <= rs.largeDuesAboveFen) {
        throw invalid('amountFen', `大额党费是一次自愿交纳 ${yuan(rs.largeDuesAboveFen)} 元以上的党费；金额较小的请按“自愿多交”登记`);
      }
      extraFen = input.kind === 'extra' ? input.amountFen : 0;
    }
    const amountFen = input.kind === 'large' ? (input.amountFen as number) : duesFen + extraFen;
    if (amountFen <= 0) throw invalid('amountFen', '金额应大于 0');
    const now = ctx.now();
    const [p] = await tx
      .insert(duesPayments)
      .values({
        memberId: m.id,
        orgId: m.orgId,
        orgPath: m.orgPath,
        kind,
        method: input.method,
        status: 'confirmed',
        months: months.map(monthDay),
        amountFen,
        duesFen,
        extraFen,
        paidOn: input.paidOn,
        providerRef: input.txnNo ?? input.receiptNo ?? null,
        proxyMemberId: input.proxyMemberId ?? null,
        proxyConsent: input.proxyMemberId ? (input.proxyConsent ?? null) : null,
        approval: input.approval ?? null,
        note: input.note ?? null,
        recordedBy: ctx.actor.userId,
        confirmedBy: ctx.actor.userId,
        confirmedAt: now,
        requestKey: input.requestKey ?? null,
      })
      .returning();
    const receiptNo = receiptNoOf(p.paidOn, p.id);
    await tx.update(duesPayments).set({ receiptNo }).where(eq(duesPayments.id, p.id));
    await settleBills(tx, ctx, bills, p);
    await audit(tx, ctx, {
      action: 'dues.payment.record',
      entityType: 'dues_payment',
      entityId: p.id,
      orgId: m.orgId,
      after: { ...p, receiptNo },
    });
    return p.id;
  });
  return paymentDto(ctx.db, id);
}
