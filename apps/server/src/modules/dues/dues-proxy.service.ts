import { addMonthsYm, chinaDay, duesRulesetOn } from '@vanguard/shared';
import { and, asc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { duesBills, duesProxyConsents, members } from '../../db/schema/index.js';
import { myMember } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { currentYm, monthDay, ymOf } from './dues.common.js';
import { baseFor } from './dues-bases.service.js';

type MemberRow = typeof members.$inferSelect;

/**
 * 代缴 (RULES.md §Dues: "by proxy with branch consent … no paying on a member's behalf without
 * consent"): the member gives consent on the phone to one member of the same branch, until a month;
 * the proxy then reports payments for them, and the treasurer's confirmation is the branch's consent.
 */

/** Months the member may prepay now (next months up to the ruleset's limit, not yet settled), with the amount due. */
export async function prepayMonths(db: DbOrTx, memberId: number, now: Date): Promise<{ month: string; dueFen: number }[]> {
  const cur = currentYm(now);
  const rs = duesRulesetOn(chinaDay(now));
  const months = Array.from({ length: rs.prepayMaxMonths }, (_, i) => addMonthsYm(cur, i + 1));
  const billed = await db
    .select({ month: duesBills.month, status: duesBills.status })
    .from(duesBills)
    .where(and(eq(duesBills.memberId, memberId), inArray(duesBills.month, months.map(monthDay))));
  const settled = new Set(billed.filter((b) => b.status !== 'unpaid').map((b) => ymOf(b.month)));
  const out: { month: string; dueFen: number }[] = [];
  for (const ym of months) {
    if (settled.has(ym)) continue;
    const base = await baseFor(db, memberId, monthDay(ym));
    if (base && base.monthlyFen > 0) out.push({ month: ym, dueFen: base.monthlyFen });
  }
  return out;
}

/** My consent given (to whom, until when) and the members who consented to me, with what they owe now. */
export async function myProxy(db: DbOrTx, m: MemberRow, now: Date) {
  const proxy = sql<string>`(SELECT name FROM members p WHERE p.id = ${duesProxyConsents.proxyMemberId})`;
  const [given] = await db
    .select({ proxyMemberId: duesProxyConsents.proxyMemberId, proxyName: proxy, untilMonth: duesProxyConsents.untilMonth })
    .from(duesProxyConsents)
    .where(and(eq(duesProxyConsents.memberId, m.id), isNull(duesProxyConsents.revokedAt)));
  const cur = monthDay(currentYm(now));
  const forMe = await db
    .select({ memberId: members.id, memberName: members.name, untilMonth: duesProxyConsents.untilMonth })
    .from(duesProxyConsents)
    .innerJoin(members, eq(members.id, duesProxyConsents.memberId))
    .where(
      and(
        eq(duesProxyConsents.proxyMemberId, m.id),
        isNull(duesProxyConsents.revokedAt),
        gte(duesProxyConsents.untilMonth, cur),
        eq(members.orgId, m.orgId),
      ),
    )
    .orderBy(asc(members.name));
  const open = forMe.length
    ? await db
        .select({ memberId: duesBills.memberId, month: duesBills.month, dueFen: duesBills.dueFen })
        .from(duesBills)
        .where(
          and(
            inArray(
              duesBills.memberId,
              forMe.map((f) => f.memberId),
            ),
            eq(duesBills.status, 'unpaid'),
          ),
        )
        .orderBy(asc(duesBills.month))
    : [];
  return {
    given: given ? { ...given, untilMonth: ymOf(given.untilMonth) } : null,
    forMe: forMe.map((f) => ({
      ...f,
      untilMonth: ymOf(f.untilMonth),
      openBills: open
        .filter((b) => b.memberId === f.memberId && b.month <= f.untilMonth)
        .map((b) => ({ month: ymOf(b.month), dueFen: b.dueFen })),
    })),
  };
}

/** Members of my branch I may name as my proxy (status normal, not me). */
export async function branchMates(ctx: ActorCtx) {
  const m = await myMember(ctx, { anyStatus: true });
  return ctx.db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(eq(members.orgId, m.orgId), eq(members.status, 'normal'), ne(members.id, m.id)))
    .orderBy(asc(members.namePinyin), asc(members.id))
    .limit(500);
}

/** Gives (or replaces) my consent that a member of my branch pays my dues until a month. */
export async function giveConsent(ctx: ActorCtx, input: { proxyMemberId: number; untilMonth: string }) {
  await ctx.db.transaction(async (tx) => {
    const m = await myMember(ctx, { db: tx, anyStatus: true });
    const [p] = await tx.select().from(members).where(eq(members.id, input.proxyMemberId));
    if (!p || p.orgId !== m.orgId) throw invalid('proxyMemberId', '代缴人须为同一支部的党员');
    if (p.id === m.id) throw invalid('proxyMemberId', '代缴人不能是本人');
    if (p.status !== 'normal') throw invalid('proxyMemberId', `${p.name}党籍状态不正常，不能代缴`);
    const cur = currentYm(ctx.now());
    if (input.untilMonth < cur) throw invalid('untilMonth', '委托期限不能早于本月');
    if (input.untilMonth > addMonthsYm(cur, 12)) throw invalid('untilMonth', '委托期限最长 12 个月，到期可再次委托');
    const now = ctx.now();
    await tx
      .update(duesProxyConsents)
      .set({ revokedAt: now, updatedAt: now })
      .where(and(eq(duesProxyConsents.memberId, m.id), isNull(duesProxyConsents.revokedAt)));
    const [row] = await tx
      .insert(duesProxyConsents)
      .values({
        memberId: m.id,
        proxyMemberId: p.id,
        orgId: m.orgId,
        orgPath: m.orgPath,
        untilMonth: monthDay(input.untilMonth),
        givenAt: now,
      })
      .returning();
    await audit(tx, ctx, { action: 'dues.proxy.consent', entityType: 'dues_proxy_consent', entityId: row.id, orgId: m.orgId, after: row });
  });
  return myProxy(ctx.db, await myMember(ctx, { anyStatus: true }), ctx.now());
}

/** Withdraws my consent (payments already reported stay as they are). */
export async function revokeConsent(ctx: ActorCtx) {
  await ctx.db.transaction(async (tx) => {
    const m = await myMember(ctx, { db: tx, anyStatus: true });
    const now = ctx.now();
    const rows = await tx
      .update(duesProxyConsents)
      .set({ revokedAt: now, updatedAt: now })
      .where(and(eq(duesProxyConsents.memberId, m.id), isNull(duesProxyConsents.revokedAt)))
      .returning();
    for (const row of rows) {
      await audit(tx, ctx, { action: 'dues.proxy.revoke', entityType: 'dues_proxy_consent', entityId: row.id, orgId: m.orgId, after: row });
    }
  });
  return myProxy(ctx.db, await myMember(ctx, { anyStatus: true }), ctx.now());
}

/**
 * For a payment the proxy reports for `memberId`: that member's live consent naming the proxy,
 * covering every month paid. Returns the member and the consent text kept on the payment.
 */
export async function proxyTarget(tx: Tx, proxy: MemberRow, memberId: number, months: readonly string[]) {
  const [m] = await tx.select().from(members).where(eq(members.id, memberId));
  const [c] = m
    ? await tx
        .select()
        .from(duesProxyConsents)
        .where(
          and(eq(duesProxyConsents.memberId, m.id), eq(duesProxyConsents.proxyMemberId, proxy.id), isNull(duesProxyConsents.revokedAt)),
        )
    : [];
  if (!m || !c || m.orgId !== proxy.orgId) throw invalid('forMemberId', '该党员没有委托您代缴党费');
  const last = [...months].sort().at(-1) ?? '';
  if (last > ymOf(c.untilMonth)) throw conflict(`${m.name}委托您代缴至 ${ymOf(c.untilMonth)}，${last} 不在委托期内`);
  return { member: m, consent: `${m.name}于 ${chinaDay(c.givenAt)} 在手机端委托${proxy.name}代缴（至 ${ymOf(c.untilMonth)}）` };
}
