import { chinaDay } from '@vanguard/shared';
import { TRANSFER_STATUSES, type TransferDto, type TransferStatus } from '@vanguard/shared/api/relations';
import { eq } from 'drizzle-orm';
import { orgs, relationTransfers } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { addTodos } from '../../platform/todos/todos.js';
import { moveMember, secretariesOf } from './relations.repository.js';
import { closeTodos, lockedMember, lockedTransfer, notAllowed } from './transfers.common.js';
import { getTransfer } from './transfers.service.js';

/**
 * The receiving org accepts: in one transaction the member moves (archive, pending corrections,
 * own open relations rows, member role; 先锋岗 end), the status history records the org change,
 * both sides' to-dos are updated and the transfer is closed. Refused when the member is no longer
 * in the sending org (something else moved them meanwhile).
 */
export async function acceptTransfer(ctx: ActorCtx, id: number, effectiveOn?: string): Promise<TransferDto> {
  await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const { r, s } = await lockedTransfer(tx, ctx, id);
    if (!s.receiver) throw r.t.status === 'requested' ? notFound('该转接') : notAllowed();
    if (r.t.status !== 'pending') throw conflict(`该转接${TRANSFER_STATUSES[r.t.status as TransferStatus]}，不能接收`);
    const today = chinaDay(ctx.now());
    const on = effectiveOn ?? today;
    if (on > today) throw invalid('effectiveOn', '接收日期不能晚于今天');
    const m = await lockedMember(tx, r.t.memberId);
    if (m.orgId !== r.t.orgId) throw conflict(`${m.name}已不在${r.t.fromOrgName}，该转接无法完成，请退回`);
    const [to] = await tx
      .select()
      .from(orgs)
      .where(eq(orgs.id, r.t.toOrgId as number));
    if (!to || to.dissolvedAt) throw conflict('接收组织已撤销，不能接收');
    const now = ctx.now();
    const moved = await moveMember(
      tx,
      m,
      { id: r.t.orgId, name: r.t.fromOrgName },
      { id: to.id, name: to.name, path: to.path },
      { on, now, actorId: ctx.actor.userId, reason: `组织关系转接（系统内）#${id}：${r.t.reason}` },
    );
    const [after] = await tx
      .update(relationTransfers)
      .set({ status: 'accepted', effectiveOn: on, decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now })
      .where(eq(relationTransfers.id, id))
      .returning();
    await closeTodos(tx, `transfer:${id}:in`, now);
    const senders = await secretariesOf(tx, r.t.orgId);
    await addTodos(tx, [
      ...senders.map((userId) => ({
        userId,
        orgId: r.t.orgId,
        kind: 'notice' as const,
        title: `${m.name}的组织关系已由${to.name}接收`,
        link: '/admin/relations?tab=out',
        sourceKey: `transfer:${id}:accepted`,
      })),
      ...(m.userId
        ? [
            {
              userId: m.userId,
              orgId: to.id,
              kind: 'notice' as const,
              title: `您的组织关系已转入${to.name}`,
              link: '/m/relations',
              sourceKey: `transfer:${id}:accepted`,
            },
          ]
        : []),
    ]);
    await audit(tx, ctx, {
      action: 'relation.transfer_accept',
      entityType: 'relation_transfer',
      entityId: id,
      orgId: to.id,
      before: { status: r.t.status, memberOrgId: m.orgId },
      after: { status: after.status, memberOrgId: to.id, effectiveOn: on, moved },
    });
  });
  return getTransfer(ctx, id);
}

/**
 * Refuses a transfer with a reason: the receiving org returns a pending one (退回), or the sending
 * secretary declines a member's request. Nothing moves.
 */
export async function rejectTransfer(ctx: ActorCtx, id: number, note: string): Promise<TransferDto> {
  await ctx.db.transaction(async (tx) => {
    const { r, s } = await lockedTransfer(tx, ctx, id);
    const now = ctx.now();
    let status: TransferStatus;
    let notify: { userId: number; orgId: number }[] = [];
    if (r.t.status === 'requested') {
      if (!s.senderWrite) throw notAllowed();
      status = 'declined';
      if (r.t.requestedBy) notify = [{ userId: r.t.requestedBy, orgId: r.t.orgId }];
      await closeTodos(tx, `transfer:${id}:request`, now);
    } else if (r.t.status === 'pending') {
      if (!s.receiver) throw notAllowed();
      status = 'rejected';
      notify = (await secretariesOf(tx, r.t.orgId)).map((userId) => ({ userId, orgId: r.t.orgId }));
      await closeTodos(tx, `transfer:${id}:in`, now);
    } else {
      throw conflict(`该转接${TRANSFER_STATUSES[r.t.status as TransferStatus]}，不能退回`);
    }
    const [after] = await tx
      .update(relationTransfers)
      .set({ status, decisionNote: note, decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now })
      .where(eq(relationTransfers.id, id))
      .returning();
    await addTodos(
      tx,
      notify.map((n) => ({
        ...n,
        kind: 'notice' as const,
        severity: 'warning' as const,
        title: status === 'rejected' ? `${r.memberName}的组织关系转接被${r.t.toOrgName}退回` : '您的组织关系转接申请未予办理',
        body: `理由：${note}`,
        link: status === 'rejected' ? '/admin/relations?tab=out' : '/m/relations',
        sourceKey: `transfer:${id}:${status}`,
      })),
    );
    await audit(tx, ctx, {
      action: `relation.transfer_${status === 'rejected' ? 'reject' : 'decline'}`,
      entityType: 'relation_transfer',
      entityId: id,
      orgId: status === 'rejected' ? r.t.toOrgId : r.t.orgId,
      before: { status: r.t.status },
      after: { status: after.status, note },
    });
  });
  return getTransfer(ctx, id);
}
