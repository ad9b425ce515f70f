import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Tables of the proposals module (合理化建议, issue 21 item 1): the proposal from idea to verified
 * benefit and paid reward. A proposal lies in its proposer's org (the team); the board root is the mine.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    proposerUserId: integer('proposer_user_id').notNull(),
    proposerName: text('proposer_name').notNull(),
    /** Shown as 匿名 on the public board when true. */
    hideName: boolean('hide_name').notNull().default(false),
    category: text('category').notNull(),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    change: text('change').notNull(),
    expectedBenefit: text('expected_benefit').notNull(),
    /** The proposer's estimate of the yearly benefit, fen (0 when not stated). */
    expectedBenefitFen: bigint('expected_benefit_fen', { mode: 'number' }).notNull().default(0),
    /** Working face or unit (工作面/单位). */
    place: text('place').notNull(),
    photoIds: jsonb('photo_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull().default('reviewing'),
    rulesetVersion: text('ruleset_version').notNull(),
    supportCount: integer('support_count').notNull().default(0),
    /** Mean of the reviewers' totals, hundredths. */
    scoreCents: integer('score_cents'),
    committeeNote: text('committee_note'),
    decisionReason: text('decision_reason'),
    mergedIntoId: integer('merged_into_id'),
    decidedAt: tstz('decided_at'),
    decidedBy: integer('decided_by'),
    ownerUserId: integer('owner_user_id'),
    ownerName: text('owner_name'),
    progress: integer('progress').notNull().default(0),
    implementedAt: tstz('implemented_at'),
    verifiedBenefitFen: bigint('verified_benefit_fen', { mode: 'number' }),
    verifiedBasis: text('verified_basis'),
    verifiedAt: tstz('verified_at'),
    verifiedBy: integer('verified_by'),
    rewardGrade: text('reward_grade'),
    rewardFen: integer('reward_fen'),
    ...timestamps(),
  },
  (t) => [
    index('proposals_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
    index('proposals_proposer_idx').on(t.proposerUserId),
    index('proposals_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

/** Co-proposers (联名人): users; a co-proposer cannot review the proposal. */
export const proposalCoproposers = pgTable(
  'proposal_coproposers',
  {
    proposalId: integer('proposal_id').notNull(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] }), index('proposal_coproposers_user_idx').on(t.userId)],
);

/** One support per person: the primary key refuses a second, also under concurrency. */
export const proposalSupports = pgTable(
  'proposal_supports',
  {
    proposalId: integer('proposal_id').notNull(),
    userId: integer('user_id').notNull(),
    at: tstz('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

export const proposalComments = pgTable(
  'proposal_comments',
  {
    id: id(),
    proposalId: integer('proposal_id').notNull(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    body: text('body').notNull(),
    ...timestamps(),
  },
  (t) => [index('proposal_comments_proposal_idx').on(t.proposalId, t.id)],
);

/** The routing table: category × org (mine) → reviewers; the longest matching org path wins. */
export const proposalRoutes = pgTable(
  'proposal_routes',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    category: text('category').notNull(),
    reviewerUserIds: jsonb('reviewer_user_ids').$type<number[]>().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('proposal_routes_org_category_uq').on(t.orgId, t.category)],
);

/** A reviewer's assignment and, once given, the scores (criterion key → points). */
export const proposalReviews = pgTable(
  'proposal_reviews',
  {
    id: id(),
    proposalId: integer('proposal_id').notNull(),
    reviewerUserId: integer('reviewer_user_id').notNull(),
    reviewerName: text('reviewer_name').notNull(),
    scores: jsonb('scores').$type<Record<string, number>>(),
    total: integer('total'),
    comment: text('comment'),
    scoredAt: tstz('scored_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('proposal_reviews_uq').on(t.proposalId, t.reviewerUserId),
    index('proposal_reviews_reviewer_idx').on(t.reviewerUserId),
  ],
);

/** Milestones and progress notes of an adopted proposal (with photos). */
export const proposalMilestones = pgTable(
  'proposal_milestones',
  {
    id: id(),
    proposalId: integer('proposal_id').notNull(),
    title: text('title').notNull(),
    dueOn: text('due_on').notNull(),
    doneAt: tstz('done_at'),
    note: text('note'),
    photoIds: jsonb('photo_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    ...timestamps(),
  },
  (t) => [index('proposal_milestones_proposal_idx').on(t.proposalId)],
);

/** The reward ledger: one row per person per proposal; paid once. */
export const proposalRewards = pgTable(
  'proposal_rewards',
  {
    id: id(),
    proposalId: integer('proposal_id').notNull(),
    orgPath: text('org_path').notNull(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    grade: text('grade').notNull(),
    amountFen: integer('amount_fen').notNull(),
    paidAt: tstz('paid_at'),
    paidBy: integer('paid_by'),
    voucher: text('voucher'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('proposal_rewards_uq').on(t.proposalId, t.userId),
    index('proposal_rewards_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);
