import { MEMBER_CATEGORIES } from '@vanguard/shared';
import { TRANSFER_STATUSES, type TransferDto, type TransferStatus } from '@vanguard/shared/api/relations';
import { and, eq, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import { members, orgs, relationTransfers } from '../../db/schema/index.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { transferSides } from './relations.policy.js';

// Shared by the transfer services: the row as read with its member and receiving org, who sees it, its DTO, the locks.

export const toOrg = alias(orgs, 'to_org');
/** A transfer still being handled: a member has at most one. */
export const ACTIVE: TransferStatus[] = ['requested', 'pending', 'letter_issued'];

const columns = {
  t: relationTransfers,
  memberName: members.name,
  memberSex: members.sex,
  memberCategory: members.category,
  toOrgPath: toOrg.path,
};

/** Transfers with the member's name and the receiving org's path. */
export function select(db: ActorCtx['db'] | Tx) {
  return db
    .select(columns)
    .from(relationTransfers)
    .innerJoin(members, eq(members.id, relationTransfers.memberId))
    .leftJoin(toOrg, eq(toOrg.id, relationTransfers.toOrgId));
}
export type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

/**
 * Who sees a transfer: the sender side (members:read on the sending org, where the member was)
 * and the receiving side (members:write on the receiving org) — the receiver sees the transfer
 * itself (name, sex, category, orgs, reason), never the member's archive until the member has
 * been accepted into its org.
 */
export const sidesOf = (ctx: ActorCtx, r: { orgPath: string; toOrgPath: string | null; status: string }) => transferSides(ctx.actor, r);

/** The transfer as the lists show it, with the actions the actor may take on it. */
export function toDto(ctx: ActorCtx, r: Row): TransferDto {
  const s = sidesOf(ctx, { orgPath: r.t.orgPath, toOrgPath: r.toOrgPath, status: r.t.status });
  const actions: TransferDto['actions'] = [];
  if (s.senderWrite && r.t.status === 'requested') actions.push('start', 'letter', 'decline');
  if (s.senderWrite && r.t.status === 'pending') actions.push('cancel');
  if (s.receiver && r.t.status === 'pending') actions.push('accept', 'reject');
  return {
    id: r.t.id,
    kind: r.t.kind,
    status: r.t.status,
    statusName: TRANSFER_STATUSES[r.t.status as TransferStatus] ?? r.t.status,
    memberId: r.t.memberId,
    memberName: r.memberName,
    memberSex: r.memberSex,
    memberCategory: MEMBER_CATEGORIES[r.memberCategory as keyof typeof MEMBER_CATEGORIES] ?? r.memberCategory,
    fromOrgId: r.t.orgId,
    fromOrgName: r.t.fromOrgName,
    toOrgId: r.t.toOrgId,
    toOrgName: r.t.toOrgName,
    reason: r.t.reason,
    decisionNote: r.t.decisionNote,
    effectiveOn: r.t.effectiveOn,
    letterId: r.t.letterId,
    createdAt: r.t.createdAt,
    decidedAt: r.t.decidedAt,
    actions,
  };
}

/** Where the actor is on a side of a transfer (the policy's `transferSides`, as a condition of the query). */
export const onASide = (ctx: ActorCtx) =>
  or(
    inScope(relationTransfers.orgPath, scopeOf(ctx.actor, 'members:read')),
    and(inScope(toOrg.path, scopeOf(ctx.actor, 'members:write')), ne(relationTransfers.status, 'requested')),
  );

/** The transfer locked for update with the actor's sides, or 404 when the actor is on neither (in the query). */
export async function lockedTransfer(tx: Tx, ctx: ActorCtx, id: number) {
  const [r] = await select(tx)
    .where(and(eq(relationTransfers.id, id), onASide(ctx)))
    .for('update', { of: relationTransfers });
  if (!r) throw notFound('该转接');
  return { r, s: sidesOf(ctx, { orgPath: r.t.orgPath, toOrgPath: r.toOrgPath, status: r.t.status }) };
}

/** The actor sees the transfer but may not take this action on it (403). */
export const notAllowed = () => new AppError('FORBIDDEN');

/** Marks the to-dos of one source key done. */
export const closeTodos = (tx: Tx, key: string, now: Date) =>
  tx.execute(sql`UPDATE todos SET done_at = ${now}, updated_at = ${now} WHERE source_key = ${key} AND done_at IS NULL`);

/** The member's row locked (a transfer, an acceptance and a letter of the same member queue). */
export async function lockedMember(tx: Tx, memberId: number) {
  const [m] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  return m;
}
