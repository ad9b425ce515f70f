import { ageOn, checkMemberFacts, chinaDay, isLetterExpired, letterValidUntil } from '@vanguard/shared';
import type { IncomingInput, LetterDto } from '@vanguard/shared/api/relations';
import { and, eq, sql } from 'drizzle-orm';
import { memberStatusHistory, members, orgs, relationLetters } from '../../db/schema/index.js';
import { assertCan } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { namePinyin } from '../members/index.js';
import { getLetter } from './letters.service.js';
import { committeeOf, groupPrefix } from './relations.repository.js';

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
