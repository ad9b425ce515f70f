import { TRANSFER_STATUSES, type TransferDto, type TransferStartInput, type TransferStatus } from '@vanguard/shared/api/relations';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { orgs, relationTransfers } from '../../db/schema/index.js';
import { MEMBERS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { addTodos } from '../../platform/todos/todos.js';
import { groupPrefix, secretariesOf } from './relations.repository.js';
import { ACTIVE, closeTodos, lockedMember, lockedTransfer, notAllowed } from './transfers.common.js';
import { getTransfer } from './transfers.service.js';

/**
 * The receiving org of an internal transfer: a live org of the same group (the member's top-level
 * committee's tree), not the member's own org, not a 党小组. Anything else — including an id that
 * does not exist or lies in another tree — gets one clear message and nothing is written.
 */
async function receivingOrg(tx: Tx, memberOrg: { id: number; path: string }, toOrgId: number) {
  const [to] = await tx.select().from(orgs).where(eq(orgs.id, toOrgId));
  if (!to || to.dissolvedAt || !to.path.startsWith(groupPrefix(memberOrg.path))) {
    throw invalid('toOrgId', '接收组织不在本集团党组织体系内，不能按系统内转接办理；转往集团外请开具组织关系介绍信');
  }
  if (to.id === memberOrg.id) throw invalid('toOrgId', '接收组织就是该党员现在所在的组织');
  if (to.kind === 'group') throw invalid('toOrgId', '组织关系应转入党支部（党总支、党委），不能转入党小组');
  return to;
}

async function assertNoActiveTransfer(tx: Tx, memberId: number, name: string, exceptId?: number) {
  const [active] = await tx
    .select({ id: relationTransfers.id, status: relationTransfers.status })
    .from(relationTransfers)
    .where(and(eq(relationTransfers.memberId, memberId), inArray(relationTransfers.status, ACTIVE)));
  if (active && active.id !== exceptId) {
    throw conflict(`${name}已有正在办理的组织关系转接（${TRANSFER_STATUSES[active.status as TransferStatus]}），不能重复发起`, {
      transferId: active.id,
    });
  }
}

async function notifyReceiver(tx: Tx, t: { id: number; memberName: string; fromOrgName: string }, to: { id: number }) {
  const secretaries = await secretariesOf(tx, to.id);
  await addTodos(
    tx,
    secretaries.map((userId) => ({
      userId,
      orgId: to.id,
      title: `${t.memberName}的组织关系由${t.fromOrgName}转入，待接收`,
      link: '/admin/relations?tab=in',
      sourceKey: `transfer:${t.id}:in`,
    })),
  );
}

/** A branch secretary (members:write) starts an internal transfer of a member to another org of the group. */
export async function startTransfer(ctx: ActorCtx, input: TransferStartInput): Promise<TransferDto> {
  const id = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const m = await loadFor(ctx, MEMBERS, input.memberId, 'members:write', { db: tx, lock: true });
    if (m.status !== 'normal') throw invalid('memberId', `${m.name}党籍状态不正常，不能转接组织关系`);
    const [from] = await tx.select().from(orgs).where(eq(orgs.id, m.orgId));
    const to = await receivingOrg(tx, from, input.toOrgId);
    await assertNoActiveTransfer(tx, m.id, m.name);
    const now = ctx.now();
    const [row] = await tx
      .insert(relationTransfers)
      .values({
        kind: 'internal',
        memberId: m.id,
        orgId: from.id,
        orgPath: from.path,
        fromOrgName: from.name,
        toOrgId: to.id,
        toOrgName: to.name,
        status: 'pending',
        reason: input.reason,
        startedBy: ctx.actor.userId,
        startedAt: now,
      })
      .returning();
    await notifyReceiver(tx, { id: row.id, memberName: m.name, fromOrgName: from.name }, to);
    await audit(tx, ctx, {
      action: 'relation.transfer_start',
      entityType: 'relation_transfer',
      entityId: row.id,
      orgId: from.id,
      after: row,
    });
    return row.id;
  });
  return getTransfer(ctx, id);
}

/** The secretary takes a member's request forward as an internal transfer to a chosen org. */
export async function proceedRequest(ctx: ActorCtx, id: number, toOrgId: number): Promise<TransferDto> {
  await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const { r, s } = await lockedTransfer(tx, ctx, id);
    if (!s.senderWrite) throw notAllowed();
    if (r.t.status !== 'requested') throw conflict(`该转接${TRANSFER_STATUSES[r.t.status as TransferStatus]}，不能再办理`);
    const m = await lockedMember(tx, r.t.memberId);
    const [from] = await tx.select().from(orgs).where(eq(orgs.id, m.orgId));
    const to = await receivingOrg(tx, from, toOrgId);
    const now = ctx.now();
    const [after] = await tx
      .update(relationTransfers)
      .set({
        kind: 'internal',
        status: 'pending',
        orgId: from.id,
        orgPath: from.path,
        fromOrgName: from.name,
        toOrgId: to.id,
        toOrgName: to.name,
        startedBy: ctx.actor.userId,
        startedAt: now,
        updatedAt: now,
      })
      .where(eq(relationTransfers.id, id))
      .returning();
    await closeTodos(tx, `transfer:${id}:request`, now);
    await notifyReceiver(tx, { id, memberName: m.name, fromOrgName: from.name }, to);
    await audit(tx, ctx, {
      action: 'relation.transfer_start',
      entityType: 'relation_transfer',
      entityId: id,
      orgId: from.id,
      before: r.t,
      after,
    });
  });
  return getTransfer(ctx, id);
}

/** The sending secretary withdraws a transfer not yet accepted. */
export async function cancelTransfer(ctx: ActorCtx, id: number): Promise<TransferDto> {
  await ctx.db.transaction(async (tx) => {
    const { r, s } = await lockedTransfer(tx, ctx, id);
    if (!s.senderWrite) throw r.t.status === 'requested' || !s.sender ? notFound('该转接') : notAllowed();
    if (r.t.status !== 'pending') throw conflict(`该转接${TRANSFER_STATUSES[r.t.status as TransferStatus]}，不能撤回`);
    const now = ctx.now();
    await tx
      .update(relationTransfers)
      .set({ status: 'cancelled', decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now })
      .where(eq(relationTransfers.id, id));
    await closeTodos(tx, `transfer:${id}:in`, now);
    await audit(tx, ctx, {
      action: 'relation.transfer_cancel',
      entityType: 'relation_transfer',
      entityId: id,
      orgId: r.t.orgId,
      before: { status: r.t.status },
      after: { status: 'cancelled' },
    });
  });
  return getTransfer(ctx, id);
}
