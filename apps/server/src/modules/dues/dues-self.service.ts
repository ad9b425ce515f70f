import { chinaDay, DUES_CATEGORIES, type DuesCategory, duesRulesetOn, duesStandard } from '@vanguard/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import { duesBills, orgs } from '../../db/schema/index.js';
import { myMember } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';
import { currentYm, monthDay, ymOf } from './dues.common.js';
import { arrearsRows } from './dues-arrears.js';
import { baseFor } from './dues-bases.service.js';
import { myPayments } from './dues-payments.service.js';
import { myProxy, prepayMonths } from './dues-proxy.service.js';

/**
 * 我的党费: my standard and how it was computed (the member sees their own base), my bills of the
 * last two years, my arrears and my payments (receipts).
 */
export async function myDues(ctx: ActorCtx) {
  const m = await myMember(ctx, { anyStatus: true });
  const now = ctx.now();
  const cur = currentYm(now);
  const base = await baseFor(ctx.db, m.id, monthDay(cur));
  let standard = null;
  if (base) {
    const baseFen = base.baseEnc ? Number(ctx.ciphers.members.decrypt(base.baseEnc)) : null;
    const full = base.baseEnc
      ? duesStandard(
          { category: base.category, baseFen: baseFen ?? 0 },
          duesRulesetOn(base.effectiveFrom),
          base.rounding as 'fen' | 'jiao-up',
        )
      : null;
    standard = {
      category: base.category,
      categoryName: DUES_CATEGORIES[base.category as DuesCategory] ?? base.category,
      baseFen,
      standardFen: base.standardFen,
      monthlyFen: base.monthlyFen,
      rateBp: base.rateBp,
      effectiveFrom: ymOf(base.effectiveFrom),
      ruleVersion: base.ruleVersion,
      basis: full ? full.basis + (base.hardshipKind ? base.basis.slice(base.basis.indexOf('；')) : '') : base.basis,
      hardshipKind: base.hardshipKind,
      source: duesRulesetOn(base.effectiveFrom).source,
    };
  }
  const bills = await ctx.db
    .select()
    .from(duesBills)
    .where(and(eq(duesBills.memberId, m.id), sql`${duesBills.month} >= ${monthDay(cur)}::date - interval '24 months'`))
    .orderBy(desc(duesBills.month));
  const [org] = await ctx.db.select({ path: orgs.path, name: orgs.name }).from(orgs).where(eq(orgs.id, m.orgId));
  const { rows } = await arrearsRows(ctx.db, org.path, now, { memberIds: [m.id] });
  const a = rows[0];
  return {
    memberId: m.id,
    memberName: m.name,
    orgName: org.name,
    today: chinaDay(now),
    standard,
    bills: bills.map((b) => ({
      id: b.id,
      month: ymOf(b.month),
      standardFen: b.standardFen,
      dueFen: b.dueFen,
      paidFen: b.paidFen,
      status: b.status,
      paidOn: b.paidOn,
      paymentId: b.paymentId,
    })),
    arrears: {
      monthsUnpaid: a?.monthsUnpaid ?? 0,
      owedFen: a?.owedFen ?? 0,
      sinceMonth: a?.sinceMonth ?? null,
      lastPaidMonth: a?.lastPaidMonth ?? null,
    },
    payments: await myPayments(ctx.db, m.id),
    prepay: await prepayMonths(ctx.db, m.id, now),
    proxy: await myProxy(ctx.db, m, now),
  };
}
