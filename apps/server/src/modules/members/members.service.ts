import {
  ageOn,
  checkMemberFacts,
  chinaDay,
  type MaskKind,
  MEMBER_CATEGORIES,
  MEMBER_STATUSES,
  type MemberCategory,
  type MemberStatus,
  maskAs,
  partyAge,
} from '@vanguard/shared';
import type { MemberCreateInput, MemberDto, MemberListQuery, MemberUpdateInput } from '@vanguard/shared/api/members';
import { eq } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { memberStatusHistory, members, orgs } from '../../db/schema/index.js';
import { assertCan, covers, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { AppError, notFound } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { findMember, listMembers as listRows, listScope, type MemberRow, sensitiveSearchKind } from './members.repository.js';

/** Full pinyin and initials, surname readings first (单 → shan, 曾 → zeng). */
export function namePinyin(name: string): { namePinyin: string; nameInitials: string } {
  const full = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' });
  return {
    namePinyin: full.join('').toLowerCase(),
    nameInitials: full
      .map((s) => s[0] ?? '')
      .join('')
      .toLowerCase(),
  };
}

function open(cipher: FieldCipher, value: string | null, reveal: boolean, kind: MaskKind): string | null {
  if (!value) return null;
  const plain = cipher.decrypt(value);
  return reveal ? plain : maskAs(kind, plain);
}

/** `self`: the member's own record (their birth date is theirs to see). */
export function toDto(row: MemberRow, cipher: FieldCipher, reveal: boolean, today: string, self = false): MemberDto {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    name: row.name,
    sex: row.sex,
    ethnicity: row.ethnicity,
    // The masking policy (packages/shared/src/masking.ts): where the ID number is masked, the age alone.
    birthDate: reveal || self || !row.idNumberEnc ? row.birthDate : null,
    age: ageOn(row.birthDate, today),
    idNumber: open(cipher, row.idNumberEnc, reveal, 'idNumber'),
    nativePlace: row.nativePlace,
    education: row.education,
    degree: row.degree,
    post: row.post,
    jobTitle: row.jobTitle,
    phone: open(cipher, row.phoneEnc, reveal, 'phone'),
    address: open(cipher, row.addressEnc, reveal, 'address'),
    health: reveal ? open(cipher, row.healthEnc, true, 'health') : row.healthEnc ? maskAs('health', 'x') : null,
    category: row.category,
    categoryName: MEMBER_CATEGORIES[row.category as MemberCategory] ?? row.category,
    status: row.status,
    statusName: MEMBER_STATUSES[row.status as MemberStatus] ?? row.status,
    appliedOn: row.appliedOn,
    admittedOn: row.admittedOn,
    fullOn: row.fullOn,
    joinedWorkOn: row.joinedWorkOn,
    partyAge: partyAge(row.fullOn, today),
    labels: row.labels,
    // The address changes with the photo, so a new photo is never an old cached one.
    photoUrl: row.photoFileId ? `/api/v1/members/${row.id}/photo?v=${row.photoFileId.slice(0, 8)}` : null,
    revealed: reveal,
  };
}

/** Scoped list. Masked unless `reveal` is asked by someone allowed; an unmasked list is audited. */
export async function listMembers(ctx: ActorCtx, q: MemberListQuery) {
  const scope = listScope(ctx.actor, q.q);
  let subtreePath: string | undefined;
  if (q.orgId) {
    const [org] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, q.orgId));
    if (!org) throw notFound('该组织');
    assertCan(ctx.actor, 'members:read', org.path, '该组织');
    subtreePath = org.path;
  }
  const today = chinaDay(ctx.now());
  const cipher = ctx.ciphers.members;
  const { rows, total } = await listRows(ctx.db, scope, q, { cipher, subtreePath, today });
  const sensitive = scopeOf(ctx.actor, 'members:read-sensitive');
  const items = rows.map((r) => toDto(r, cipher, q.reveal && covers(sensitive, r.orgPath), today));
  const revealed = items.filter((i) => i.revealed).map((i) => i.id);
  const searched = sensitiveSearchKind(q.q);
  if (searched) {
    // The value itself is not kept (the audit hides ID numbers and phones); what was looked for and what matched is.
    await audit(ctx.db, ctx, {
      action: 'member.search_sensitive',
      entityType: 'member',
      after: { kind: searched, matched: items.map((i) => i.id) },
    });
  }
  if (revealed.length) {
    await audit(ctx.db, ctx, { action: 'member.read_sensitive', entityType: 'member', after: { memberIds: revealed, view: 'list' } });
  }
  return { items, total };
}

/** One member: 404 outside scope; sensitive fields masked unless revealed (403 without the permission; audited). */
export async function getMember(ctx: ActorCtx, id: number, reveal: boolean): Promise<MemberDto> {
  const row = await findMember(ctx.db, id);
  if (!row) throw notFound('该党员');
  assertCan(ctx.actor, 'members:read', row.orgPath, '该党员');
  if (reveal) {
    assertCan(ctx.actor, 'members:read-sensitive', row.orgPath, '该党员');
    await audit(ctx.db, ctx, {
      action: 'member.read_sensitive',
      entityType: 'member',
      entityId: id,
      orgId: row.orgId,
      after: { view: 'detail' },
    });
  }
  return toDto(row, ctx.ciphers.members, reveal, chinaDay(ctx.now()));
}

function factsOrThrow(input: Parameters<typeof checkMemberFacts>[0]) {
  const problems = checkMemberFacts(input);
  if (problems.length) throw new AppError('VALIDATION', undefined, problems);
}

/** The encrypted columns and blind indexes for the sensitive fields that were given. */
function sealed(cipher: FieldCipher, input: Partial<MemberCreateInput>) {
  const out: Partial<typeof members.$inferInsert> = {};
  if (input.idNumber !== undefined) {
    out.idNumberEnc = input.idNumber ? cipher.encrypt(input.idNumber) : null;
    out.idNumberBi = input.idNumber ? cipher.blindIndex(input.idNumber) : null;
  }
  if (input.phone !== undefined) {
    out.phoneEnc = input.phone ? cipher.encrypt(input.phone) : null;
    out.phoneBi = input.phone ? cipher.blindIndex(input.phone) : null;
  }
  if (input.address !== undefined) out.addressEnc = input.address ? cipher.encrypt(input.address) : null;
  if (input.health !== undefined) out.healthEnc = input.health ? cipher.encrypt(input.health) : null;
  return out;
}

async function assertIdNumberFree(ctx: ActorCtx, idNumber: string | null | undefined, exceptId?: number) {
  if (!idNumber) return;
  const [dup] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(eq(members.idNumberBi, ctx.ciphers.members.blindIndex(idNumber)));
  if (dup && dup.id !== exceptId) {
    throw new AppError('CONFLICT', '该身份证号已在党员档案中', [{ path: 'idNumber', message: '该身份证号已在党员档案中' }]);
  }
}

/** Adds a member to an org the actor may edit. */
export async function createMember(ctx: ActorCtx, input: MemberCreateInput): Promise<MemberDto> {
  factsOrThrow(input);
  await assertIdNumberFree(ctx, input.idNumber);
  const { orgId, idNumber, phone, address, health, ...plain } = input;
  const id = await ctx.db.transaction(async (tx) => {
    // The org's path is copied into the row: hold the structure lock (shared) so a concurrent
    // move cannot leave this member on the old path.
    await lockStructure(tx, 'shared');
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId));
    if (!org || org.dissolvedAt) throw new AppError('VALIDATION', undefined, [{ path: 'orgId', message: '组织不存在' }]);
    assertCan(ctx.actor, 'members:write', org.path, '该组织');
    const [row] = await tx
      .insert(members)
      .values({
        ...plain,
        orgId,
        orgPath: org.path,
        ...namePinyin(input.name),
        ...sealed(ctx.ciphers.members, { idNumber, phone, address, health }),
      })
      .returning({ id: members.id });
    await tx.insert(memberStatusHistory).values({
      memberId: row.id,
      field: 'category',
      toValue: input.category,
      effectiveOn: input.fullOn ?? input.admittedOn ?? chinaDay(ctx.now()),
      reason: '建档',
      actorId: ctx.actor.userId,
    });
    await audit(tx, ctx, { action: 'member.create', entityType: 'member', entityId: row.id, orgId, after: input });
    return row.id;
  });
  return getMember(ctx, id, false);
}

/** Edits a member; a change of category or status is kept in the status history with its reason. */
export async function updateMember(ctx: ActorCtx, id: number, input: MemberUpdateInput): Promise<MemberDto> {
  const before = await findMember(ctx.db, id);
  if (!before) throw notFound('该党员');
  assertCan(ctx.actor, 'members:write', before.orgPath, '该党员');
  const { reason, idNumber, phone, address, health, ...plain } = input;
  const merged = {
    ...before,
    ...plain,
    idNumber: idNumber === undefined ? (before.idNumberEnc ? ctx.ciphers.members.decrypt(before.idNumberEnc) : null) : idNumber,
  };
  factsOrThrow(merged);
  await assertIdNumberFree(ctx, idNumber, id);
  const today = chinaDay(ctx.now());
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(members)
      .set({
        ...plain,
        ...(plain.name ? namePinyin(plain.name) : {}),
        ...sealed(ctx.ciphers.members, { idNumber, phone, address, health }),
        updatedAt: ctx.now(),
      })
      .where(eq(members.id, id));
    for (const field of ['category', 'status'] as const) {
      const to = plain[field];
      if (to && to !== before[field]) {
        await tx.insert(memberStatusHistory).values({
          memberId: id,
          field,
          fromValue: before[field],
          toValue: to,
          effectiveOn: today,
          reason: reason ?? null,
          actorId: ctx.actor.userId,
        });
      }
    }
    const changed = Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'reason'));
    const was = Object.fromEntries(Object.keys(changed).map((k) => [k, (before as Record<string, unknown>)[k] ?? null]));
    await audit(tx, ctx, {
      action: 'member.update',
      entityType: 'member',
      entityId: id,
      orgId: before.orgId,
      before: was,
      after: { ...changed, reason },
    });
  });
  return getMember(ctx, id, false);
}
