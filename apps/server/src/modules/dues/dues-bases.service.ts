import {
  chinaDay,
  DUES_CATEGORIES,
  type DuesCategory,
  type DuesRounding,
  type DuesStandard,
  dueAfterHardship,
  duesRulesetOn,
  duesStandard,
} from '@vanguard/shared';
import type { BaseDeclareInput, BaseListQueryInput } from '@vanguard/shared/api/dues';
import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { duesBases, duesBills, members, orgs } from '../../db/schema/index.js';
import { MEMBERS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { can, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { getSetting } from '../../platform/settings.js';
import { likePrefix, monthDay, ruleCall } from './dues.common.js';

type MemberRow = typeof members.$inferSelect;

/** The rounding option: the system setting `dues.rounding` ('fen' | 'jiao-up'), else the ruleset's. */
async function duesRounding(db: DbOrTx, fallback: DuesRounding): Promise<DuesRounding> {
  return (await getSetting(db, 'dues.rounding')) ?? fallback;
}

/** `POST /dues/calculate`: the pure rule, with the rule's Chinese message on bad input. */
export async function calculate(
  ctx: ActorCtx,
  input: { category: unknown; baseFen?: unknown; farmerFen?: unknown; rounding?: DuesRounding },
): Promise<DuesStandard> {
  const rs = duesRulesetOn(chinaDay(ctx.now()));
  const rounding = input.rounding ?? (await duesRounding(ctx.db, rs.rounding));
  return ruleCall(() =>
    duesStandard(
      {
        category: typeof input.category === 'string' ? input.category : String(input.category),
        baseFen: input.baseFen as number | undefined,
        farmerFen: input.farmerFen as number | undefined,
      },
      rs,
      rounding,
    ),
  );
}

export interface BaseWrite {
  fromMonth: string;
  category: string;
  baseFen?: number;
  farmerFen?: number;
  hardship?: BaseDeclareInput['hardship'];
  rounding?: DuesRounding;
  note?: string | null;
}

/**
 * Writes a member's base from a month (the row valid until the next one), re-bills the unpaid
 * bills of the months it now governs, and audits. The base is encrypted; bills only ever read the
 * stored monthly amount. Declaring the same month again corrects that declaration.
 */
export async function writeBase(tx: Tx, ctx: ActorCtx, m: MemberRow, input: BaseWrite, source: 'declare' | 'import' | 'change') {
  const from = monthDay(input.fromMonth);
  const rs = duesRulesetOn(from);
  const rounding = input.rounding ?? (await duesRounding(tx, rs.rounding));
  const needsBase = input.category === 'employed' || input.category === 'retired';
  if (needsBase && input.baseFen === undefined)
    throw invalid('baseFen', `${DUES_CATEGORIES[input.category as DuesCategory]}党员须填写计算基数`);
  const std = ruleCall(() => duesStandard({ category: input.category, baseFen: input.baseFen, farmerFen: input.farmerFen }, rs, rounding));
  const h = input.hardship ?? null;
  const monthlyFen = dueAfterHardship(
    std.monthlyFen,
    h ? (h.kind === 'exempt' ? { kind: 'exempt' } : { kind: 'reduce', monthlyFen: h.monthlyFen ?? 0 }) : null,
  );
  if (h?.kind === 'reduce' && (h.monthlyFen ?? 0) >= std.monthlyFen) {
    throw invalid('hardship.monthlyFen', '少交后的金额应低于按标准计算的金额');
  }
  // One writer per member at a time: the rows of this member are locked while ranges are fixed.
  const rows = await tx.select().from(duesBases).where(eq(duesBases.memberId, m.id)).orderBy(asc(duesBases.effectiveFrom)).for('update');
  const same = rows.find((r) => r.effectiveFrom === from);
  const prev = rows.filter((r) => r.effectiveFrom < from).at(-1);
  const next = rows.find((r) => r.effectiveFrom > from);
  const values = {
    memberId: m.id,
    orgId: m.orgId,
    orgPath: m.orgPath,
    year: Number(input.fromMonth.slice(0, 4)),
    effectiveFrom: from,
    effectiveTo: next?.effectiveFrom ?? null,
    category: input.category,
    baseEnc: input.baseFen === undefined || !needsBase ? null : ctx.ciphers.members.encrypt(String(input.baseFen)),
    source,
    ruleVersion: std.ruleVersion,
    rounding,
    rateBp: std.rateBp,
    standardFen: std.monthlyFen,
    monthlyFen,
    basis:
      std.rule +
      (h ? (h.kind === 'exempt' ? '；困难党员经批准免交' : `；困难党员经批准少交，每月 ${(monthlyFen / 100).toFixed(2)} 元`) : ''),
    hardshipKind: h?.kind ?? null,
    hardshipBranchReview: h?.branchReview ?? null,
    hardshipApproval: h?.approval ?? null,
    note: input.note ?? null,
    createdBy: ctx.actor.userId,
    updatedAt: ctx.now(),
  };
  let row: typeof duesBases.$inferSelect;
  if (same) {
    [row] = await tx.update(duesBases).set(values).where(eq(duesBases.id, same.id)).returning();
  } else {
    if (prev) await tx.update(duesBases).set({ effectiveTo: from, updatedAt: ctx.now() }).where(eq(duesBases.id, prev.id));
    [row] = await tx.insert(duesBases).values(values).returning();
  }
  // 党费数额重新核定后，自新工资发放当月起按新标准交纳（第十条）：only bills still open change.
  const rebilled = await tx
    .update(duesBills)
    .set({
      standardFen: row.standardFen,
      dueFen: row.monthlyFen,
      status: row.monthlyFen === 0 ? 'waived' : 'unpaid',
      baseId: row.id,
      updatedAt: ctx.now(),
    })
    .where(
      and(
        eq(duesBills.memberId, m.id),
        gte(duesBills.month, from),
        next ? lt(duesBills.month, next.effectiveFrom) : undefined,
        inArray(duesBills.status, ['unpaid', 'waived']),
        sql`${duesBills.paymentId} IS NULL`,
      ),
    );
  const { baseEnc: _b, ...visible } = row;
  await audit(tx, ctx, {
    action: same ? 'dues.base.correct' : source === 'change' ? 'dues.base.change' : 'dues.base.declare',
    entityType: 'dues_base',
    entityId: row.id,
    orgId: m.orgId,
    before: same ? { ...same, baseEnc: undefined, base: same.baseEnc ? 'changed' : null } : undefined,
    after: { ...visible, base: input.baseFen ?? null },
  });
  return { row, rebilled: rebilled.rowCount ?? 0 };
}

const baseDto = (row: typeof duesBases.$inferSelect, rebilled: number) => ({
  id: row.id,
  memberId: row.memberId,
  effectiveFrom: row.effectiveFrom,
  effectiveTo: row.effectiveTo,
  category: row.category,
  source: row.source,
  standardFen: row.standardFen,
  monthlyFen: row.monthlyFen,
  rateBp: row.rateBp,
  ruleVersion: row.ruleVersion,
  basis: row.basis,
  hardshipKind: row.hardshipKind,
  rebilled,
});

/** Declares (January) or re-determines (a later month, on a salary change) a member's base. */
export async function declareBase(ctx: ActorCtx, input: BaseDeclareInput) {
  return ctx.db.transaction(async (tx) => {
    // Rows copy the member's org path: no org move may interleave (ARCHITECTURE.md §Org structure changes).
    await lockStructure(tx, 'shared');
    const m = await loadFor(ctx, MEMBERS, input.memberId, 'dues:collect', { db: tx, field: 'memberId' });
    if (m.status !== 'normal') throw invalid('memberId', `${m.name}党籍状态不正常，不能核定党费`);
    const source = input.fromMonth.endsWith('-01') ? 'declare' : 'change';
    const { row, rebilled } = await writeBase(tx, ctx, m, input, source);
    return baseDto(row, rebilled);
  });
}

/**
 * Members of an org subtree with the base in force for the year (the latest row starting in or
 * before December), masked unless revealed by someone holding members:read-sensitive (audited).
 */
export async function listBases(ctx: ActorCtx, q: BaseListQueryInput) {
  const org = await orgFor(ctx, q.orgId, 'dues:collect', { dissolved: true });
  const scope = scopeOf(ctx.actor, 'dues:collect');
  const where = and(
    inScope(members.orgPath, scope),
    sql`${members.orgPath} LIKE ${likePrefix(org.path)}`,
    eq(members.status, 'normal'),
    q.q
      ? sql`(${members.name} LIKE ${`%${q.q}%`} OR ${members.namePinyin} LIKE ${`${q.q.toLowerCase()}%`} OR ${members.nameInitials} LIKE ${`${q.q.toLowerCase()}%`})`
      : undefined,
  );
  const lastDay = `${q.year}-12-01`;
  const base = sql`(SELECT b.id FROM dues_bases b WHERE b.member_id = ${members.id} AND b.effective_from <= ${lastDay}::date ORDER BY b.effective_from DESC LIMIT 1)`;
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ m: members, orgName: orgs.name, b: duesBases })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .leftJoin(duesBases, eq(duesBases.id, base))
      .where(where)
      .orderBy(asc(members.orgPath), asc(members.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(members).where(where),
  ]);
  const items = rows.map(({ m, orgName, b }) => {
    const reveal = q.reveal && can(ctx.actor, 'members:read-sensitive', m.orgPath) && b?.baseEnc != null;
    return {
      memberId: m.id,
      memberName: m.name,
      memberCategory: m.category,
      orgId: m.orgId,
      orgName,
      baseId: b?.id ?? null,
      category: b?.category ?? null,
      baseFen: reveal && b?.baseEnc ? Number(ctx.ciphers.members.decrypt(b.baseEnc)) : null,
      baseMasked: b?.baseEnc ? '****' : null,
      standardFen: b?.standardFen ?? null,
      monthlyFen: b?.monthlyFen ?? null,
      rateBp: b?.rateBp ?? null,
      hardshipKind: b?.hardshipKind ?? null,
      effectiveFrom: b?.effectiveFrom ?? null,
      source: b?.source ?? null,
      ruleVersion: b?.ruleVersion ?? null,
      basis: b?.basis ?? null,
      declaredThisYear: b?.year === q.year,
    };
  });
  const revealed = items.filter((i) => i.baseFen !== null).map((i) => i.memberId);
  if (revealed.length) {
    await audit(ctx.db, ctx, { action: 'dues.base.read_sensitive', entityType: 'member', orgId: org.id, after: { memberIds: revealed } });
  }
  return { items, total };
}

/** The history of a member's bases (standards only; the base stays masked). */
export async function memberBases(ctx: ActorCtx, memberId: number) {
  const m = await loadFor(ctx, MEMBERS, memberId, 'dues:collect', { field: 'memberId' });
  const rows = await ctx.db.select().from(duesBases).where(eq(duesBases.memberId, m.id)).orderBy(desc(duesBases.effectiveFrom));
  return rows.map((r) => baseDto(r, 0));
}

/** The base row in force for a member in a month, if any. */
export async function baseFor(db: DbOrTx, memberId: number, monthFirstDay: string) {
  const [row] = await db
    .select()
    .from(duesBases)
    .where(and(eq(duesBases.memberId, memberId), sql`${duesBases.effectiveFrom} <= ${monthFirstDay}::date`))
    .orderBy(desc(duesBases.effectiveFrom))
    .limit(1);
  return row;
}
