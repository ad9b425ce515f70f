import { PageQuerySchema } from '@vanguard/shared';
import {
  BoardQuerySchema,
  BranchBoardSchema,
  CapsSchema,
  CapsUpdateSchema,
  HistoryPageSchema,
  MemberBoardSchema,
  MyPointsSchema,
} from '@vanguard/shared/api/points';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { branchBoard, getCaps, memberBoard, myHistory, myPoints, setCaps } from './points.query.js';

const manage = { access: { permission: 'learning:manage' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const tags = ['points'];

/** Routes of the points module: learning points per activity with daily caps, and branch leaderboards. */
export async function pointsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/points/leaderboard/members', {
    config: manage,
    schema: {
      tags,
      summary: '学习积分排行（党员，本组织及下级；附学时与考试通过数）',
      querystring: BoardQuerySchema,
      response: { 200: MemberBoardSchema },
    },
    handler: async (req) => memberBoard(actorCtx(req), req.query),
  });
  r.get('/api/v1/points/leaderboard/branches', {
    config: manage,
    schema: {
      tags,
      summary: '学习积分排行（党支部：人均积分、参与率、学时、考试通过数）',
      querystring: BoardQuerySchema,
      response: { 200: BranchBoardSchema },
    },
    handler: async (req) => branchBoard(actorCtx(req), req.query),
  });
  r.get('/api/v1/points/settings', {
    config: manage,
    schema: { tags, summary: '积分规则与每日上限', response: { 200: CapsSchema } },
    handler: async (req) => getCaps(actorCtx(req)),
  });
  r.put('/api/v1/points/settings', {
    config: manage,
    schema: { tags, summary: '设置每日积分上限（集团层级）', body: CapsUpdateSchema, response: { 200: CapsSchema } },
    handler: async (req) => setCaps(actorCtx(req), req.body),
  });
  r.get('/api/v1/points/me', {
    config: self,
    schema: { tags, summary: '我的学习积分（今日与上限、本月、本年、支部排名）', response: { 200: MyPointsSchema } },
    handler: async (req) => myPoints(actorCtx(req)),
  });
  r.get('/api/v1/points/me/history', {
    config: self,
    schema: { tags, summary: '我的积分明细', querystring: PageQuerySchema, response: { 200: HistoryPageSchema } },
    handler: async (req) => myHistory(actorCtx(req), req.query),
  });
}
