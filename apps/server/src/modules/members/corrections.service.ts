import { type CorrectableField, chinaDay, maskAs } from '@vanguard/shared';
import type { MemberUpdateInput } from '@vanguard/shared/api/members';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { memberCorrections, members, orgs, roleGrants } from '../../db/schema/index.js';
import { assertCan, covers, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { AppError, notFound } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';
import { findMember } from './members.repository.js';
import { getMember, toDto, updateMember } from './members.service.js';

/** What a member may ask to change: the correctable fields (CORRECTABLE_FIELDS in packages/shared). */
export type CorrectionChanges = Partial<Pick<MemberUpdateInput, CorrectableField>>;

/** Requested values of sensitive fields are stored encrypted, like the fields themselves. */
const SEALED = ['phone', 'address'] as const;
const isSealed = (k: string) => (SEALED as readonly string[]).includes(k);

function sealChanges(cipher: FieldCipher, changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, isSealed(k) && typeof v === 'string' ? cipher.encrypt(v) : v]));
}

/** Opens sealed values: in clear for applying or for someone allowed to see them, masked otherwise. */
function openChanges(cipher: FieldCipher, changes: Record<string, unknown>, reveal: boolean): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(changes).map(([k, v]) => {
      if (!isSealed(k) || typeof v !== 'string') return [k, v];
      const plain = cipher.decrypt(v);
      return [k, reveal ? plain : maskAs(k === 'phone' ? 'phone' : 'address', plain)];
    }),
  );
}

async function myMemberRow(ctx: ActorCtx) {
  const [row] = await ctx.db.select({ id: members.id }).from(members).where(eq(members.userId, ctx.actor.userId));
  if (!row) throw notFound('与您账号关联的党员档案');
  const found = await findMember(ctx.db, row.id);
  if (!found) throw notFound('与您账号关联的党员档案');
  return found;
}

/** 我的档案: the member's own record (sensitive fields masked: the phone portal is no place to show them). */
export async function getMyRecord(ctx: ActorCtx) {
  return toDto(await myMemberRow(ctx), ctx.ciphers.members, false, chinaDay(ctx.now()), true);
}

/** A member asks for a correction; the branch secretary gets a to-do. */
export async function requestCorrection(ctx: ActorCtx, input: { changes: CorrectionChanges; reason: string }) {
  const me = await myMemberRow(ctx);
  const changes = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length === 0)
    throw new AppError('VALIDATION', '请至少填写一项需要更正的内容', [{ path: 'changes', message: '请至少填写一项' }]);
  return ctx.db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ id: memberCorrections.id })
      .from(memberCorrections)
      .where(and(eq(memberCorrections.memberId, me.id), eq(memberCorrections.status, 'pending')));
    if (pending) throw new AppError('CONFLICT', '您已有一条待审核的更正申请，请等待支部处理');
    const [row] = await tx
      .insert(memberCorrections)
      .values({
        memberId: me.id,
        orgId: me.orgId,
        orgPath: me.orgPath,
        requestedBy: ctx.actor.userId,
        changes: sealChanges(ctx.ciphers.members, changes),
        reason: input.reason,
      })
      .returning();
    const secretaries = await tx
      .select({ userId: roleGrants.userId })
      .from(roleGrants)
      .where(and(eq(roleGrants.orgId, me.orgId), eq(roleGrants.role, 'branch_secretary')));
    await addTodos(
      tx,
      secretaries.map((s) => ({
        userId: s.userId,
        orgId: me.orgId,
        title: `${me.name} 申请更正党员档案`,
        body: `理由：${input.reason}`,
        link: '/admin/member-corrections',
        sourceKey: `correction:${row.id}`,
      })),
    );
    await audit(tx, ctx, {
      action: 'member.correction_request',
      entityType: 'member',
      entityId: me.id,
      orgId: me.orgId,
      after: { correctionId: row.id, changes, reason: input.reason },
    });
    return { ...row, changes: openChanges(ctx.ciphers.members, row.changes, false) };
  });
}

export async function listMyCorrections(ctx: ActorCtx) {
  const me = await myMemberRow(ctx);
  const rows = await ctx.db
    .select()
    .from(memberCorrections)
    .where(eq(memberCorrections.memberId, me.id))
    .orderBy(desc(memberCorrections.id))
    .limit(50);
  return rows.map((r) => ({ ...r, changes: openChanges(ctx.ciphers.members, r.changes, false) }));
}

/** Requests in the secretary's scope, with the member's name and the current values of the fields asked about. */
export async function listCorrections(ctx: ActorCtx, status: 'pending' | 'approved' | 'rejected') {
  const rows = await ctx.db
    .select({ c: memberCorrections, memberName: members.name, orgName: orgs.name })
    .from(memberCorrections)
    .innerJoin(members, eq(members.id, memberCorrections.memberId))
    .innerJoin(orgs, eq(orgs.id, memberCorrections.orgId))
    .where(and(inScope(memberCorrections.orgPath, scopeOf(ctx.actor, 'members:write')), eq(memberCorrections.status, status)))
    .orderBy(desc(memberCorrections.id))
    .limit(200);
  const sensitive = scopeOf(ctx.actor, 'members:read-sensitive');
  const ids = [...new Set(rows.map((r) => r.c.memberId))];
  const current = ids.length ? await Promise.all(ids.map((id) => getMember(ctx, id, false))) : [];
  const byId = new Map(current.map((m) => [m.id, m]));
  return rows.map((r) => {
    const now = byId.get(r.c.memberId) as Record<string, unknown> | undefined;
    const reveal = covers(sensitive, r.c.orgPath);
    const changes = openChanges(ctx.ciphers.members, r.c.changes, reveal);
    return {
      ...r.c,
      changes,
      memberName: r.memberName,
      orgName: r.orgName,
      current: Object.fromEntries(Object.keys(changes).map((k) => [k, now?.[k] ?? null])),
    };
  });
}

/**
 * Approve (the changes go through the normal update, with history and audit) or reject with a
 * note. One transaction with the request row locked, so a double click cannot apply it twice.
 */
export async function decideCorrection(ctx: ActorCtx, id: number, decision: 'approve' | 'reject', note?: string) {
  if (decision === 'reject' && !note) throw new AppError('VALIDATION', '驳回须说明理由', [{ path: 'note', message: '请填写驳回理由' }]);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(memberCorrections).where(eq(memberCorrections.id, id)).for('update');
    if (!c) throw notFound('该更正申请');
    assertCan(ctx.actor, 'members:write', c.orgPath, '该更正申请');
    if (c.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
    if (decision === 'approve') {
      // The update runs in this transaction (a savepoint inside it).
      const changes = openChanges(ctx.ciphers.members, c.changes, true) as CorrectionChanges;
      await updateMember({ ...ctx, db: tx as unknown as Db }, c.memberId, { ...changes, reason: `本人申请更正（申请 #${c.id}）` });
    }
    await tx
      .update(memberCorrections)
      .set({
        status: decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: ctx.actor.userId,
        decidedAt: now,
        decisionNote: note ?? null,
        updatedAt: now,
      })
      .where(eq(memberCorrections.id, id));
    await addTodos(tx, [
      {
        userId: c.requestedBy,
        orgId: c.orgId,
        kind: 'notice',
        severity: decision === 'approve' ? 'info' : 'warning',
        title: decision === 'approve' ? '您的档案更正申请已通过' : '您的档案更正申请被驳回',
        body: note ?? null,
        link: '/m/record',
        sourceKey: `correction:${id}:decided`,
      },
    ]);
    await tx.execute(sql`UPDATE todos SET done_at = ${now} WHERE source_key = ${`correction:${id}`} AND done_at IS NULL`);
    await audit(tx, ctx, {
      action: `member.correction_${decision}`,
      entityType: 'member',
      entityId: c.memberId,
      orgId: c.orgId,
      after: { correctionId: id, note },
    });
  });
}
