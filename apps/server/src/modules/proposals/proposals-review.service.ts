import {
  meanScoreCents,
  needsCommittee,
  PROPOSAL_CATEGORIES,
  PROPOSAL_STATUSES,
  type ProposalCategory,
  type ProposalStatus,
  proposalsRulesetByVersion,
  scoreProblems,
  scoreTotal,
} from '@vanguard/shared';
import type { RoutePutSchema, ScoreSchema } from '@vanguard/shared/api/proposals';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { proposalReviews, proposalRoutes, proposals, todos } from '../../db/schema/index.js';
import { PROPOSAL_REVIEWS, PROPOSALS } from '../../platform/access/gates.js';
import { loadFor, loadOwn, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, forbidden, invalid } from '../../platform/errors.js';
import { coproposersOf, userNames } from './proposals.common.js';
import { detailOf } from './proposals.detail.js';
import { conflicted } from './proposals.policy.js';

const myReview = (ctx: ActorCtx) => (r: { reviewerUserId: number }) => r.reviewerUserId === ctx.actor.userId;

/** My review tasks (phone and console), open first. */
export async function myReviews(ctx: ActorCtx) {
  const rows = await ctx.db
    .select({ r: proposalReviews, p: { title: proposals.title, category: proposals.category, status: proposals.status } })
    .from(proposalReviews)
    .innerJoin(proposals, eq(proposals.id, proposalReviews.proposalId))
    .where(eq(proposalReviews.reviewerUserId, ctx.actor.userId))
    .orderBy(sql`${proposalReviews.scoredAt} IS NOT NULL`, desc(proposalReviews.id))
    .limit(200);
  return {
    items: rows.map(({ r, p }) => ({
      id: r.id,
      proposalId: r.proposalId,
      title: p.title,
      categoryName: PROPOSAL_CATEGORIES[p.category as ProposalCategory] ?? p.category,
      statusName: PROPOSAL_STATUSES[p.status as ProposalStatus] ?? p.status,
      scored: r.scoredAt !== null,
      total: r.total,
    })),
  };
}

export async function getMyReview(ctx: ActorCtx, id: number) {
  const { row } = await loadOwn(ctx, PROPOSAL_REVIEWS, id, myReview(ctx));
  const [p] = await ctx.db.select().from(proposals).where(eq(proposals.id, row.proposalId));
  return detailOf(ctx, ctx.db, p, 'review');
}

/**
 * A reviewer's scores against the proposal's rubric. Once every assigned reviewer has scored, the
 * mean decides whether the proposal goes to the second-level committee.
 */
export async function scoreReview(ctx: ActorCtx, id: number, body: z.output<typeof ScoreSchema>) {
  return ctx.db.transaction(async (tx) => {
    const { row } = await loadOwn(ctx, PROPOSAL_REVIEWS, id, myReview(ctx), { db: tx });
    const [p] = await tx.select().from(proposals).where(eq(proposals.id, row.proposalId)).for('update');
    const co = await coproposersOf(tx, p.id);
    if (
      conflicted(
        ctx.actor.userId,
        p,
        co.map((c) => c.userId),
      )
    )
      throw forbidden('您是本建议的提出人或联名人，不能评审（利益冲突）');
    const [r] = await tx.select().from(proposalReviews).where(eq(proposalReviews.id, id)).for('update');
    if (r.scoredAt) throw conflict('您已评过分，不能重复评分');
    if (p.status !== 'reviewing') throw conflict('该建议已不在评审阶段');
    const rs = proposalsRulesetByVersion(p.rulesetVersion);
    const problems = scoreProblems(rs, body.scores);
    if (problems.length) throw invalid(problems);
    const total = scoreTotal(body.scores);
    await tx
      .update(proposalReviews)
      .set({ scores: body.scores, total, comment: body.comment ?? null, scoredAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(proposalReviews.id, id));
    await tx
      .update(todos)
      .set({ doneAt: ctx.now(), updatedAt: ctx.now() })
      .where(and(eq(todos.userId, ctx.actor.userId), eq(todos.sourceKey, `proposal:${p.id}:review:${ctx.actor.userId}`)));
    const all = await tx.select({ total: proposalReviews.total }).from(proposalReviews).where(eq(proposalReviews.proposalId, p.id));
    const done = all.filter((a) => a.total !== null).map((a) => a.total as number);
    let next = p;
    if (done.length === all.length && done.length >= rs.reviewers) {
      const mean = meanScoreCents(done);
      const status = needsCommittee(rs, mean, p.expectedBenefitFen) ? 'committee' : 'scored';
      [next] = await tx.update(proposals).set({ scoreCents: mean, status, updatedAt: ctx.now() }).where(eq(proposals.id, p.id)).returning();
    }
    await audit(tx, ctx, {
      action: 'proposal.score',
      entityType: 'proposal',
      entityId: p.id,
      orgId: p.orgId,
      after: { scores: body.scores, total },
    });
    return detailOf(ctx, tx, next, 'review');
  });
}

/** Reviewers named by hand (where the routing table has none, or to replace one who left). */
export async function setReviewers(ctx: ActorCtx, id: number, reviewerUserIds: number[]) {
  return ctx.db.transaction(async (tx) => {
    const p = await loadFor(ctx, PROPOSALS, id, 'proposals:manage', { db: tx, lock: true });
    if (p.status !== 'reviewing') throw conflict('该建议已不在评审阶段');
    const co = (await coproposersOf(tx, p.id)).map((c) => c.userId);
    const names = await userNames(tx, reviewerUserIds);
    for (const [i, uid] of reviewerUserIds.entries()) {
      if (!names.has(uid)) throw invalid(`reviewerUserIds.${i}`, '评审人未找到');
      if (conflicted(uid, p, co)) throw invalid(`reviewerUserIds.${i}`, '提出人或联名人不能评审本建议（利益冲突）');
    }
    await tx.delete(proposalReviews).where(and(eq(proposalReviews.proposalId, id), sql`${proposalReviews.scoredAt} IS NULL`));
    await tx
      .insert(proposalReviews)
      .values(reviewerUserIds.map((uid) => ({ proposalId: id, reviewerUserId: uid, reviewerName: names.get(uid)?.name ?? '' })))
      .onConflictDoNothing();
    await audit(tx, ctx, {
      action: 'proposal.reviewers',
      entityType: 'proposal',
      entityId: id,
      orgId: p.orgId,
      after: { reviewerUserIds },
    });
    return detailOf(ctx, tx, p, 'manage');
  });
}

export async function listRoutes(ctx: ActorCtx, orgId: number) {
  const org = await orgFor(ctx, orgId, 'proposals:manage');
  const rows = await ctx.db.execute<{ id: number; orgId: number; orgName: string; category: string; ids: number[] }>(sql`
    SELECT r.id, r.org_id AS "orgId", o.name AS "orgName", r.category, r.reviewer_user_ids AS ids
    FROM proposal_routes r JOIN orgs o ON o.id = r.org_id
    WHERE (r.org_path LIKE ${`${org.path}%`} OR ${org.path} LIKE r.org_path || '%') AND ${inScope(sql`r.org_path`, scopeOf(ctx.actor, 'proposals:manage'))}
    ORDER BY o.path, r.category`);
  const names = await userNames(ctx.db, [...new Set(rows.rows.flatMap((r) => r.ids))]);
  return {
    items: rows.rows.map((r) => ({
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      category: r.category as ProposalCategory,
      categoryName: PROPOSAL_CATEGORIES[r.category as ProposalCategory],
      reviewers: r.ids.map((uid) => ({ userId: uid, name: names.get(uid)?.name ?? '' })),
    })),
  };
}

/** One row of the routing table (org × category), replaced whole. */
export async function putRoute(ctx: ActorCtx, body: z.output<typeof RoutePutSchema>) {
  await ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, body.orgId, 'proposals:manage', { db: tx, field: 'orgId' });
    const names = await userNames(tx, body.reviewerUserIds);
    for (const [i, uid] of body.reviewerUserIds.entries()) if (!names.has(uid)) throw invalid(`reviewerUserIds.${i}`, '评审人未找到');
    await tx
      .insert(proposalRoutes)
      .values({ orgId: org.id, orgPath: org.path, category: body.category, reviewerUserIds: body.reviewerUserIds })
      .onConflictDoUpdate({
        target: [proposalRoutes.orgId, proposalRoutes.category],
        set: { reviewerUserIds: body.reviewerUserIds, updatedAt: ctx.now() },
      });
    await audit(tx, ctx, { action: 'proposal.route', entityType: 'org', entityId: org.id, orgId: org.id, after: body });
  });
  return listRoutes(ctx, body.orgId);
}
