import type { PaymentDto } from '@vanguard/shared/api/dues';
import { and, count, desc, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { duesPayments, members, orgs, users } from '../../db/schema/index.js';
import { assertCan, inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { duesMember, duesOrg, likePrefix, selfMember, ymOf } from './dues.common.js';

const proxy = alias(members, 'proxy_member');
const confirmer = alias(users, 'confirmer');
const reversal = alias(duesPayments, 'reversal');

async function paymentRows(db: DbOrTx, where: ReturnType<typeof and>, page?: { limit: number; offset: number }) {
  const q = db
    .select({
      p: duesPayments,
      memberName: members.name,
      orgName: orgs.name,
      proxyMemberName: proxy.name,
      confirmedByName: confirmer.displayName,
      reversedById: reversal.id,
    })
    .from(duesPayments)
    .innerJoin(members, eq(members.id, duesPayments.memberId))
    .innerJoin(orgs, eq(orgs.id, duesPayments.orgId))
    .leftJoin(proxy, eq(proxy.id, duesPayments.proxyMemberId))
    .leftJoin(confirmer, eq(confirmer.id, duesPayments.confirmedBy))
    .leftJoin(reversal, eq(reversal.reversesId, duesPayments.id))
    .where(where)
    .orderBy(desc(duesPayments.paidOn), desc(duesPayments.id));
  return page ? q.limit(page.limit).offset(page.offset) : q;
}

function toDto(r: Awaited<ReturnType<typeof paymentRows>>[number]): PaymentDto {
  const p = r.p;
  return {
    id: p.id,
    memberId: p.memberId,
    memberName: r.memberName,
    orgId: p.orgId,
    orgName: r.orgName,
    kind: p.kind,
    method: p.method,
    status: p.status,
    months: p.months.map(ymOf),
    amountFen: p.amountFen,
    duesFen: p.duesFen,
    extraFen: p.extraFen,
    paidOn: p.paidOn,
    receiptNo: p.receiptNo,
    txnNo: p.providerRef,
    proofFileId: p.proofFileId,
    proxyMemberId: p.proxyMemberId,
    proxyMemberName: r.proxyMemberName,
    proxyConsent: p.proxyConsent,
    approval: p.approval,
    note: p.note,
    confirmedAt: p.confirmedAt,
    confirmedByName: r.confirmedByName,
    rejectedReason: p.rejectedReason,
    reversesId: p.reversesId,
    reversedById: r.reversedById,
    reason: p.reason,
    createdAt: p.createdAt,
  };
}

/** One payment as the API answers it. */
export async function paymentDto(db: DbOrTx, id: number): Promise<PaymentDto> {
  const [row] = await paymentRows(db, and(eq(duesPayments.id, id)));
  if (!row) throw notFound('该缴费记录');
  return toDto(row);
}

/** One payment, within the actor's dues:collect scope. */
export async function getPayment(ctx: ActorCtx, id: number): Promise<PaymentDto> {
  const dto = await paymentDto(ctx.db, id);
  const [p] = await ctx.db.select({ orgPath: duesPayments.orgPath }).from(duesPayments).where(eq(duesPayments.id, id));
  assertCan(ctx.actor, 'dues:collect', p.orgPath, '该缴费记录');
  return dto;
}

/** Payments of an org's subtree, filtered by status, kind and year, paged. */
export async function listPayments(
  ctx: ActorCtx,
  q: { orgId: number; status?: string; kind?: string; year?: number; page: number; pageSize: number },
) {
  const org = await duesOrg(ctx.db, ctx, q.orgId);
  const where = and(
    inScope(duesPayments.orgPath, scopeOf(ctx.actor, 'dues:collect')),
    sql`${duesPayments.orgPath} LIKE ${likePrefix(org.path)}`,
    q.status ? eq(duesPayments.status, q.status) : undefined,
    q.kind ? eq(duesPayments.kind, q.kind) : undefined,
    q.year ? sql`extract(year from ${duesPayments.paidOn}) = ${q.year}` : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    paymentRows(ctx.db, where, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    ctx.db.select({ total: count() }).from(duesPayments).where(where),
  ]);
  return { items: rows.map(toDto), total };
}

/** The member's own payments and those paid as proxy, and the one asked for (我的收据): only those. */
export async function myPayment(ctx: ActorCtx, id: number): Promise<PaymentDto> {
  const m = await selfMember(ctx.db, ctx);
  const dto = await paymentDto(ctx.db, id);
  if (dto.memberId !== m.id && dto.proxyMemberId !== m.id) throw notFound('该缴费记录');
  return dto;
}

/** A member's payments, newest first (the phone's 我的缴费). */
export async function myPayments(db: DbOrTx, memberId: number) {
  const rows = await paymentRows(db, or(eq(duesPayments.memberId, memberId), eq(duesPayments.proxyMemberId, memberId)), {
    limit: 100,
    offset: 0,
  });
  return rows.map(toDto);
}

/**
 * A member's unpaid bills, oldest first, with whether a reported payment covers each (待确认): the
 * payment form starts at the oldest open month and warns when a later one is paid first.
 */
export async function memberOpenBills(ctx: ActorCtx, memberId: number) {
  const m = await duesMember(ctx.db, ctx, memberId, 'id');
  const rows = await ctx.db.execute<{ month: string; due: number; reported: boolean }>(sql`
    SELECT b.month::text AS month, (b.due_fen - b.paid_fen)::int AS due,
           EXISTS (SELECT 1 FROM dues_payments p WHERE p.member_id = b.member_id AND p.status = 'reported' AND b.month = ANY(p.months)) AS reported
    FROM dues_bills b WHERE b.member_id = ${m.id} AND b.status = 'unpaid' ORDER BY b.month`);
  return {
    memberId: m.id,
    memberName: m.name,
    bills: rows.rows.map((r) => ({ month: ymOf(r.month), dueFen: Number(r.due), reported: Boolean(r.reported) })),
  };
}
