import { chinaDay, yuan } from '@vanguard/shared';
import type { PaymentDto, PaymentReportInput } from '@vanguard/shared/api/dues';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { duesPayments, files, members, roleGrants } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { addTodos } from '../../platform/todos/todos.js';
import { monthDay, selfMember, ymOf } from './dues.common.js';
import { byRequestKey, kindOf, lockPayment, openBills, receiptNoOf, settleBills, sortMonths } from './dues-payments.common.js';
import { paymentDto } from './dues-payments.service.js';
import { proxyTarget } from './dues-proxy.service.js';

/**
 * The member reports a payment on the phone with a photo of the proof; the treasurer confirms it.
 * With `forMemberId`, the member pays as proxy (代缴) for a member of the branch who consented.
 */
export async function reportPayment(ctx: ActorCtx, input: PaymentReportInput): Promise<PaymentDto> {
  const id = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const me = await selfMember(tx, ctx);
    const proxied = input.forMemberId ? await proxyTarget(tx, me, input.forMemberId, input.months) : null;
    const m = proxied?.member ?? me;
    const again = await byRequestKey(tx, input.requestKey, m.id);
    if (again) return again.id;
    const today = chinaDay(ctx.now());
    if (input.paidOn > today) throw invalid('paidOn', '缴费日期不能晚于今天');
    const [file] = await tx.select().from(files).where(eq(files.id, input.proofFileId));
    if (!file || file.ownerId !== ctx.actor.userId) throw invalid('proofFileId', '请上传缴费凭证照片');
    if (!file.mime.startsWith('image/')) throw invalid('proofFileId', '缴费凭证应为照片（JPG/PNG/WebP）');
    const months = sortMonths(input.months);
    // 补交超过 6 个月须党委批准：the member cannot claim an approval — the treasurer records those.
    const { dueFen } = await openBills(tx, m, months, today, { approved: false, createFuture: false });
    const [p] = await tx
      .insert(duesPayments)
      .values({
        memberId: m.id,
        orgId: m.orgId,
        orgPath: m.orgPath,
        kind: kindOf(months, today.slice(0, 7)),
        method: input.method,
        status: 'reported',
        months: months.map(monthDay),
        amountFen: dueFen + input.extraFen,
        duesFen: dueFen,
        extraFen: input.extraFen,
        paidOn: input.paidOn,
        proofFileId: input.proofFileId,
        providerRef: input.txnNo ?? null,
        proxyMemberId: proxied ? me.id : null,
        proxyConsent: proxied?.consent ?? null,
        note: input.note ?? null,
        reportedBy: ctx.actor.userId,
        requestKey: input.requestKey ?? null,
      })
      .returning();
    const treasurers = await tx
      .selectDistinct({ userId: roleGrants.userId })
      .from(roleGrants)
      .where(and(eq(roleGrants.orgId, m.orgId), inArray(roleGrants.role, ['branch_secretary', 'branch_committee'])));
    await addTodos(
      tx,
      treasurers.map((t) => ({
        userId: t.userId,
        orgId: m.orgId,
        kind: 'todo' as const,
        severity: 'info' as const,
        title: `${proxied ? `${me.name}代${m.name}` : m.name}报告缴纳党费 ${yuan(p.amountFen)} 元（${months.join('、')}），请核对凭证后确认`,
        link: `/admin/dues?tab=payments&orgId=${m.orgId}`,
        sourceKey: `dues:report:${p.id}`,
      })),
    );
    await audit(tx, ctx, { action: 'dues.payment.report', entityType: 'dues_payment', entityId: p.id, orgId: m.orgId, after: p });
    return p.id;
  });
  return paymentDto(ctx.db, id);
}

/** The treasurers' to-dos for a report are done once it is confirmed or returned (issue 24: work closes itself). */
const closeReportTodos = (tx: Tx, paymentId: number, now: Date) =>
  tx.execute(
    sql`UPDATE todos SET done_at = ${now}, updated_at = ${now} WHERE source_key = ${`dues:report:${paymentId}`} AND done_at IS NULL`,
  );

/** Confirms a reported payment (idempotent: confirming again returns it unchanged). */
export async function confirmPayment(ctx: ActorCtx, id: number, input: { receiptNo?: string | null }): Promise<PaymentDto> {
  await ctx.db.transaction(async (tx) => {
    const p = await lockPayment(tx, ctx, id);
    if (p.status === 'confirmed') return;
    if (p.status !== 'reported') throw conflict('该缴费报告已退回，不能确认');
    const [m] = await tx.select().from(members).where(eq(members.id, p.memberId));
    // The limits are judged on the day the member paid, not on the day the treasurer confirms.
    const { bills } = await openBills(tx, m, p.months.map(ymOf), p.paidOn, { approved: false, createFuture: true });
    const receiptNo = receiptNoOf(p.paidOn, p.id);
    const [after] = await tx
      .update(duesPayments)
      .set({
        status: 'confirmed',
        confirmedBy: ctx.actor.userId,
        confirmedAt: ctx.now(),
        receiptNo,
        // A number the treasurer types at confirmation is the payment's 凭证号, not a second receipt format.
        ...(input.receiptNo ? { providerRef: input.receiptNo } : {}),
        updatedAt: ctx.now(),
      })
      .where(eq(duesPayments.id, p.id))
      .returning();
    await settleBills(tx, ctx, bills, after);
    await closeReportTodos(tx, p.id, ctx.now());
    await audit(tx, ctx, { action: 'dues.payment.confirm', entityType: 'dues_payment', entityId: p.id, orgId: p.orgId, before: p, after });
  });
  return paymentDto(ctx.db, id);
}

/** Returns a reported payment to the member with the reason (nothing is billed as paid). */
export async function rejectPayment(ctx: ActorCtx, id: number, reason: string): Promise<PaymentDto> {
  await ctx.db.transaction(async (tx) => {
    const p = await lockPayment(tx, ctx, id);
    if (p.status === 'rejected') return;
    if (p.status !== 'reported') throw conflict('已确认的缴费不能退回；如有错误请冲正');
    const [after] = await tx
      .update(duesPayments)
      .set({ status: 'rejected', rejectedReason: reason, confirmedBy: ctx.actor.userId, updatedAt: ctx.now() })
      .where(eq(duesPayments.id, p.id))
      .returning();
    const [m] = await tx.select({ userId: members.userId }).from(members).where(eq(members.id, p.memberId));
    if (m?.userId) {
      await addTodos(tx, [
        {
          userId: m.userId,
          orgId: p.orgId,
          kind: 'notice',
          severity: 'warning',
          title: `您报告的党费缴纳（${yuan(p.amountFen)} 元）被退回：${reason}`,
          link: '/m/dues',
          sourceKey: `dues:reject:${p.id}`,
        },
      ]);
    }
    await closeReportTodos(tx, p.id, ctx.now());
    await audit(tx, ctx, { action: 'dues.payment.reject', entityType: 'dues_payment', entityId: p.id, orgId: p.orgId, before: p, after });
  });
  return paymentDto(ctx.db, id);
}
