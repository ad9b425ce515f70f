import type { TransferDto } from '@vanguard/shared/api/relations';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { orgs, relationTransfers } from '../../db/schema/index.js';
import { myMember } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';
import { secretariesOf } from './relations.repository.js';
import { ACTIVE, lockedMember, select, toDto } from './transfers.common.js';

// The member's side (phone portal): asking for a transfer and following it.

/** A member asks for a transfer; it becomes a request on the branch secretary's list, with a to-do. */
export async function requestTransfer(ctx: ActorCtx, input: { toOrgName: string; reason: string }): Promise<TransferDto> {
  const me = await myMember(ctx, { anyStatus: true });
  const id = await ctx.db.transaction(async (tx) => {
    const m = await lockedMember(tx, me.id);
    if (m.status !== 'normal') throw invalid('reason', '您的党籍状态不正常，请联系支部');
    const [active] = await tx
      .select({ id: relationTransfers.id })
      .from(relationTransfers)
      .where(and(eq(relationTransfers.memberId, m.id), inArray(relationTransfers.status, ACTIVE)));
    if (active) throw conflict('您已有一条正在办理的组织关系转接，请等待支部处理');
    const [from] = await tx.select().from(orgs).where(eq(orgs.id, m.orgId));
    const [row] = await tx
      .insert(relationTransfers)
      .values({
        kind: 'request',
        memberId: m.id,
        orgId: from.id,
        orgPath: from.path,
        fromOrgName: from.name,
        toOrgName: input.toOrgName,
        status: 'requested',
        reason: input.reason,
        requestedBy: ctx.actor.userId,
      })
      .returning();
    const secretaries = await secretariesOf(tx, from.id);
    await addTodos(
      tx,
      secretaries.map((userId) => ({
        userId,
        orgId: from.id,
        title: `${m.name}申请转出组织关系（去往：${input.toOrgName}）`,
        body: `理由：${input.reason}`,
        link: '/admin/relations?tab=out',
        sourceKey: `transfer:${row.id}:request`,
      })),
    );
    await audit(tx, ctx, {
      action: 'relation.transfer_request',
      entityType: 'relation_transfer',
      entityId: row.id,
      orgId: from.id,
      after: row,
    });
    return row.id;
  });
  const [r] = await select(ctx.db).where(eq(relationTransfers.id, id));
  return toDto(ctx, r);
}

/** My transfers, newest first (the phone shows them without actions). */
export async function listMyTransfers(ctx: ActorCtx): Promise<TransferDto[]> {
  const me = await myMember(ctx, { anyStatus: true });
  const rows = await select(ctx.db).where(eq(relationTransfers.memberId, me.id)).orderBy(desc(relationTransfers.id)).limit(20);
  return rows.map((r) => ({ ...toDto(ctx, r), actions: [] }));
}
