import { chinaDay } from '@vanguard/shared';
import type { OrgDissolveInput, OrgDto, OrgMergeInput } from '@vanguard/shared/api/orgs';
import { eq } from 'drizzle-orm';
import { orgs } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { toOrgDto } from './orgs.repository.js';
import {
  addOrgEvent,
  endCurrentPioneerPosts,
  endCurrentTerm,
  liveChildren,
  moveMembersAndTheirRows,
  peopleIn,
  rewritePaths,
} from './structure.repository.js';
import { placementProblem } from './structure.rules.js';

/**
 * Merges org A into org B in one transaction: A's members (with their workers, units, 先锋岗 and
 * pending corrections) are filed under B, A's child orgs move under B with their subtrees, A's
 * current leadership term ends, and A is dissolved. A's terms and events stay as its history.
 */
export async function mergeOrg(ctx: ActorCtx, id: number, input: OrgMergeInput): Promise<OrgDto> {
  return ctx.db.transaction(async (tx) => {
    await lockStructure(tx);
    const a = await orgFor(ctx, id, 'orgs:write', { db: tx, lock: true, what: '该组织' });
    if (a.parentId === null) throw invalid('intoId', '顶级组织不能并入其他组织');
    const b = await orgFor(ctx, input.intoId, 'orgs:write', { db: tx, lock: true, what: '并入的组织' });
    if (b.id === a.id) throw invalid('intoId', '不能并入自身');
    if (b.path.startsWith(a.path)) throw invalid('intoId', `不能把${a.name}并入它自己的下级组织`);
    if (b.kind === 'group' && a.kind !== 'group') throw invalid('intoId', '只有党小组才能并入党小组');
    const children = await liveChildren(tx, a.id);
    const misplaced = children.filter((c) => placementProblem(b.kind, c.kind));
    if (misplaced.length) {
      throw invalid(
        'intoId',
        `${a.name}的下级组织（${misplaced.map((c) => c.name).join('、')}）不能设在${b.name}下：党小组只能设在党支部下`,
      );
    }

    const now = ctx.now();
    const today = chinaDay(now);
    const below = await rewritePaths(tx, a.path, b.path, now, { below: true });
    if (children.length) await tx.update(orgs).set({ parentId: b.id, updatedAt: now }).where(eq(orgs.parentId, a.id));
    const moved = await moveMembersAndTheirRows(tx, a.id, b);
    const endedTermId = await endCurrentTerm(tx, a.id, today, now);
    const [after] = await tx.update(orgs).set({ dissolvedAt: now, updatedAt: now }).where(eq(orgs.id, a.id)).returning();

    const details = { moved, childOrgs: children.map((c) => c.id), endedTermId, rewritten: below, reason: input.reason ?? null };
    await addOrgEvent(tx, ctx, { orgId: a.id, kind: 'merge', docNo: input.docNo, details: { intoId: b.id, intoName: b.name, ...details } });
    await addOrgEvent(tx, ctx, {
      orgId: b.id,
      kind: 'absorb',
      docNo: input.docNo,
      details: { fromId: a.id, fromName: a.name, ...details },
    });
    await audit(tx, ctx, {
      action: 'org.merge',
      entityType: 'org',
      entityId: a.id,
      orgId: a.id,
      before: { dissolvedAt: null },
      after: { intoId: b.id, dissolvedAt: after.dissolvedAt, ...details },
    });
    const [into] = await tx.select().from(orgs).where(eq(orgs.id, b.id));
    return toOrgDto(into);
  });
}

/**
 * Dissolves an org. Refused (409, naming what blocks) while it has live child orgs or people filed
 * in it — unless `transferMembersTo` names an org (in the actor's scope) to receive its members
 * first. The current term and current 先锋岗 end on the day; the org keeps its path and history.
 */
export async function dissolveOrg(ctx: ActorCtx, id: number, input: OrgDissolveInput): Promise<OrgDto> {
  return ctx.db.transaction(async (tx) => {
    await lockStructure(tx);
    const org = await orgFor(ctx, id, 'orgs:write', { db: tx, lock: true, what: '该组织' });
    if (org.parentId === null) throw invalid('', '顶级组织不能撤销');
    const children = await liveChildren(tx, org.id);

    let moved: Record<string, number> | null = null;
    let receiver: { id: number; name: string } | null = null;
    if (input.transferMembersTo !== undefined) {
      const to = await orgFor(ctx, input.transferMembersTo, 'orgs:write', { db: tx, lock: true, what: '接收党员的组织' });
      if (to.path.startsWith(org.path)) throw invalid('transferMembersTo', '接收党员的组织不能是被撤销的组织或其下级组织');
      if (to.kind === 'group' && org.kind !== 'group') throw invalid('transferMembersTo', '只有撤销党小组时才能把党员转入另一个党小组');
      if (children.length === 0) moved = await moveMembersAndTheirRows(tx, org.id, to);
      receiver = { id: to.id, name: to.name };
    }

    const people = await peopleIn(tx, org.id);
    if (children.length || people.members || people.workers) {
      const parts = [
        children.length ? `${children.length} 个下级组织（${children.map((c) => c.name).join('、')}）` : '',
        people.members ? `${people.members} 名党员` : '',
        people.workers ? `${people.workers} 名职工群众` : '',
      ].filter(Boolean);
      const hint = children.length ? '请先撤销或调整下级组织' : '可指定接收党员的组织，先把党员转过去再撤销';
      throw conflict(`${org.name}还有${parts.join('、')}，不能撤销；${hint}`, { children, ...people });
    }

    const now = ctx.now();
    const today = chinaDay(now);
    const endedTermId = await endCurrentTerm(tx, org.id, today, now);
    const endedPioneerPosts = await endCurrentPioneerPosts(tx, org.id, today, now);
    const [after] = await tx.update(orgs).set({ dissolvedAt: now, updatedAt: now }).where(eq(orgs.id, org.id)).returning();
    const details = {
      transferredTo: receiver?.id ?? null,
      transferredToName: receiver?.name ?? null,
      moved,
      endedTermId,
      endedPioneerPosts,
      reason: input.reason ?? null,
    };
    await addOrgEvent(tx, ctx, { orgId: org.id, kind: 'dissolve', docNo: input.docNo, details });
    if (receiver) {
      await addOrgEvent(tx, ctx, {
        orgId: receiver.id,
        kind: 'receive_members',
        docNo: input.docNo,
        details: { fromId: org.id, fromName: org.name, moved },
      });
    }
    await audit(tx, ctx, {
      action: 'org.dissolve',
      entityType: 'org',
      entityId: org.id,
      orgId: org.id,
      before: { dissolvedAt: null },
      after: { dissolvedAt: after.dissolvedAt, ...details },
    });
    return toOrgDto(after);
  });
}
