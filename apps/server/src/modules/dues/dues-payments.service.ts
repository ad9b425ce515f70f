import { checkPaymentMonths, chinaDay, duesRulesetOn, yuan } from '@vanguard/shared';
import { and, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.js';
import { duesBills, duesPayments, files, members, orgs, roleGrants, users } from '../../db/schema/index.js';
import { assertCan, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { addTodos } from '../../platform/todos/todos.js';
import { duesMember, duesOrg, likePrefix, monthDay, selfMember, ymOf } from './dues.common.js';
import type { PaymentCreateInput, PaymentDto, PaymentReportInput } from './dues.schemas.js';
import { baseFor } from './dues-bases.service.js';
import { proxyTarget } from './dues-proxy.service.js';

type MemberRow = typeof members.$inferSelect;
type PaymentRow = typeof duesPayments.$inferSelect;
type BillRow = typeof duesBills.$inferSelect;

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

export async function paymentDto(db: DbOrTx, id: number): Promise<PaymentDto> {
  const [row] = await paymentRows(db, and(eq(duesPayments.id, id)));
  if (!row) throw notFound('该缴费记录');
  return toDto(row);
}

const sortMonths = (months: readonly string[]) => [...new Set(months)].sort();

function kindOf(months: string[], current: string): 'regular' | 'backpay' | 'prepay' {
  if (months.some((m) => m < current)) return 'backpay';
  if (months.some((m) => m > current)) return 'prepay';
  return 'regular';
}

/**
 * Checks the months a payment covers and locks their bills: each must be billed and open (a
 * future month — 预交 — may be billed now from the base in force, when `createFuture`), within
 * the back-pay and prepay limits. Returns the bills and their total due.
 */
async function openBills(
  tx: Tx,
  m: MemberRow,
  months: string[],
  today: string,
  opts: { approved: boolean; createFuture: boolean },
): Promise<{ bills: BillRow[]; dueFen: number }> {
  if (months.length === 0) throw invalid('months', '请选择要缴纳的月份');
  const current = today.slice(0, 7);
  const rs = duesRulesetOn(today);
  const limit = checkPaymentMonths(months, current, { approved: opts.approved }, rs);
  if (limit) throw invalid(limit.path, limit.message);
  const rows = await tx
    .select()
    .from(duesBills)
    .where(and(eq(duesBills.memberId, m.id), inArray(duesBills.month, months.map(monthDay))))
    .for('update');
  const byMonth = new Map(rows.map((b) => [ymOf(b.month), b]));
  const bills: BillRow[] = [];
  for (const ym of months) {
    let bill = byMonth.get(ym);
    if (!bill && ym > current) {
      const base = await baseFor(tx, m.id, monthDay(ym));
      if (!base) throw invalid('months', `${ym} 尚无核定的党费标准，不能预交`);
      if (opts.createFuture) {
        [bill] = await tx
          .insert(duesBills)
          .values({
            memberId: m.id,
            orgId: m.orgId,
            orgPath: m.orgPath,
            month: monthDay(ym),
            standardFen: base.standardFen,
            dueFen: base.monthlyFen,
            status: base.monthlyFen === 0 ? 'waived' : 'unpaid',
            baseId: base.id,
          })
          .returning();
      } else {
        bill = { dueFen: base.monthlyFen, status: base.monthlyFen === 0 ? 'waived' : 'unpaid', month: monthDay(ym) } as BillRow;
      }
    }
    if (!bill) throw invalid('months', `${ym} 尚未生成党费账单，不能缴纳（请先生成该月账单）`);
    if (bill.status === 'waived') throw invalid('months', `${ym} 已减免，无需缴纳`);
    if (bill.status !== 'unpaid') throw conflict(`${ym} 的党费已经缴纳，不能重复缴纳`);
    bills.push(bill);
  }
  return { bills, dueFen: bills.reduce((a, b) => a + b.dueFen, 0) };
}

/** Marks the bills paid by a confirmed payment: 已缴 in its month, 补缴 when later, 预缴 when earlier. */
async function settleBills(tx: Tx, ctx: ActorCtx, bills: BillRow[], payment: PaymentRow) {
  const paidYm = payment.paidOn.slice(0, 7);
  for (const b of bills) {
    const ym = ymOf(b.month);
    const status = ym < paidYm ? 'backpaid' : ym > paidYm ? 'prepaid' : 'paid';
    await tx
      .update(duesBills)
      .set({ status, paidFen: b.dueFen, paymentId: payment.id, paidOn: payment.paidOn, updatedAt: ctx.now() })
      .where(eq(duesBills.id, b.id));
  }
}

async function checkProxy(tx: Tx, m: MemberRow, input: { proxyMemberId?: number | null; proxyConsent?: string | null }) {
  if (!input.proxyMemberId) return;
  const [p] = await tx.select().from(members).where(eq(members.id, input.proxyMemberId));
  if (!p || p.orgId !== m.orgId) throw invalid('proxyMemberId', '代缴人须为同一支部的党员');
  if (p.id === m.id) throw invalid('proxyMemberId', '代缴人不能是本人');
  if (p.status !== 'normal') throw invalid('proxyMemberId', `${p.name}党籍状态不正常，不能代缴`);
  if (!input.proxyConsent || input.proxyConsent.trim().length < 2)
    throw invalid('proxyConsent', '代缴须经党支部同意，请填写同意情况（日期、经办人）');
}

async function byRequestKey(db: DbOrTx, key: string | undefined, memberId: number) {
  if (!key) return null;
  const [row] = await db.select().from(duesPayments).where(eq(duesPayments.requestKey, key));
  if (!row) return null;
  if (row.memberId !== memberId) throw conflict('该请求编号已用于另一笔缴费');
  return row;
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
        receiptNo: input.receiptNo ?? null,
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
    const receiptNo = p.receiptNo ?? `DF${p.paidOn.slice(0, 4)}${String(p.id).padStart(7, '0')}`;
    if (!p.receiptNo) await tx.update(duesPayments).set({ receiptNo }).where(eq(duesPayments.id, p.id));
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

async function lockPayment(tx: Tx, ctx: ActorCtx, id: number): Promise<PaymentRow> {
  const [p] = await tx.select().from(duesPayments).where(eq(duesPayments.id, id)).for('update');
  if (!p) throw notFound('该缴费记录');
  assertCan(ctx.actor, 'dues:collect', p.orgPath, '该缴费记录');
  return p;
}

/** Confirms a reported payment (idempotent: confirming again returns it unchanged). */
export async function confirmPayment(ctx: ActorCtx, id: number, input: { receiptNo?: string | null }): Promise<PaymentDto> {
  await ctx.db.transaction(async (tx) => {
    const p = await lockPayment(tx, ctx, id);
    if (p.status === 'confirmed') return;
    if (p.status !== 'reported') throw conflict('该缴费报告已退回，不能确认');
    const [m] = await tx.select().from(members).where(eq(members.id, p.memberId));
    // The limits are judged on the day the member paid, not on the day the treasurer confirms.
    const { bills } = await openBills(tx, m, p.months.map(ymOf), p.paidOn, { approved: false, createFuture: true });
    const receiptNo = input.receiptNo ?? `DF${p.paidOn.slice(0, 4)}${String(p.id).padStart(7, '0')}`;
    const [after] = await tx
      .update(duesPayments)
      .set({ status: 'confirmed', confirmedBy: ctx.actor.userId, confirmedAt: ctx.now(), receiptNo, updatedAt: ctx.now() })
      .where(eq(duesPayments.id, p.id))
      .returning();
    await settleBills(tx, ctx, bills, after);
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
    await audit(tx, ctx, { action: 'dues.payment.reject', entityType: 'dues_payment', entityId: p.id, orgId: p.orgId, before: p, after });
  });
  return paymentDto(ctx.db, id);
}

/**
 * Reverses a confirmed payment (冲正) with a new entry and a reason; the original is never edited.
 * The months it paid become unpaid again.
 */
export async function reversePayment(ctx: ActorCtx, id: number, reason: string): Promise<PaymentDto> {
  const newId = await ctx.db.transaction(async (tx) => {
    const p = await lockPayment(tx, ctx, id);
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

export async function getPayment(ctx: ActorCtx, id: number): Promise<PaymentDto> {
  const dto = await paymentDto(ctx.db, id);
  const [p] = await ctx.db.select({ orgPath: duesPayments.orgPath }).from(duesPayments).where(eq(duesPayments.id, id));
  assertCan(ctx.actor, 'dues:collect', p.orgPath, '该缴费记录');
  return dto;
}

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

export async function myPayments(db: DbOrTx, memberId: number) {
  const rows = await paymentRows(db, or(eq(duesPayments.memberId, memberId), eq(duesPayments.proxyMemberId, memberId)), {
    limit: 100,
    offset: 0,
  });
  return rows.map(toDto);
}
