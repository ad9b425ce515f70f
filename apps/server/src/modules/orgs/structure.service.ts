import {
  ORG_EVENT_KINDS,
  type OrgCreateInput,
  type OrgDto,
  type OrgEventKind,
  type OrgMoveInput,
  type OrgUpgradeInput,
} from '@vanguard/shared/api/orgs';
import { eq } from 'drizzle-orm';
import { orgs } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { toOrgDto } from './orgs.repository.js';
import { addOrgEvent, listOrgEvents, liveChildren, rewritePaths } from './structure.repository.js';
import { placementProblem, upgradeProblem } from './structure.rules.js';

/** Sets up a new org under a parent the actor may edit; its path is the parent's plus its id. */
export async function createOrg(ctx: ActorCtx, input: OrgCreateInput): Promise<OrgDto> {
  return ctx.db.transaction(async (tx) => {
    await lockStructure(tx);
    const parent = await orgFor(ctx, input.parentId, 'orgs:write', { db: tx, lock: true, what: '上级组织' });
    const problem = placementProblem(parent.kind, input.kind);
    if (problem) throw invalid('kind', problem);
    const siblings = await liveChildren(tx, parent.id);
    if (siblings.some((s) => s.name === input.name)) throw invalid('name', `${parent.name}下已有同名组织“${input.name}”`);

    const now = ctx.now();
    const [row] = await tx
      .insert(orgs)
      .values({ ...input, path: parent.path, sort: siblings.length, createdAt: now, updatedAt: now })
      .returning({ id: orgs.id });
    const [org] = await tx
      .update(orgs)
      .set({ path: `${parent.path}${row.id}/` })
      .where(eq(orgs.id, row.id))
      .returning();
    await addOrgEvent(tx, ctx, {
      orgId: org.id,
      kind: 'create',
      docNo: input.docNo,
      details: { parentId: parent.id, parentName: parent.name, name: org.name, kind: org.kind, category: org.category },
    });
    await audit(tx, ctx, { action: 'org.create', entityType: 'org', entityId: org.id, orgId: org.id, after: org });
    return toOrgDto(org);
  });
}

/**
 * Moves an org with its whole subtree under another parent. Every org path in the subtree and
 * every scoped row carrying one (members, workers, units, terms, 先锋岗…) is rewritten with one
 * set-based UPDATE per table, in the same transaction.
 */
export async function moveOrg(ctx: ActorCtx, id: number, input: OrgMoveInput): Promise<OrgDto> {
  return ctx.db.transaction(async (tx) => {
    await lockStructure(tx);
    const org = await orgFor(ctx, id, 'orgs:write', { db: tx, lock: true, what: '该组织' });
    if (org.parentId === null) throw invalid('parentId', '顶级组织不能调整隶属关系');
    const parent = await orgFor(ctx, input.parentId, 'orgs:write', { db: tx, lock: true, what: '新的上级组织' });
    if (parent.path.startsWith(org.path)) throw invalid('parentId', `不能把${org.name}移到它自己或它的下级组织之下`);
    if (parent.id === org.parentId) throw invalid('parentId', `${org.name}已隶属于${parent.name}`);
    const problem = placementProblem(parent.kind, org.kind);
    if (problem) throw invalid('parentId', problem);
    const [from] = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, org.parentId));

    const now = ctx.now();
    const newPath = `${parent.path}${org.id}/`;
    const changed = await rewritePaths(tx, org.path, newPath, now);
    const [after] = await tx.update(orgs).set({ parentId: parent.id, updatedAt: now }).where(eq(orgs.id, org.id)).returning();
    const details = {
      fromParentId: from?.id ?? org.parentId,
      fromParentName: from?.name ?? null,
      toParentId: parent.id,
      toParentName: parent.name,
      reason: input.reason ?? null,
      changed,
    };
    await addOrgEvent(tx, ctx, { orgId: org.id, kind: 'move', docNo: input.docNo, details });
    await audit(tx, ctx, {
      action: 'org.move',
      entityType: 'org',
      entityId: org.id,
      orgId: org.id,
      before: { parentId: org.parentId, path: org.path },
      after: { parentId: parent.id, path: newPath, changed },
    });
    return toOrgDto(after);
  });
}

/** 党支部 → 党总支 → 党委: the kind changes, the org (its id, members, history) stays. */
export async function upgradeOrg(ctx: ActorCtx, id: number, input: OrgUpgradeInput): Promise<OrgDto> {
  return ctx.db.transaction(async (tx) => {
    await lockStructure(tx);
    const org = await orgFor(ctx, id, 'orgs:write', { db: tx, lock: true, what: '该组织' });
    const problem = upgradeProblem(org.kind, input.kind);
    if (problem) throw invalid('kind', problem);
    const groups = (await liveChildren(tx, org.id)).filter((c) => c.kind === 'group');
    if (groups.length) {
      throw conflict(
        `${org.name}下设有党小组（${groups.map((g) => g.name).join('、')}），党小组只能设在党支部下；请先调整或撤销党小组再升格`,
        {
          groups,
        },
      );
    }
    const [after] = await tx
      .update(orgs)
      .set({ kind: input.kind, ...(input.name ? { name: input.name } : {}), updatedAt: ctx.now() })
      .where(eq(orgs.id, org.id))
      .returning();
    const details = { fromKind: org.kind, toKind: after.kind, fromName: org.name, toName: after.name, reason: input.reason ?? null };
    await addOrgEvent(tx, ctx, { orgId: org.id, kind: 'upgrade', docNo: input.docNo, details });
    await audit(tx, ctx, {
      action: 'org.upgrade',
      entityType: 'org',
      entityId: org.id,
      orgId: org.id,
      before: { kind: org.kind, name: org.name },
      after: { kind: after.kind, name: after.name },
    });
    return toOrgDto(after);
  });
}

/** An org's history of structural changes, newest first (dissolved orgs keep theirs). */
export async function listOrgHistory(ctx: ActorCtx, id: number) {
  await orgFor(ctx, id, 'orgs:read', { dissolved: true });
  const rows = await listOrgEvents(ctx.db, id);
  return rows.map((e) => ({
    id: e.id,
    orgId: e.orgId,
    kind: e.kind,
    kindName: ORG_EVENT_KINDS[e.kind as OrgEventKind] ?? e.kind,
    at: e.at,
    actorId: e.actorId,
    actorName: e.actorName,
    docNo: e.docNo,
    details: e.details as Record<string, unknown>,
  }));
}
