import { ageOn, chinaDay, defaultValidityDays, isLetterExpired, letterValidUntil, relationRulesetOn } from '@vanguard/shared';
import type { LetterDto, LetterIssueInput } from '@vanguard/shared/api/relations';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { orgs, relationLetters, relationTransfers } from '../../db/schema/index.js';
import { LETTERS, MEMBERS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { lastPaidDuesMonths } from '../dues/index.js';
import { getLetter, LETTER_STATUSES } from './letters.service.js';
import { committeeOf, nextLetterSeq } from './relations.repository.js';

/** The committee's contact lines, from its last letter when not given (they rarely change). */
async function committeeContacts(tx: Tx, committeeId: number, input: Partial<LetterIssueInput>) {
  const [last] = await tx
    .select()
    .from(relationLetters)
    .where(and(eq(relationLetters.committeeId, committeeId), eq(relationLetters.direction, 'out')))
    .orderBy(desc(relationLetters.id))
    .limit(1);
  const pick = (v: string | null | undefined, prev: string | null | undefined) => (v === undefined ? (prev ?? null) : v);
  return {
    committeeAddress: pick(input.committeeAddress, last?.committeeAddress),
    committeePhone: pick(input.committeePhone, last?.committeePhone),
    committeeFax: pick(input.committeeFax, last?.committeeFax),
    committeePostcode: pick(input.committeePostcode, last?.committeePostcode),
  };
}

/** Numbers a new letter of the committee: `2026-007` (sequence per committee per year, gap-free). */
async function numberFor(tx: Tx, committeeId: number, today: string, now: Date) {
  const year = Number(today.slice(0, 4));
  const seq = await nextLetterSeq(tx, committeeId, year, now);
  return { year, seq, number: `${year}-${String(seq).padStart(3, '0')}` };
}

/**
 * Issues a 党员组织关系介绍信 for a member leaving the system (or answers a member's request with
 * one). The member stays on the roll until the receipt comes back (the issuer remains responsible
 * until the member reports, 组通字〔2006〕45号); the transfer counts as active meanwhile.
 */
export async function issueLetter(ctx: ActorCtx, input: LetterIssueInput): Promise<LetterDto> {
  const today = chinaDay(ctx.now());
  const rs = relationRulesetOn(today);
  const validityDays = input.validityDays ?? defaultValidityDays(input.withinGroup, rs);
  if (validityDays > rs.letterValidityDays.max) throw invalid('validityDays', `有效期最长不超过 ${rs.letterValidityDays.max} 天`);
  const id = await ctx.db.transaction(async (tx) => {
    const m = await loadFor(ctx, MEMBERS, input.memberId, 'members:write', { db: tx, lock: true });
    if (m.status !== 'normal') throw invalid('memberId', `${m.name}党籍状态不正常，不能开具介绍信`);
    const [active] = await tx
      .select()
      .from(relationTransfers)
      .where(and(eq(relationTransfers.memberId, m.id), sql`${relationTransfers.status} IN ('requested', 'pending', 'letter_issued')`))
      .for('update');
    if (active && !(input.transferId === active.id && active.status === 'requested')) {
      throw conflict(`${m.name}已有正在办理的组织关系转接，不能重复开具介绍信`, { transferId: active.id });
    }
    if (input.transferId !== undefined && !active) throw invalid('transferId', '该转接申请不存在或已处理');
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, m.orgId));
    const committee = await committeeOf(tx, org.path);
    const now = ctx.now();
    // 党费交至: as entered, else the last month the dues ledger shows settled.
    const duesPaidTo = input.duesPaidTo ?? (await lastPaidDuesMonths(tx, [m.id])).get(m.id);
    if (!duesPaidTo) throw invalid('duesPaidTo', '党费台账中没有该党员的缴费记录，请填写党费交至年月');
    const num = await numberFor(tx, committee.id, today, now);
    const [letter] = await tx
      .insert(relationLetters)
      .values({
        direction: 'out',
        memberId: m.id,
        orgId: org.id,
        orgPath: org.path,
        committeeId: committee.id,
        committeeName: committee.name,
        ...num,
        addressee: input.addressee,
        name: m.name,
        sex: m.sex,
        age: ageOn(m.birthDate, today),
        ethnicity: m.ethnicity,
        category: m.category,
        idNumberEnc: m.idNumberEnc,
        memberPhoneEnc: input.memberPhone ? ctx.ciphers.members.encrypt(input.memberPhone) : m.phoneEnc,
        fromOrgName: `${committee.name}${org.id === committee.id ? '' : org.name}`,
        toOrgName: input.toOrgName,
        duesPaidTo,
        validityDays,
        issuedOn: today,
        ...(await committeeContacts(tx, committee.id, input)),
        status: 'issued',
        createdBy: ctx.actor.userId,
      })
      .returning();
    const transfer = {
      kind: 'letter',
      status: 'letter_issued',
      toOrgId: null,
      toOrgName: input.toOrgName,
      letterId: letter.id,
      startedBy: ctx.actor.userId,
      startedAt: now,
      updatedAt: now,
    };
    let transferId: number;
    if (active) {
      await tx.update(relationTransfers).set(transfer).where(eq(relationTransfers.id, active.id));
      await tx.execute(sql`UPDATE todos SET done_at = ${now} WHERE source_key = ${`transfer:${active.id}:request`} AND done_at IS NULL`);
      transferId = active.id;
    } else {
      const [t] = await tx
        .insert(relationTransfers)
        .values({ ...transfer, memberId: m.id, orgId: org.id, orgPath: org.path, fromOrgName: org.name, reason: input.reason })
        .returning({ id: relationTransfers.id });
      transferId = t.id;
    }
    await tx.update(relationLetters).set({ transferId }).where(eq(relationLetters.id, letter.id));
    await audit(tx, ctx, {
      action: 'relation.letter_issue',
      entityType: 'relation_letter',
      entityId: letter.id,
      orgId: org.id,
      after: { ...letter, transferId, reason: input.reason },
    });
    return letter.id;
  });
  return getLetter(ctx, id, false);
}

/**
 * Re-issues a letter past its validity (the member did not report in time): a new number, today's
 * date, the same facts; the old letter is void. Refused while the old one is still valid.
 */
export async function reissueLetter(ctx: ActorCtx, id: number, validityDays?: number): Promise<LetterDto> {
  const today = chinaDay(ctx.now());
  const newId = await ctx.db.transaction(async (tx) => {
    const old = await loadFor(ctx, LETTERS, id, 'members:write', { db: tx, lock: true, where: eq(relationLetters.direction, 'out') });
    if (old.status !== 'issued') throw conflict(`该介绍信${LETTER_STATUSES[old.status]}，不能重新开具`);
    if (!isLetterExpired(old.issuedOn, old.validityDays, today)) {
      throw conflict(`该介绍信尚在有效期内（至 ${letterValidUntil(old.issuedOn, old.validityDays)}），无需重新开具`);
    }
    const rs = relationRulesetOn(today);
    const days = validityDays ?? old.validityDays;
    if (days > rs.letterValidityDays.max) throw invalid('validityDays', `有效期最长不超过 ${rs.letterValidityDays.max} 天`);
    const now = ctx.now();
    const num = await numberFor(tx, old.committeeId, today, now);
    const { id: _id, createdAt: _c, updatedAt: _u, ...facts } = old;
    const [letter] = await tx
      .insert(relationLetters)
      .values({ ...facts, ...num, issuedOn: today, validityDays: days, status: 'issued', reissueOfId: old.id, createdBy: ctx.actor.userId })
      .returning();
    await tx.update(relationLetters).set({ status: 'void', voidedOn: today, updatedAt: now }).where(eq(relationLetters.id, old.id));
    if (old.transferId) {
      await tx.update(relationTransfers).set({ letterId: letter.id, updatedAt: now }).where(eq(relationTransfers.id, old.transferId));
    }
    await audit(tx, ctx, {
      action: 'relation.letter_reissue',
      entityType: 'relation_letter',
      entityId: letter.id,
      orgId: old.orgId,
      before: { id: old.id, number: old.number, status: old.status },
      after: { id: letter.id, number: letter.number, validityDays: days },
    });
    return letter.id;
  });
  return getLetter(ctx, newId, false);
}
