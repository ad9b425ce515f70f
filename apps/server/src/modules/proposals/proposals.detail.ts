import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES, proposalsRulesetByVersion } from '@vanguard/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { orgs, proposalComments, proposalMilestones, proposalReviews, proposalRewards, proposalSupports } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { coproposersOf, type ProposalRow } from './proposals.common.js';
import { boardName } from './proposals.policy.js';

/**
 * A proposal as each reader sees it: `board` (colleagues: scores of single reviewers hidden, the name
 * per the proposer's choice), `review` (a reviewer: the proposal, not the other reviews), `manage` (all).
 */
export async function detailOf(ctx: ActorCtx, db: DbOrTx, p: ProposalRow, view: 'board' | 'review' | 'manage') {
  const [co, comments, reviews, milestones, rewards, [org], [supported]] = await Promise.all([
    coproposersOf(db, p.id),
    db.select().from(proposalComments).where(eq(proposalComments.proposalId, p.id)).orderBy(asc(proposalComments.id)).limit(200),
    db.select().from(proposalReviews).where(eq(proposalReviews.proposalId, p.id)).orderBy(asc(proposalReviews.id)),
    db
      .select()
      .from(proposalMilestones)
      .where(eq(proposalMilestones.proposalId, p.id))
      .orderBy(asc(proposalMilestones.dueOn), asc(proposalMilestones.id)),
    db.select().from(proposalRewards).where(eq(proposalRewards.proposalId, p.id)).orderBy(asc(proposalRewards.id)),
    db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, p.orgId)),
    db
      .select({ userId: proposalSupports.userId })
      .from(proposalSupports)
      .where(and(eq(proposalSupports.proposalId, p.id), eq(proposalSupports.userId, ctx.actor.userId))),
  ]);
  const mine = p.proposerUserId === ctx.actor.userId || co.some((c) => c.userId === ctx.actor.userId);
  const rs = proposalsRulesetByVersion(p.rulesetVersion);
  const showReviews = view === 'manage';
  return {
    id: p.id,
    category: p.category as keyof typeof PROPOSAL_CATEGORIES,
    categoryName: PROPOSAL_CATEGORIES[p.category as keyof typeof PROPOSAL_CATEGORIES] ?? p.category,
    title: p.title,
    status: p.status as keyof typeof PROPOSAL_STATUSES,
    statusName: PROPOSAL_STATUSES[p.status as keyof typeof PROPOSAL_STATUSES] ?? p.status,
    proposerName: view === 'manage' || mine ? p.proposerName : boardName(p),
    orgName: org?.name ?? '',
    supportCount: p.supportCount,
    scoreCents: p.scoreCents,
    createdAt: p.createdAt,
    problem: p.problem,
    change: p.change,
    expectedBenefit: p.expectedBenefit,
    expectedBenefitFen: p.expectedBenefitFen,
    place: p.place,
    photoIds: p.photoIds,
    hideName: p.hideName,
    coproposers: co,
    supportedByMe: Boolean(supported),
    mine,
    comments: comments.map((c) => ({ id: c.id, name: c.name, body: c.body, createdAt: c.createdAt })),
    reviews: showReviews
      ? reviews.map((r) => ({
          id: r.id,
          reviewerName: r.reviewerName,
          scores: r.scores,
          total: r.total,
          comment: r.comment,
          scoredAt: r.scoredAt,
        }))
      : [],
    criteria: rs.criteria.map((c) => ({ ...c })),
    committeeNote: p.committeeNote,
    decisionReason: p.decisionReason,
    mergedIntoId: p.mergedIntoId,
    ownerName: p.ownerName,
    progress: p.progress,
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn, doneAt: m.doneAt, note: m.note, photoIds: m.photoIds })),
    verifiedBenefitFen: p.verifiedBenefitFen,
    verifiedBasis: view === 'board' && !mine ? null : p.verifiedBasis,
    rewardGrade: p.rewardGrade,
    rewardFen: view === 'board' && !mine ? null : p.rewardFen,
    rewards: view === 'board' && !mine ? [] : rewards.map((r) => ({ id: r.id, name: r.name, amountFen: r.amountFen, paidAt: r.paidAt })),
  };
}
