import {
  capitalDate,
  capitalNumber,
  capitalYearMonth,
  chinaDay,
  isLetterExpired,
  isReceiptOverdue,
  letterValidUntil,
  MEMBER_CATEGORIES,
  maskAs,
  receiptDueOn,
  relationRulesetOn,
} from '@vanguard/shared';
import type { LetterDto, LetterListQuery } from '@vanguard/shared/api/relations';
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { relationLetters } from '../../db/schema/index.js';
import { assertCan, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';

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
    idNumber: reveal ? id : maskAs('idNumber', id),
    memberPhone: reveal ? phone : maskAs('phone', phone),
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

/** Letters in scope, one direction, newest first; `attention` = open and expired or past the receipt's due date. */
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
