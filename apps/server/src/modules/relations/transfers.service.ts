import { chinaDay, MEMBER_CATEGORIES } from '@vanguard/shared';
import { and, count, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import { members, orgs, relationTransfers } from '../../db/schema/index.js';
import { assertCan, covers, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { addTodos } from '../../platform/todos/todos.js';
import { groupPrefix, moveMember, secretariesOf } from './relations.repository.js';
import {
  TRANSFER_STATUSES,
  type TransferDto,
  type TransferListQuery,
  type TransferStartInput,
  type TransferStatus,
} from './relations.schemas.js';

const toOrg = alias(orgs, 'to_org');
const ACTIVE: TransferStatus[] = ['requested', 'pending', 'letter_issued'];

const columns = {
  t: relationTransfers,
  memberName: members.name,
  memberSex: members.sex,
  memberCategory: members.category,
  toOrgPath: toOrg.path,
};

function select(db: ActorCtx['db'] | Tx) {
  return db
    .select(columns)
    .from(relationTransfers)
    .innerJoin(members, eq(members.id, relationTransfers.memberId))
    .leftJoin(toOrg, eq(toOrg.id, relationTransfers.toOrgId));
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

/**
 * Who sees a transfer: the sender side (members:read on the sending org, where the member was)
 * and the receiving side (members:write on the receiving org) — the receiver sees the transfer
 * itself (name, sex, category, orgs, reason), never the member's archive until the member has
 * been accepted into its org.
 */
function sidesOf(ctx: ActorCtx, r: { orgPath: string; toOrgPath: string | null; status: string }) {
  const sender = covers(scopeOf(ctx.actor, 'members:read'), r.orgPath);
  const senderWrite = covers(scopeOf(ctx.actor, 'members:write'), r.orgPath);
  const receiver = r.toOrgPath !== null && r.status !== 'requested' && covers(scopeOf(ctx.actor, 'members:write'), r.toOrgPath);
  return { sender, senderWrite, receiver };
}

function toDto(ctx: ActorCtx, r: Row): TransferDto {
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

/** The transfer locked for update, or 404 when the actor is on neither side. */
async function lockedTransfer(tx: Tx, ctx: ActorCtx, id: number) {
  const [r] = await select(tx).where(eq(relationTransfers.id, id)).for('update', { of: relationTransfers });
  if (!r) throw notFound('该转接');
  const s = sidesOf(ctx, { orgPath: r.t.orgPath, toOrgPath: r.toOrgPath, status: r.t.status });
  if (!s.sender && !s.receiver) throw notFound('该转接');
  return { r, s };
}

const notAllowed = () => new AppError('FORBIDDEN');

export async function getTransfer(ctx: ActorCtx, id: number): Promise<TransferDto> {
  const [r] = await select(ctx.db).where(eq(relationTransfers.id, id));
  if (!r) throw notFound('该转接');
  const s = sidesOf(ctx, { orgPath: r.t.orgPath, toOrgPath: r.toOrgPath, status: r.t.status });
  if (!s.sender && !s.receiver) throw notFound('该转接');
  return toDto(ctx, r);
}

/** Outgoing transfers (sent from orgs in scope) or incoming ones (to orgs the actor may receive into). */
export async function listTransfers(ctx: ActorCtx, q: TransferListQuery) {
  const where = and(
    q.box === 'out'
      ? inScope(relationTransfers.orgPath, scopeOf(ctx.actor, 'members:read'))
      : and(inScope(toOrg.path, scopeOf(ctx.actor, 'members:write')), ne(relationTransfers.status, 'requested')),
    q.status ? eq(relationTransfers.status, q.status) : undefined,
  ) as SQL;
  const [rows, [{ total }]] = await Promise.all([
    select(ctx.db)
      .where(where)
      .orderBy(desc(relationTransfers.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(relationTransfers).leftJoin(toOrg, eq(toOrg.id, relationTransfers.toOrgId)).where(where),
  ]);
  return { items: rows.map((r) => toDto(ctx, r)), total };
}

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

const closeTodos = (tx: Tx, key: string, now: Date) =>
  tx.execute(sql`UPDATE todos SET done_at = ${now}, updated_at = ${now} WHERE source_key = ${key} AND done_at IS NULL`);

/** The member's row locked (a transfer, an acceptance and a letter of the same member queue). */
async function lockedMember(tx: Tx, memberId: number) {
  const [m] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  return m;
}

/** A branch secretary (members:write) starts an internal transfer of a member to another org of the group. */
export async function startTransfer(ctx: ActorCtx, input: TransferStartInput): Promise<TransferDto> {
  const id = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const m = await lockedMember(tx, input.memberId);
    if (!m) throw notFound('该党员');
    assertCan(ctx.actor, 'members:write', m.orgPath, '该党员');
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

/** Orgs of the actor's groups that can receive a member (names only: choosing one reveals no member data). */
export async function listDestinations(ctx: ActorCtx, q: string | undefined) {
  const scope = scopeOf(ctx.actor, 'members:write');
  const groups = [...new Set(scope.paths.map(groupPrefix))];
  if (groups.length === 0) return [];
  const parent = alias(orgs, 'parent');
  return ctx.db
    .select({ id: orgs.id, name: orgs.name, parentName: parent.name })
    .from(orgs)
    .leftJoin(parent, eq(parent.id, orgs.parentId))
    .where(
      and(
        or(...groups.map((g) => sql`${orgs.path} LIKE ${`${g}%`}`)),
        isNull(orgs.dissolvedAt),
        ne(orgs.kind, 'group'),
        q ? ilike(orgs.name, `%${q}%`) : undefined,
      ),
    )
    .orderBy(orgs.path)
    .limit(50);
}

// ── The member's side (phone portal) ──────────────────────────────────────────────────────

async function myMember(ctx: ActorCtx) {
  const [m] = await ctx.db.select().from(members).where(eq(members.userId, ctx.actor.userId));
  if (!m) throw notFound('与您账号关联的党员档案');
  return m;
}

/** A member asks for a transfer; it becomes a request on the branch secretary's list, with a to-do. */
export async function requestTransfer(ctx: ActorCtx, input: { toOrgName: string; reason: string }): Promise<TransferDto> {
  const me = await myMember(ctx);
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

export async function listMyTransfers(ctx: ActorCtx): Promise<TransferDto[]> {
  const me = await myMember(ctx);
  const rows = await select(ctx.db).where(eq(relationTransfers.memberId, me.id)).orderBy(desc(relationTransfers.id)).limit(20);
  return rows.map((r) => ({ ...toDto(ctx, r), actions: [] }));
}
