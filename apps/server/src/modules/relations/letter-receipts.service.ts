import { chinaDay } from '@vanguard/shared';
import type { LetterDto, ReceiptInput } from '@vanguard/shared/api/relations';
import { and, desc, eq, sql } from 'drizzle-orm';
import { memberStatusHistory, members, relationLetters, relationTransfers } from '../../db/schema/index.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { getLetter } from './letters.service.js';

/**
 * Records a returned receipt by the letter's number. A number this committee never issued (or one
 * outside the actor's scope) is refused with the number named; nothing is written.
 */
export async function recordReceipt(ctx: ActorCtx, input: ReceiptInput): Promise<LetterDto> {
  const today = chinaDay(ctx.now());
  const id = await ctx.db.transaction(async (tx) => {
    const [l] = await tx
      .select()
      .from(relationLetters)
      .where(
        and(
          eq(relationLetters.number, input.number),
          eq(relationLetters.direction, 'out'),
          inScope(relationLetters.orgPath, scopeOf(ctx.actor, 'members:write')),
        ),
      )
      .orderBy(desc(relationLetters.id))
      .limit(1)
      .for('update');
    if (!l) {
      // Outside the actor's scope or never issued: the same answer (404), naming the number.
      const message = `未找到编号为 ${input.number} 的介绍信：本党委没有开具过该介绍信，请核对回执上的编号`;
      throw new AppError('NOT_FOUND', message, [{ path: 'number', message }]);
    }
    if (l.status === 'received') throw conflict(`编号 ${l.number} 的介绍信回执已于 ${l.receiptOn} 登记`);
    if (l.status === 'void') throw conflict(`编号 ${l.number} 的介绍信已作废（已重新开具），请核对回执上的编号`);
    if (input.receiptOn < l.issuedOn) throw invalid('receiptOn', `回执日期不能早于介绍信开具日期 ${l.issuedOn}`);
    if (input.receiptOn > today) throw invalid('receiptOn', '回执日期不能晚于今天');
    const now = ctx.now();
    const [after] = await tx
      .update(relationLetters)
      .set({
        status: 'received',
        receiptOn: input.receiptOn,
        receiptOrgName: input.receiptOrgName,
        receiptHandler: input.receiptHandler ?? null,
        receiptNote: input.note ?? null,
        updatedAt: now,
      })
      .where(eq(relationLetters.id, l.id))
      .returning();
    if (l.transferId) {
      await tx
        .update(relationTransfers)
        .set({ status: 'completed', effectiveOn: input.receiptOn, decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now })
        .where(eq(relationTransfers.id, l.transferId));
    }
    if (l.memberId) {
      // The member leaves the roll the day the receipt says they reported (until then the issuer is
      // responsible for them, 组通字〔2006〕45号): status 转出, with both history rows in the archive.
      const [m] = await tx.select({ status: members.status }).from(members).where(eq(members.id, l.memberId)).for('update');
      const reason = `组织关系介绍信 ${l.number} 号回执已收到（${input.receiptOrgName}）`;
      await tx.insert(memberStatusHistory).values({
        memberId: l.memberId,
        field: 'org',
        fromValue: l.fromOrgName,
        toValue: `转出至${l.toOrgName}`,
        effectiveOn: input.receiptOn,
        reason,
        actorId: ctx.actor.userId,
      });
      if (m?.status === 'normal') {
        await tx.update(members).set({ status: 'transferred_out', updatedAt: now }).where(eq(members.id, l.memberId));
        await tx.insert(memberStatusHistory).values({
          memberId: l.memberId,
          field: 'status',
          fromValue: m.status,
          toValue: 'transferred_out',
          effectiveOn: input.receiptOn,
          reason: `组织关系转出至${l.toOrgName}，${reason}`,
          actorId: ctx.actor.userId,
        });
      }
    }
    await tx.execute(sql`UPDATE todos SET done_at = ${now} WHERE source_key LIKE ${`letter:${l.id}:%`} AND done_at IS NULL`);
    await audit(tx, ctx, {
      action: 'relation.letter_receipt',
      entityType: 'relation_letter',
      entityId: l.id,
      orgId: l.orgId,
      before: { status: l.status },
      after: { status: after.status, receiptOn: after.receiptOn, receiptOrgName: after.receiptOrgName },
    });
    return l.id;
  });
  return getLetter(ctx, id, false);
}
