import {
  ageOn,
  capitalDate,
  capitalNumber,
  capitalYearMonth,
  checkMemberFacts,
  chinaDay,
  defaultValidityDays,
  isLetterExpired,
  isReceiptOverdue,
  letterValidUntil,
  MEMBER_CATEGORIES,
  receiptDueOn,
  relationRulesetOn,
} from '@vanguard/shared';
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { memberStatusHistory, members, orgs, relationLetters, relationTransfers } from '../../db/schema/index.js';
import { assertCan, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { mask } from '../../platform/crypto/fields.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { lastPaidDuesMonths } from '../dues/index.js';
import { namePinyin } from '../members/index.js';
import { committeeOf, groupPrefix, nextLetterSeq } from './relations.repository.js';
import type { IncomingInput, LetterDto, LetterIssueInput, LetterListQuery, ReceiptInput } from './relations.schemas.js';

type LetterRow = typeof relationLetters.$inferSelect;

export const LETTER_STATUSES: Record<string, string> = {
  issued: '已开具，待回执',
  received: '回执已收到',
  void: '已作废（已重新开具）',
  registered: '已报到登记',
};

/** The letter as the print view and the lists need it: capital numerals, validity and receipt flags. */
function toDto(ctx: ActorCtx, r: LetterRow, reveal: boolean): LetterDto {
  const today = chinaDay(ctx.now());
  const rs = relationRulesetOn(r.issuedOn);
  const open = r.direction === 'out' && r.status === 'issued';
  const decrypt = (v: string | null) => (v ? ctx.ciphers.members.decrypt(v) : null);
  const id = decrypt(r.idNumberEnc);
  const phone = decrypt(r.memberPhoneEnc);
  return {
    id: r.id,
    direction: r.direction,
    number: r.number,
    status: r.status,
    statusName: LETTER_STATUSES[r.status] ?? r.status,
    memberId: r.memberId,
    transferId: r.transferId,
    orgId: r.orgId,
    committeeName: r.committeeName,
    addressee: r.addressee,
    name: r.name,
    sex: r.sex,
    age: r.age,
    ethnicity: r.ethnicity,
    category: r.category,
    categoryName: MEMBER_CATEGORIES[r.category as keyof typeof MEMBER_CATEGORIES] ?? r.category,
    idNumber: reveal ? id : mask(id, 6, 4),
    memberPhone: reveal ? phone : mask(phone, 3, 4),
    fromOrgName: r.fromOrgName,
    toOrgName: r.toOrgName,
    duesPaidTo: r.duesPaidTo,
    duesPaidToCapital: capitalYearMonth(r.duesPaidTo),
    validityDays: r.validityDays,
    validityDaysCapital: capitalNumber(r.validityDays),
    issuedOn: r.issuedOn,
    issuedOnCapital: capitalDate(r.issuedOn),
    validUntil: letterValidUntil(r.issuedOn, r.validityDays),
    receiptDueOn: receiptDueOn(r.issuedOn, rs),
    committeeAddress: r.committeeAddress,
    committeePhone: r.committeePhone,
    committeeFax: r.committeeFax,
    committeePostcode: r.committeePostcode,
    receiptOn: r.receiptOn,
    receiptOnCapital: r.receiptOn ? capitalDate(r.receiptOn) : null,
    receiptOrgName: r.receiptOrgName,
    receiptHandler: r.receiptHandler,
    receiptNote: r.receiptNote,
    reissueOfId: r.reissueOfId,
    isExpired: open && isLetterExpired(r.issuedOn, r.validityDays, today),
    isReceiptOverdue: open && isReceiptOverdue(r.issuedOn, r.receiptOn, today, rs),
    source: rs.letterSource,
  };
}

/** One letter (404 outside scope). `reveal` shows the ID number and phone for printing: members:read-sensitive, audited. */
export async function getLetter(ctx: ActorCtx, id: number, reveal: boolean): Promise<LetterDto> {
  const [r] = await ctx.db.select().from(relationLetters).where(eq(relationLetters.id, id));
  if (!r) throw notFound('该介绍信');
  assertCan(ctx.actor, 'members:read', r.orgPath, '该介绍信');
  if (reveal) {
    assertCan(ctx.actor, 'members:read-sensitive', r.orgPath, '该介绍信');
    await audit(ctx.db, ctx, {
      action: 'relation.letter_print',
      entityType: 'relation_letter',
      entityId: id,
      orgId: r.orgId,
      after: { view: 'print' },
    });
  }
  return toDto(ctx, r, reveal);
}

/** SQL twins of isLetterExpired / isReceiptOverdue for list filters (same calendar arithmetic). */
const expiredSql = (today: string) => sql`(${relationLetters.issuedOn} + (${relationLetters.validityDays} - 1)) < ${today}::date`;
const overdueSql = (today: string, months: number) =>
  sql`(${relationLetters.issuedOn} + make_interval(months => ${months}))::date <= ${today}::date`;

export async function listLetters(ctx: ActorCtx, q: LetterListQuery) {
  const today = chinaDay(ctx.now());
  const rs = relationRulesetOn(today);
  const open = eq(relationLetters.status, 'issued');
  const where = and(
    inScope(relationLetters.orgPath, scopeOf(ctx.actor, 'members:read')),
    eq(relationLetters.direction, q.direction),
    q.filter === 'open' ? open : undefined,
    q.filter === 'attention' ? and(open, sql`(${expiredSql(today)} OR ${overdueSql(today, rs.receiptMonths)})`) : undefined,
  ) as SQL;
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(relationLetters)
      .where(where)
      .orderBy(desc(relationLetters.issuedOn), desc(relationLetters.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(relationLetters).where(where),
  ]);
  return { items: rows.map((r) => toDto(ctx, r, false)), total };
}

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
    const [m] = await tx.select().from(members).where(eq(members.id, input.memberId)).for('update');
    if (!m) throw notFound('该党员');
    assertCan(ctx.actor, 'members:write', m.orgPath, '该党员');
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
    const [old] = await tx.select().from(relationLetters).where(eq(relationLetters.id, id)).for('update');
    if (old?.direction !== 'out') throw notFound('该介绍信');
    assertCan(ctx.actor, 'members:write', old.orgPath, '该介绍信');
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

/**
 * Records a returned receipt by the letter's number. A number this committee never issued (or one
 * outside the actor's scope) is refused with the number named; nothing is written.
 */
export async function recordReceipt(ctx: ActorCtx, input: ReceiptInput): Promise<LetterDto> {
  const today = chinaDay(ctx.now());
  const id = await ctx.db.transaction(async (tx) => {
    const [l] = await tx
      .select()
      .from(relationLetters)
      .where(
        and(
          eq(relationLetters.number, input.number),
          eq(relationLetters.direction, 'out'),
          inScope(relationLetters.orgPath, scopeOf(ctx.actor, 'members:write')),
        ),
      )
      .orderBy(desc(relationLetters.id))
      .limit(1)
      .for('update');
    if (!l) {
      // Outside the actor's scope or never issued: the same answer (404), naming the number.
      const message = `未找到编号为 ${input.number} 的介绍信：本党委没有开具过该介绍信，请核对回执上的编号`;
      throw new AppError('NOT_FOUND', message, [{ path: 'number', message }]);
    }
    if (l.status === 'received') throw conflict(`编号 ${l.number} 的介绍信回执已于 ${l.receiptOn} 登记`);
    if (l.status === 'void') throw conflict(`编号 ${l.number} 的介绍信已作废（已重新开具），请核对回执上的编号`);
    if (input.receiptOn < l.issuedOn) throw invalid('receiptOn', `回执日期不能早于介绍信开具日期 ${l.issuedOn}`);
    if (input.receiptOn > today) throw invalid('receiptOn', '回执日期不能晚于今天');
    const now = ctx.now();
    const [after] = await tx
      .update(relationLetters)
      .set({
        status: 'received',
        receiptOn: input.receiptOn,
        receiptOrgName: input.receiptOrgName,
        receiptHandler: input.receiptHandler ?? null,
        receiptNote: input.note ?? null,
        updatedAt: now,
      })
      .where(eq(relationLetters.id, l.id))
      .returning();
    if (l.transferId) {
      await tx
        .update(relationTransfers)
        .set({ status: 'completed', effectiveOn: input.receiptOn, decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now })
        .where(eq(relationTransfers.id, l.transferId));
    }
    if (l.memberId) {
      // The member leaves the roll the day the receipt says they reported (until then the issuer is
      // responsible for them, 组通字〔2006〕45号): status 转出, with both history rows in the archive.
      const [m] = await tx.select({ status: members.status }).from(members).where(eq(members.id, l.memberId)).for('update');
      const reason = `组织关系介绍信 ${l.number} 号回执已收到（${input.receiptOrgName}）`;
      await tx.insert(memberStatusHistory).values({
        memberId: l.memberId,
        field: 'org',
        fromValue: l.fromOrgName,
        toValue: `转出至${l.toOrgName}`,
        effectiveOn: input.receiptOn,
        reason,
        actorId: ctx.actor.userId,
      });
      if (m?.status === 'normal') {
        await tx.update(members).set({ status: 'transferred_out', updatedAt: now }).where(eq(members.id, l.memberId));
        await tx.insert(memberStatusHistory).values({
          memberId: l.memberId,
          field: 'status',
          fromValue: m.status,
          toValue: 'transferred_out',
          effectiveOn: input.receiptOn,
          reason: `组织关系转出至${l.toOrgName}，${reason}`,
          actorId: ctx.actor.userId,
        });
      }
    }
    await tx.execute(sql`UPDATE todos SET done_at = ${now} WHERE source_key LIKE ${`letter:${l.id}:%`} AND done_at IS NULL`);
    await audit(tx, ctx, {
      action: 'relation.letter_receipt',
      entityType: 'relation_letter',
      entityId: l.id,
      orgId: l.orgId,
      before: { status: l.status },
      after: { status: after.status, receiptOn: after.receiptOn, receiptOrgName: after.receiptOrgName },
    });
    return l.id;
  });
  return getLetter(ctx, id, false);
}

/**
 * Registers a member arriving with a letter from outside: the archive is created in the receiving
 * branch (with its history), and the letter is kept so the receipt (回执) can be printed and sent
 * back. A letter past its validity on the day of reporting is refused (the member must have it
 * re-issued), as is a letter already registered.
 */
export async function registerIncoming(ctx: ActorCtx, input: IncomingInput): Promise<LetterDto> {
  const today = chinaDay(ctx.now());
  if (input.reportedOn > today) throw invalid('reportedOn', '报到日期不能晚于今天');
  if (input.reportedOn < input.issuedOn) throw invalid('reportedOn', '报到日期不能早于介绍信开具日期');
  if (isLetterExpired(input.issuedOn, input.validityDays, input.reportedOn)) {
    throw invalid(
      'issuedOn',
      `介绍信已过有效期（至 ${letterValidUntil(input.issuedOn, input.validityDays)}），请党员到原党组织重新开具后再报到`,
    );
  }
  const problems = checkMemberFacts({ ...input, appliedOn: null });
  if (problems.length) throw new AppError('VALIDATION', undefined, problems);
  const cipher = ctx.ciphers.members;
  const id = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId));
    if (!org || org.dissolvedAt) throw invalid('orgId', '接收的党支部不存在');
    assertCan(ctx.actor, 'members:write', org.path, '该组织');
    const [dupLetter] = await tx
      .select({ id: relationLetters.id })
      .from(relationLetters)
      .where(
        and(
          eq(relationLetters.direction, 'in'),
          eq(relationLetters.number, input.number),
          eq(relationLetters.committeeName, input.issuingCommittee),
          sql`${relationLetters.orgPath} LIKE ${`${groupPrefix(org.path)}%`}`,
        ),
      );
    if (dupLetter) throw conflict(`${input.issuingCommittee}编号 ${input.number} 的介绍信已登记过`);
    if (input.idNumber) {
      const [dup] = await tx
        .select({ id: members.id })
        .from(members)
        .where(eq(members.idNumberBi, cipher.blindIndex(input.idNumber)));
      if (dup) throw new AppError('CONFLICT', '该身份证号已在党员档案中', [{ path: 'idNumber', message: '该身份证号已在党员档案中' }]);
    }
    const [m] = await tx
      .insert(members)
      .values({
        orgId: org.id,
        orgPath: org.path,
        name: input.name,
        sex: input.sex,
        ethnicity: input.ethnicity,
        birthDate: input.birthDate,
        category: input.category,
        admittedOn: input.admittedOn,
        fullOn: input.fullOn ?? null,
        ...namePinyin(input.name),
        idNumberEnc: input.idNumber ? cipher.encrypt(input.idNumber) : null,
        idNumberBi: input.idNumber ? cipher.blindIndex(input.idNumber) : null,
        phoneEnc: input.phone ? cipher.encrypt(input.phone) : null,
        phoneBi: input.phone ? cipher.blindIndex(input.phone) : null,
      })
      .returning();
    const committee = await committeeOf(tx, org.path);
    const [letter] = await tx
      .insert(relationLetters)
      .values({
        direction: 'in',
        memberId: m.id,
        orgId: org.id,
        orgPath: org.path,
        committeeId: committee.id,
        committeeName: input.issuingCommittee,
        number: input.number,
        addressee: committee.name,
        name: m.name,
        sex: m.sex,
        age: ageOn(m.birthDate, input.reportedOn),
        ethnicity: m.ethnicity,
        category: m.category,
        idNumberEnc: m.idNumberEnc,
        memberPhoneEnc: m.phoneEnc,
        fromOrgName: input.fromOrgName,
        toOrgName: org.name,
        duesPaidTo: input.duesPaidTo,
        validityDays: input.validityDays,
        issuedOn: input.issuedOn,
        status: 'registered',
        receiptOn: input.reportedOn,
        receiptOrgName: committee.name,
        receiptHandler: ctx.actor.displayName,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await tx.insert(memberStatusHistory).values([
      {
        memberId: m.id,
        field: 'category',
        toValue: m.category,
        effectiveOn: input.fullOn ?? input.admittedOn,
        reason: '凭组织关系介绍信转入建档',
        actorId: ctx.actor.userId,
      },
      {
        memberId: m.id,
        field: 'org',
        fromValue: input.fromOrgName,
        toValue: org.name,
        effectiveOn: input.reportedOn,
        reason: `持${input.issuingCommittee}介绍信 ${input.number} 号报到`,
        actorId: ctx.actor.userId,
      },
    ]);
    await audit(tx, ctx, {
      action: 'relation.letter_register_incoming',
      entityType: 'relation_letter',
      entityId: letter.id,
      orgId: org.id,
      after: { memberId: m.id, number: input.number, issuingCommittee: input.issuingCommittee, reportedOn: input.reportedOn },
    });
    return letter.id;
  });
  return getLetter(ctx, id, false);
}
