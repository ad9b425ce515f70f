import { chinaDay, proposalsRulesetByVersion, rewardFor, splitReward } from '@vanguard/shared';
import type { DecideSchema, OwnerSchema, ProgressSchema, ProposalListQuerySchema, VerifySchema } from '@vanguard/shared/api/proposals';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { members, proposalMilestones, proposalRewards, proposals } from '../../db/schema/index.js';
import { PROPOSALS } from '../../platform/access/gates.js';
import { loadFor, loadOwn, orgFor } from '../../platform/access/load.js';
import { can, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, forbidden, invalid } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';
import { awardPoints } from '../points/index.js';
import { checkPhotos, coproposersOf, itemSql, type ProposalRow, toItem, userNames } from './proposals.common.js';
import { detailOf } from './proposals.detail.js';

/** The console list: the org subtree's proposals in the actor's scope. */
export async function listProposals(ctx: ActorCtx, q: z.output<typeof ProposalListQuerySchema>) {
  const org = await orgFor(ctx, q.orgId, 'proposals:manage');
  const where = sql`p.org_path LIKE ${`${org.path}%`} AND ${inScope(sql`p.org_path`, scopeOf(ctx.actor, 'proposals:manage'))}
    ${q.status ? sql`AND p.status = ${q.status}` : sql``} ${q.category ? sql`AND p.category = ${q.category}` : sql``}
    ${q.q ? sql`AND p.title LIKE ${`%${q.q.replace(/[\\%_]/g, '\\$&')}%`}` : sql``}`;
  const [{ rows }, { rows: n }] = await Promise.all([
    ctx.db.execute<Parameters<typeof toItem>[0]>(sql`SELECT ${itemSql} FROM proposals p JOIN orgs o ON o.id = p.org_id WHERE ${where}
      ORDER BY p.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM proposals p WHERE ${where}`),
  ]);
  return { items: rows.map((r) => toItem(r)), total: n[0]?.n ?? 0 };
}

/** The console's detail: for managers and benefit verifiers over the proposal's org. */
export async function getManaged(ctx: ActorCtx, id: number) {
  const p = await loadFor(ctx, PROPOSALS, id, null);
  if (!can(ctx.actor, 'proposals:manage', p.orgPath) && !can(ctx.actor, 'proposals:verify', p.orgPath)) throw forbidden();
  return detailOf(ctx, ctx.db, p, 'manage');
}

/** Learning points for the proposers who are members (the points module's face, once per proposal and person). */
async function awardAdoption(ctx: ActorCtx, tx: Tx, p: ProposalRow, userIds: number[]) {
  const rs = proposalsRulesetByVersion(p.rulesetVersion);
  const ms = await tx
    .select({ id: members.id })
    .from(members)
    .where(sql`${members.userId} = ANY(${sql.param(userIds)}::int[])`);
  for (const m of ms) {
    await awardPoints(tx, {
      memberId: m.id,
      activity: 'proposal',
      sourceKey: `proposal:${p.id}:adopted:${m.id}`,
      at: ctx.now(),
      points: rs.adoptedPoints,
    });
  }
}

/** 采纳 / 部分采纳 / 不采纳 (with the reason) / 合并 — after the reviews (and the committee where the rubric sends it). */
export async function decide(ctx: ActorCtx, id: number, body: z.output<typeof DecideSchema>) {
  return ctx.db.transaction(async (tx) => {
    const p = await loadFor(ctx, PROPOSALS, id, 'proposals:manage', { db: tx, lock: true });
    if (p.status !== 'scored' && p.status !== 'committee') throw conflict('评审尚未完成或已有结论，不能作出决定');
    if (p.status === 'committee' && !body.committeeNote) throw invalid('committeeNote', '该建议须经二级评审委员会评审，请填写委员会意见');
    if (body.outcome === 'merged') {
      if (body.mergedIntoId === p.id) throw invalid('mergedIntoId', '不能合并到建议本身');
      await loadFor(ctx, PROPOSALS, body.mergedIntoId as number, 'proposals:manage', { db: tx, field: 'mergedIntoId' });
    }
    const [next] = await tx
      .update(proposals)
      .set({
        status: body.outcome,
        decisionReason: body.reason || null,
        committeeNote: body.committeeNote || null,
        mergedIntoId: body.outcome === 'merged' ? (body.mergedIntoId ?? null) : null,
        decidedAt: ctx.now(),
        decidedBy: ctx.actor.userId,
        updatedAt: ctx.now(),
      })
      .where(eq(proposals.id, id))
      .returning();
    const people = [p.proposerUserId, ...(await coproposersOf(tx, id)).map((c) => c.userId)];
    if (body.outcome === 'adopted' || body.outcome === 'partial') await awardAdoption(ctx, tx, next, people);
    await addTodos(
      tx,
      [
        {
          userId: p.proposerUserId,
          kind: 'notice',
          title: `您的合理化建议「${p.title}」评审结论：${{ adopted: '采纳', partial: '部分采纳', rejected: '不采纳', merged: '合并' }[body.outcome]}`,
          link: `/m/proposals/${id}`,
          sourceKey: `proposal:${id}:decided`,
        },
      ],
      ctx.now(),
    );
    await audit(tx, ctx, {
      action: 'proposal.decide',
      entityType: 'proposal',
      entityId: id,
      orgId: p.orgId,
      before: { status: p.status },
      after: body,
    });
    return detailOf(ctx, tx, next, 'manage');
  });
}

/** An adopted proposal gets an owner and milestones; the owner gets a to-do for each milestone's deadline. */
export async function setOwner(ctx: ActorCtx, id: number, body: z.output<typeof OwnerSchema>) {
  return ctx.db.transaction(async (tx) => {
    const p = await loadFor(ctx, PROPOSALS, id, 'proposals:manage', { db: tx, lock: true });
    if (p.status !== 'adopted' && p.status !== 'partial') throw conflict('只有采纳或部分采纳的建议才能指定实施负责人');
    const names = await userNames(tx, [body.ownerUserId]);
    const owner = names.get(body.ownerUserId);
    if (!owner) throw invalid('ownerUserId', '负责人未找到');
    const [next] = await tx
      .update(proposals)
      .set({ ownerUserId: body.ownerUserId, ownerName: owner.name, updatedAt: ctx.now() })
      .where(eq(proposals.id, id))
      .returning();
    if (body.milestones.length) {
      const ms = await tx
        .insert(proposalMilestones)
        .values(body.milestones.map((m) => ({ proposalId: id, title: m.title, dueOn: m.dueOn })))
        .returning();
      await addTodos(
        tx,
        ms.map((m) => ({
          userId: body.ownerUserId,
          title: `建议实施节点：${p.title} · ${m.title}`,
          dueAt: new Date(`${m.dueOn}T18:00:00+08:00`),
          link: `/m/proposals/${id}`,
          sourceKey: `proposal:${id}:milestone:${m.id}`,
        })),
        ctx.now(),
      );
    }
    await audit(tx, ctx, { action: 'proposal.owner', entityType: 'proposal', entityId: id, orgId: p.orgId, after: body });
    return detailOf(ctx, tx, next, 'manage');
  });
}

async function recordProgress(ctx: ActorCtx, tx: Tx, p: ProposalRow, body: z.output<typeof ProgressSchema>) {
  if (p.status !== 'adopted' && p.status !== 'partial') throw conflict('该建议不在实施阶段');
  await checkPhotos(ctx, tx, body.photoIds);
  if (body.milestoneId) {
    const done = await tx
      .update(proposalMilestones)
      .set({ doneAt: ctx.now(), note: body.note ?? null, photoIds: body.photoIds, updatedAt: ctx.now() })
      .where(and(eq(proposalMilestones.id, body.milestoneId), eq(proposalMilestones.proposalId, p.id)))
      .returning({ id: proposalMilestones.id });
    if (!done.length) throw invalid('milestoneId', '实施节点未找到');
  } else if (body.note || body.photoIds.length) {
    await tx.insert(proposalMilestones).values({
      proposalId: p.id,
      title: '进展',
      dueOn: chinaDay(ctx.now()),
      doneAt: ctx.now(),
      note: body.note ?? null,
      photoIds: body.photoIds,
    });
  }
  const implemented = body.progress === 100;
  const [next] = await tx
    .update(proposals)
    .set({ progress: body.progress, ...(implemented ? { status: 'implemented', implementedAt: ctx.now() } : {}), updatedAt: ctx.now() })
    .where(eq(proposals.id, p.id))
    .returning();
  await audit(tx, ctx, {
    action: 'proposal.progress',
    entityType: 'proposal',
    entityId: p.id,
    orgId: p.orgId,
    after: { progress: body.progress },
  });
  return next;
}

export async function progressByOrg(ctx: ActorCtx, id: number, body: z.output<typeof ProgressSchema>) {
  return ctx.db.transaction(async (tx) => {
    const p = await loadFor(ctx, PROPOSALS, id, 'proposals:manage', { db: tx, lock: true });
    return detailOf(ctx, tx, await recordProgress(ctx, tx, p, body), 'manage');
  });
}

/** The owner reports progress on the phone. */
export async function progressByOwner(ctx: ActorCtx, id: number, body: z.output<typeof ProgressSchema>) {
  return ctx.db.transaction(async (tx) => {
    const { row } = await loadOwn(ctx, PROPOSALS, id, (p) => p.ownerUserId === ctx.actor.userId, { db: tx, lock: true });
    return detailOf(ctx, tx, await recordProgress(ctx, tx, row, body), 'board');
  });
}

/**
 * The finance or technical department verifies the yearly benefit with its basis; the reward is then
 * set from the reward table and split among the proposers into the reward ledger (unpaid).
 */
export async function verifyBenefit(ctx: ActorCtx, id: number, body: z.output<typeof VerifySchema>) {
  return ctx.db.transaction(async (tx) => {
    const p = await loadFor(ctx, PROPOSALS, id, 'proposals:verify', { db: tx, lock: true });
    if (p.status !== 'implemented') throw conflict('建议实施完成后才能核定效益');
    if (p.verifiedAt) throw conflict('该建议的效益已核定');
    const grade = rewardFor(proposalsRulesetByVersion(p.rulesetVersion).rewards, body.benefitFen);
    const people = [{ userId: p.proposerUserId, name: p.proposerName }, ...(await coproposersOf(tx, id))];
    const shares = splitReward(grade.rewardFen, people.length);
    const [next] = await tx
      .update(proposals)
      .set({
        verifiedBenefitFen: body.benefitFen,
        verifiedBasis: body.basis,
        verifiedAt: ctx.now(),
        verifiedBy: ctx.actor.userId,
        rewardGrade: grade.grade,
        rewardFen: grade.rewardFen,
        updatedAt: ctx.now(),
      })
      .where(eq(proposals.id, id))
      .returning();
    await tx.insert(proposalRewards).values(
      people.map((x, i) => ({
        proposalId: id,
        orgPath: p.orgPath,
        userId: x.userId,
        name: x.name,
        grade: grade.grade,
        amountFen: shares[i],
      })),
    );
    await audit(tx, ctx, { action: 'proposal.verify', entityType: 'proposal', entityId: id, orgId: p.orgId, after: { ...body, grade } });
    return detailOf(ctx, tx, next, 'manage');
  });
}
