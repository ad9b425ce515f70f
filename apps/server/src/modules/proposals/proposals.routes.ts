import {
  BoardQuerySchema,
  BoardSchema,
  CommentCreateSchema,
  DecideSchema,
  MyReviewsSchema,
  OwnerSchema,
  PaySchema,
  PeopleQuerySchema,
  PeopleSchema,
  ProgressSchema,
  ProposalCreateSchema,
  ProposalDetailSchema,
  ProposalListQuerySchema,
  ProposalPageSchema,
  ProposalParams,
  RewardPageSchema,
  RewardParams,
  RewardQuerySchema,
  RewardRowSchema,
  RoutePutSchema,
  RouteQuerySchema,
  RoutesSchema,
  ScoreSchema,
  SimilarQuerySchema,
  SimilarSchema,
  StatsQuerySchema,
  StatsSchema,
  VerifySchema,
} from '@vanguard/shared/api/proposals';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { registerProposalFiles } from './proposals.files.js';
import {
  board,
  commentProposal,
  createProposal,
  findPeople,
  getBoardProposal,
  similarProposals,
  supportProposal,
} from './proposals-board.service.js';
import { listRewards, payReward, proposalStats, rewardsXlsx, statsXlsx } from './proposals-ledger.service.js';
import { decide, getManaged, listProposals, progressByOrg, progressByOwner, setOwner, verifyBenefit } from './proposals-outcome.service.js';
import { getMyReview, listRoutes, myReviews, putRoute, scoreReview, setReviewers } from './proposals-review.service.js';

const manage = { access: { permission: 'proposals:manage' } } as const;
const verify = { access: { permission: 'proposals:verify' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const signedIn = { access: {} } as const;
const tags = ['proposals'];
const Detail = { 200: ProposalDetailSchema };
const ReviewersSchema = z.strictObject({
  reviewerUserIds: z.array(z.number().int().min(1).max(2_147_483_647)).min(1, '至少指定一名评审人').max(5, '评审人不超过 5 名'),
});

/** Routes of the proposals module (合理化建议): submit, similar, board, support, review, decide, implement, verify, reward. */
export async function proposalsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerProposalFiles();

  // ── Everyone (phone and console): submit, the board, support, comment ──
  r.post('/api/v1/proposals', {
    config: self,
    schema: { tags, summary: '提交合理化建议', body: ProposalCreateSchema, response: Detail },
    handler: async (req) => createProposal(actorCtx(req), req.body),
  });
  r.get('/api/v1/proposals/similar', {
    config: self,
    schema: { tags, summary: '相似建议（输入时提示，按标题相似度）', querystring: SimilarQuerySchema, response: { 200: SimilarSchema } },
    handler: async (req) => similarProposals(actorCtx(req), req.query.q),
  });
  r.get('/api/v1/proposal-board', {
    config: self,
    schema: { tags, summary: '建议公示板（本矿，按状态）', querystring: BoardQuerySchema, response: { 200: BoardSchema } },
    handler: async (req) => board(actorCtx(req), req.query),
  });
  r.get('/api/v1/my/proposals', {
    config: self,
    schema: { tags, summary: '我的建议（提出或联名）', querystring: BoardQuerySchema, response: { 200: BoardSchema } },
    handler: async (req) => board(actorCtx(req), req.query, true),
  });
  r.get('/api/v1/proposals/people', {
    config: self,
    schema: {
      tags,
      summary: '选择联名人、评审人或负责人（本矿或管理范围内的账号）',
      querystring: PeopleQuerySchema,
      response: { 200: PeopleSchema },
    },
    handler: async (req) => findPeople(actorCtx(req), req.query.q),
  });
  r.get('/api/v1/proposal-board/:id', {
    config: self,
    schema: { tags, summary: '公示板上的建议详情', params: ProposalParams, response: Detail },
    handler: async (req) => getBoardProposal(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/proposal-board/:id/support', {
    config: self,
    schema: { tags, summary: '支持建议（每人一次）', params: ProposalParams, response: Detail },
    handler: async (req) => supportProposal(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/proposal-board/:id/comments', {
    config: self,
    schema: { tags, summary: '评论建议', params: ProposalParams, body: CommentCreateSchema, response: Detail },
    handler: async (req) => commentProposal(actorCtx(req), req.params.id, req.body.body),
  });
  r.post('/api/v1/my/proposals/:id/progress', {
    config: self,
    schema: {
      tags,
      summary: '实施负责人报告进展（含照片；100% 即实施完成）',
      params: ProposalParams,
      body: ProgressSchema,
      response: Detail,
    },
    handler: async (req) => progressByOwner(actorCtx(req), req.params.id, req.body),
  });

  // ── Reviewers ──
  r.get('/api/v1/my/proposal-reviews', {
    config: self,
    schema: { tags, summary: '我的评审任务', response: { 200: MyReviewsSchema } },
    handler: async (req) => myReviews(actorCtx(req)),
  });
  r.get('/api/v1/my/proposal-reviews/:id', {
    config: self,
    schema: { tags, summary: '评审任务的建议详情', params: ProposalParams, response: Detail },
    handler: async (req) => getMyReview(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/my/proposal-reviews/:id/score', {
    config: self,
    schema: {
      tags,
      summary: '按评分细则打分（每项不超过满分；提出人、联名人不能评审）',
      params: ProposalParams,
      body: ScoreSchema,
      response: Detail,
    },
    handler: async (req) => scoreReview(actorCtx(req), req.params.id, req.body),
  });

  // ── Console ──
  r.get('/api/v1/proposals', {
    config: manage,
    schema: {
      tags,
      summary: '合理化建议列表（本组织及下级）',
      querystring: ProposalListQuerySchema,
      response: { 200: ProposalPageSchema },
    },
    handler: async (req) => listProposals(actorCtx(req), req.query),
  });
  r.get('/api/v1/proposals/:id', {
    config: signedIn,
    schema: { tags, summary: '建议详情（管理或核定效益）', params: ProposalParams, response: Detail },
    handler: async (req) => getManaged(actorCtx(req), req.params.id),
  });
  r.put('/api/v1/proposals/:id/reviewers', {
    config: manage,
    schema: { tags, summary: '指定评审人（利益冲突者除外）', params: ProposalParams, body: ReviewersSchema, response: Detail },
    handler: async (req) => setReviewers(actorCtx(req), req.params.id, req.body.reviewerUserIds),
  });
  r.post('/api/v1/proposals/:id/decide', {
    config: manage,
    schema: {
      tags,
      summary: '评审结论：采纳、部分采纳、不采纳（须说明理由）或合并',
      params: ProposalParams,
      body: DecideSchema,
      response: Detail,
    },
    handler: async (req) => decide(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/proposals/:id/owner', {
    config: manage,
    schema: { tags, summary: '指定实施负责人与节点', params: ProposalParams, body: OwnerSchema, response: Detail },
    handler: async (req) => setOwner(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/proposals/:id/progress', {
    config: manage,
    schema: { tags, summary: '登记实施进展', params: ProposalParams, body: ProgressSchema, response: Detail },
    handler: async (req) => progressByOrg(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/proposals/:id/verify', {
    config: verify,
    schema: { tags, summary: '核定年效益（须有依据），按奖励标准定奖', params: ProposalParams, body: VerifySchema, response: Detail },
    handler: async (req) => verifyBenefit(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/proposal-routes', {
    config: manage,
    schema: { tags, summary: '评审分派表（类别 × 单位 → 评审人）', querystring: RouteQuerySchema, response: { 200: RoutesSchema } },
    handler: async (req) => listRoutes(actorCtx(req), req.query.orgId),
  });
  r.put('/api/v1/proposal-routes', {
    config: manage,
    schema: { tags, summary: '设置一行评审分派', body: RoutePutSchema, response: { 200: RoutesSchema } },
    handler: async (req) => putRoute(actorCtx(req), req.body),
  });
  r.get('/api/v1/proposal-rewards', {
    config: manage,
    schema: { tags, summary: '奖励台账', querystring: RewardQuerySchema, response: { 200: RewardPageSchema } },
    handler: async (req) => listRewards(actorCtx(req), req.query),
  });
  r.get('/api/v1/proposal-rewards.xlsx', {
    config: manage,
    schema: {
      tags,
      summary: '导出奖励台账（Excel）',
      querystring: RewardQuerySchema.omit({ page: true, pageSize: true }),
      response: { 200: xlsxFile('奖励台账') },
    },
    handler: async (req, reply) => {
      const out = await rewardsXlsx(actorCtx(req), req.query);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.post('/api/v1/proposal-rewards/:id/pay', {
    config: manage,
    schema: { tags, summary: '发放奖励（登记凭证号）', params: RewardParams, body: PaySchema, response: { 200: RewardRowSchema } },
    handler: async (req) => payReward(actorCtx(req), req.params.id, req.body.voucher),
  });
  r.get('/api/v1/proposal-stats', {
    config: manage,
    schema: {
      tags,
      summary: '建议统计（每百人建议数、采纳率、已实施、核定效益、已发奖励）',
      querystring: StatsQuerySchema,
      response: { 200: StatsSchema },
    },
    handler: async (req) => {
      const { org: _org, ...out } = await proposalStats(actorCtx(req), req.query);
      return out;
    },
  });
  r.get('/api/v1/proposal-stats.xlsx', {
    config: manage,
    schema: { tags, summary: '导出建议统计（Excel）', querystring: StatsQuerySchema, response: { 200: xlsxFile('合理化建议统计') } },
    handler: async (req, reply) => {
      const out = await statsXlsx(actorCtx(req), req.query);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
}
