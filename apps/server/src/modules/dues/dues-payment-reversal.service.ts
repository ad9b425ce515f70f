import { chinaDay } from '@vanguard/shared';
import type { PaymentDto } from '@vanguard/shared/api/dues';
import { eq, sql } from 'drizzle-orm';
import { duesBills, duesPayments } from '../../db/schema/index.js';
import { DUES_PAYMENTS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';

import { paymentDto } from './dues-payments.service.js';

/**
 * Reverses a confirmed payment (冲正) with a new entry and a reason; the original is never edited.
 * The months it paid become unpaid again.
 */
export async function reversePayment(ctx: ActorCtx, id: number, reason: string): Promise<PaymentDto> {
  const newId = await ctx.db.transaction(async (tx) => {
    const p = await loadFor(ctx, DUES_PAYMENTS, id, 'dues:collect', { db: tx, lock: true });
    if (p.kind === 'reversal') throw conflict('冲正记录不能再冲正');
    if (p.status !== 'confirmed') throw conflict('只有已确认的缴费才能冲正');
    const [done] = await tx.select({ id: duesPayments.id }).from(duesPayments).where(eq(duesPayments.reversesId, p.id));
    if (done) throw conflict('该笔缴费已冲正');
    const now = ctx.now();
    const [r] = await tx
      .insert(duesPayments)
      .values({
        memberId: p.memberId,
        orgId: p.orgId,
        orgPath: p.orgPath,
        kind: 'reversal',
        method: p.method,
        status: 'confirmed',
        months: p.months,
        amountFen: -p.amountFen,
        duesFen: -p.duesFen,
        extraFen: -p.extraFen,
        paidOn: chinaDay(now),
        reversesId: p.id,
        reason,
        recordedBy: ctx.actor.userId,
        confirmedBy: ctx.actor.userId,
        confirmedAt: now,
      })
      .returning();
    await tx
      .update(duesBills)
      .set({
        status: sql`CASE WHEN ${duesBills.dueFen} = 0 THEN 'waived' ELSE 'unpaid' END`,
        paidFen: 0,
        paymentId: null,
        paidOn: null,
        updatedAt: now,
      })
      .where(eq(duesBills.paymentId, p.id));
    await audit(tx, ctx, {
      action: 'dues.payment.reverse',
      entityType: 'dues_payment',
      entityId: p.id,
      orgId: p.orgId,
      after: { reversalId: r.id, reason },
    });
    return r.id;
  });
  return paymentDto(ctx.db, newId);
}
