import {
  MEMBER_RECORD_KINDS,
  type MemberHistoryDto,
  type MemberRecordDto,
  type MemberRecordInput,
  type MemberRecordKind,
} from '@vanguard/shared';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { files, memberRecords, memberStatusHistory, members, users } from '../../db/schema/index.js';
import { MEMBERS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { assertCan, can } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';

type RecordRow = typeof memberRecords.$inferSelect;
type Detail = Pick<MemberRecordDto, 'issuer' | 'relation' | 'hours' | 'docNo' | 'note'>;
const EMPTY_DETAIL: Detail = { issuer: null, relation: null, hours: null, docNo: null, note: null };
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** Splits an input into its stored columns: a sensitive kind keeps title and detail only encrypted. */
function stored(ctx: ActorCtx, input: MemberRecordInput) {
  const { kind, title, startedOn, endedOn, ...rest } = input;
  const detail: Detail = { ...EMPTY_DETAIL, ...rest };
  const base = { kind, startedOn: startedOn ?? null, endedOn: endedOn ?? null };
  if (!MEMBER_RECORD_KINDS[kind].sensitive) return { ...base, title, detail, detailEnc: null };
  return { ...base, title: '', detail: {}, detailEnc: ctx.ciphers.members.encrypt(JSON.stringify({ title, ...detail })) };
}

function toDto(ctx: ActorCtx, row: RecordRow, reveal: boolean): MemberRecordDto {
  const base = { id: row.id, kind: row.kind as MemberRecordDto['kind'], startedOn: row.startedOn, endedOn: row.endedOn };
  if (!row.detailEnc) return { ...base, title: row.title, ...EMPTY_DETAIL, ...(row.detail as Partial<Detail>), hidden: false };
  if (!reveal) return { ...base, title: '***', ...EMPTY_DETAIL, hidden: true };
  const { title, ...detail } = JSON.parse(ctx.ciphers.members.decrypt(row.detailEnc)) as Detail & { title: string };
  return { ...base, title, ...EMPTY_DETAIL, ...detail, hidden: false };
}

/**
 * The member's sub-records, oldest first within each kind. Discipline records come hidden unless
 * `reveal` is asked by someone holding members:read-sensitive; a revealing read is audited.
 */
export async function listRecords(ctx: ActorCtx, memberId: number, reveal: boolean): Promise<MemberRecordDto[]> {
  const m = await loadFor(ctx, MEMBERS, memberId, 'members:read');
  if (reveal) assertCan(ctx.actor, 'members:read-sensitive', m.orgPath, '该党员');
  const rows = await ctx.db
    .select()
    .from(memberRecords)
    .where(eq(memberRecords.memberId, memberId))
    .orderBy(asc(memberRecords.kind), sql`${memberRecords.startedOn} NULLS LAST`, asc(memberRecords.id));
  if (reveal && rows.some((r) => r.detailEnc)) {
    await audit(ctx.db, ctx, {
      action: 'member.read_sensitive',
      entityType: 'member',
      entityId: memberId,
      orgId: m.orgId,
      after: { view: 'records' },
    });
  }
  return rows.map((r) => toDto(ctx, r, reveal));
}

/** Only someone who may read sensitive fields may write a sensitive kind (they would see it). */
function assertMayWriteKind(ctx: ActorCtx, kind: MemberRecordInput['kind'], orgPath: string) {
  if (MEMBER_RECORD_KINDS[kind].sensitive && !can(ctx.actor, 'members:read-sensitive', orgPath)) {
    throw new AppError('FORBIDDEN', '维护惩处记录需要“查看敏感信息”权限');
  }
}

export async function addRecord(ctx: ActorCtx, memberId: number, input: MemberRecordInput): Promise<MemberRecordDto> {
  const m = await loadFor(ctx, MEMBERS, memberId, 'members:write');
  assertMayWriteKind(ctx, input.kind, m.orgPath);
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(memberRecords)
      .values({ memberId, ...stored(ctx, input) })
      .returning();
    await audit(tx, ctx, {
      action: 'member.record_add',
      entityType: 'member',
      entityId: memberId,
      orgId: m.orgId,
      after: { recordId: r.id, ...input },
    });
    return r;
  });
  return toDto(ctx, row, true);
}

async function recordOf(ctx: ActorCtx, memberId: number, recordId: number): Promise<RecordRow> {
  const [r] = await ctx.db
    .select()
    .from(memberRecords)
    .where(and(eq(memberRecords.id, recordId), eq(memberRecords.memberId, memberId)));
  if (!r) throw notFound('该记录');
  return r;
}

/** Replaces a record; the kind of a record does not change (delete and add instead). */
export async function replaceRecord(ctx: ActorCtx, memberId: number, recordId: number, input: MemberRecordInput): Promise<MemberRecordDto> {
  const m = await loadFor(ctx, MEMBERS, memberId, 'members:write');
  const before = await recordOf(ctx, memberId, recordId);
  if (before.kind !== input.kind) throw new AppError('VALIDATION', undefined, [{ path: 'kind', message: '记录类别不能修改' }]);
  assertMayWriteKind(ctx, input.kind, m.orgPath);
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .update(memberRecords)
      .set({ ...stored(ctx, input), updatedAt: ctx.now() })
      .where(eq(memberRecords.id, recordId))
      .returning();
    await audit(tx, ctx, {
      action: 'member.record_update',
      entityType: 'member',
      entityId: memberId,
      orgId: m.orgId,
      before: toDto(ctx, before, true),
      after: { recordId, ...input },
    });
    return r;
  });
  return toDto(ctx, row, true);
}

export async function deleteRecord(ctx: ActorCtx, memberId: number, recordId: number): Promise<void> {
  const m = await loadFor(ctx, MEMBERS, memberId, 'members:write');
  const before = await recordOf(ctx, memberId, recordId);
  if (MEMBER_RECORD_KINDS[before.kind as MemberRecordKind]?.system) {
    throw new AppError('CONFLICT', '这条记录由发展党员或民主评议流程写入，不能手工删除');
  }
  assertMayWriteKind(ctx, before.kind as MemberRecordInput['kind'], m.orgPath);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(memberRecords).where(eq(memberRecords.id, recordId));
    await audit(tx, ctx, {
      action: 'member.record_delete',
      entityType: 'member',
      entityId: memberId,
      orgId: m.orgId,
      before: toDto(ctx, before, true),
    });
  });
}

/** Every change of category and status, newest first. */
export async function listHistory(ctx: ActorCtx, memberId: number): Promise<MemberHistoryDto[]> {
  await loadFor(ctx, MEMBERS, memberId, 'members:read');
  const rows = await ctx.db
    .select({
      id: memberStatusHistory.id,
      field: memberStatusHistory.field,
      fromValue: memberStatusHistory.fromValue,
      toValue: memberStatusHistory.toValue,
      effectiveOn: memberStatusHistory.effectiveOn,
      reason: memberStatusHistory.reason,
      actorName: users.displayName,
      at: memberStatusHistory.createdAt,
    })
    .from(memberStatusHistory)
    .leftJoin(users, eq(users.id, memberStatusHistory.actorId))
    .where(eq(memberStatusHistory.memberId, memberId))
    .orderBy(desc(memberStatusHistory.effectiveOn), desc(memberStatusHistory.id));
  return rows.map((r) => ({ ...r, field: r.field as MemberHistoryDto['field'], at: r.at.toISOString() }));
}

/**
 * Sets the member's photo to an uploaded image. Only the uploader's own file can be attached (no
 * borrowing someone else's upload by its id); JPG/PNG/WebP only.
 */
export async function setPhoto(ctx: ActorCtx, memberId: number, fileId: string | null): Promise<void> {
  const m = await loadFor(ctx, MEMBERS, memberId, 'members:write');
  if (fileId) {
    const [file] = await ctx.db.select({ ownerId: files.ownerId, mime: files.mime }).from(files).where(eq(files.id, fileId));
    if (!file || file.ownerId !== ctx.actor.userId)
      throw new AppError('VALIDATION', undefined, [{ path: 'fileId', message: '照片文件不存在，请重新上传' }]);
    if (!PHOTO_TYPES.includes(file.mime))
      throw new AppError('VALIDATION', undefined, [{ path: 'fileId', message: '照片只能是 JPG、PNG 或 WebP 图片' }]);
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(members).set({ photoFileId: fileId, updatedAt: ctx.now() }).where(eq(members.id, memberId));
    await audit(tx, ctx, {
      action: 'member.photo',
      entityType: 'member',
      entityId: memberId,
      orgId: m.orgId,
      before: { fileId: m.photoFileId },
      after: { fileId },
    });
  });
}

/** The stored file of the member's photo (404 when there is none or the member is out of scope). */
export async function photoFile(ctx: ActorCtx, memberId: number) {
  const m = await loadFor(ctx, MEMBERS, memberId, 'members:read');
  if (!m.photoFileId) throw notFound('照片');
  const [file] = await ctx.db.select().from(files).where(eq(files.id, m.photoFileId));
  if (!file) throw notFound('照片');
  return file;
}
