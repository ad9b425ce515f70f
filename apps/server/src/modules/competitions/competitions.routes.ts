import { IdParams } from '@vanguard/shared';
import {
  AnswerResultSchema,
  AnswerSchema,
  ChallengeSubmitSchema,
  CompetitionCreateSchema,
  CompetitionDeletedSchema,
  CompetitionDetailSchema,
  CompetitionListQuerySchema,
  CompetitionPageSchema,
  CompetitionSchema,
  JoinByCodeSchema,
  JoinResultSchema,
  LeaderboardSchema,
  MyCompetitionListSchema,
  MyStateSchema,
  StreamQuerySchema,
} from '@vanguard/shared/api/competitions';
import { eventStreamResponse, xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { COMPETITIONS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import {
  createCompetition,
  deleteCompetition,
  finishCompetition,
  getCompetition,
  leaderboard,
  listCompetitions,
  openLobby,
  pushNext,
  resultsXlsx,
} from './competitions.service.js';
import { LiveHub } from './live.hub.js';
import { answer, join, joinByCode, myCompetitions, myState, startChallenge, streamAccess, submitChallenge } from './play.service.js';

const manage = { access: { permission: 'learning:manage' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const tags = ['competitions'];

/**
 * Opens a Server-Sent Events stream on the raw reply: the current state at once (a reconnect
 * resumes from it), then every change the hub broadcasts, with heartbeats. `once` sends the
 * state and closes (a snapshot for clients that cannot hold a stream).
 */
async function openStream(req: FastifyRequest, reply: FastifyReply, hub: LiveHub, id: number, playerId: number | null, once: boolean) {
  hub.bind({ db: req.ctx.db, now: req.ctx.now });
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const sub = { playerId, write: (s: string) => res.write(s), end: () => res.end() };
  if (once) {
    await hub.snapshot(id, sub);
    res.end();
    return;
  }
  const off = await hub.subscribe(id, sub);
  req.raw.on('close', off);
}

/** Routes of the competitions module: live quizzes a host runs and weekly challenges (安全知识竞赛). */
export async function competitionsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const hub = new LiveHub();
  app.addHook('onClose', async () => hub.close());
  const touch = (req: FastifyRequest, id: number) => {
    hub.bind({ db: req.ctx.db, now: req.ctx.now });
    hub.touch(id);
  };

  // ── Console (learning:manage, org-scoped) ──
  r.get('/api/v1/competitions', {
    config: manage,
    schema: {
      tags,
      summary: '知识竞赛列表（本组织及下级）',
      querystring: CompetitionListQuerySchema,
      response: { 200: CompetitionPageSchema },
    },
    handler: async (req) => listCompetitions(actorCtx(req), req.query),
  });
  r.post('/api/v1/competitions', {
    config: manage,
    schema: {
      tags,
      summary: '新建现场竞赛或每周挑战（试题取自题库的当前版本：单选、多选、判断）',
      body: CompetitionCreateSchema,
      response: { 200: CompetitionSchema },
    },
    handler: async (req) => createCompetition(actorCtx(req), req.body),
  });
  r.get('/api/v1/competitions/:id', {
    config: manage,
    schema: { tags, summary: '竞赛详情（主持人：全部试题与正确答案）', params: IdParams, response: { 200: CompetitionDetailSchema } },
    handler: async (req) => getCompetition(actorCtx(req), req.params.id),
  });
  r.delete('/api/v1/competitions/:id', {
    config: manage,
    schema: {
      tags,
      summary: '删除竞赛（进行中的须先结束）',
      params: IdParams,
      response: { 200: CompetitionDeletedSchema },
    },
    handler: async (req) => {
      const out = await deleteCompetition(actorCtx(req), req.params.id);
      touch(req, req.params.id);
      return out;
    },
  });
  r.post('/api/v1/competitions/:id/open', {
    config: manage,
    schema: { tags, summary: '开放候场（手机可凭加入码加入）', params: IdParams, response: { 200: CompetitionDetailSchema } },
    handler: async (req) => {
      const out = await openLobby(actorCtx(req), req.params.id);
      touch(req, req.params.id);
      return out;
    },
  });
  r.post('/api/v1/competitions/:id/next', {
    config: manage,
    schema: {
      tags,
      summary: '推送下一题（服务器倒计时；上一题倒计时结束后才能推送）',
      params: IdParams,
      response: { 200: CompetitionDetailSchema },
    },
    handler: async (req) => {
      const out = await pushNext(actorCtx(req), req.params.id);
      touch(req, req.params.id);
      const q = out.questions.find((x) => x.position === out.currentPosition);
      if (q?.endsAt) hub.at(req.params.id, q.endsAt);
      return out;
    },
  });
  r.post('/api/v1/competitions/:id/finish', {
    config: manage,
    schema: { tags, summary: '结束竞赛（此后作答不计分；参赛者记积分）', params: IdParams, response: { 200: CompetitionDetailSchema } },
    handler: async (req) => {
      const out = await finishCompetition(actorCtx(req), req.params.id);
      touch(req, req.params.id);
      return out;
    },
  });
  r.get('/api/v1/competitions/:id/leaderboard', {
    config: manage,
    schema: { tags, summary: '排行榜（按人、按支部）', params: IdParams, response: { 200: LeaderboardSchema } },
    handler: async (req) => leaderboard(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/competitions/:id/stream', {
    config: manage,
    schema: {
      tags,
      summary: '大屏实时状态（Server-Sent Events：state 事件，15 秒心跳）',
      params: IdParams,
      querystring: StreamQuerySchema,
      response: { 200: eventStreamResponse('state 事件：{ state, me }（StreamStateSchema）') },
    },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const c = await loadFor(ctx, COMPETITIONS, req.params.id, 'learning:manage');
      await openStream(req, reply, hub, c.id, null, req.query.once);
    },
  });
  r.get('/api/v1/competitions/:id/results.xlsx', {
    config: manage,
    schema: {
      tags,
      summary: '导出成绩（Excel：个人排名、支部排名、试题正确率）',
      params: IdParams,
      response: { 200: xlsxFile('竞赛成绩') },
    },
    handler: async (req, reply) => {
      const out = await resultsXlsx(actorCtx(req), req.params.id);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });

  // ── Phone portal (self:portal; a competition is open to its org's subtree, 404 outside) ──
  r.get('/api/v1/competitions/my', {
    config: self,
    schema: { tags, summary: '我可参加的竞赛与挑战（进行中）及我参加过的', response: { 200: MyCompetitionListSchema } },
    handler: async (req) => myCompetitions(actorCtx(req)),
  });
  r.post('/api/v1/competitions/my/join', {
    config: self,
    schema: { tags, summary: '凭 6 位加入码加入现场竞赛', body: JoinByCodeSchema, response: { 200: JoinResultSchema } },
    handler: async (req) => {
      const out = await joinByCode(actorCtx(req), req.body.code);
      touch(req, out.competitionId);
      return out;
    },
  });
  r.get('/api/v1/competitions/my/:id', {
    config: self,
    schema: { tags, summary: '竞赛当前状态（当前题、倒计时、排行榜、我的名次与答案）', params: IdParams, response: { 200: MyStateSchema } },
    handler: async (req) => myState(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/competitions/my/:id/join', {
    config: self,
    schema: { tags, summary: '加入现场竞赛（重复加入无副作用）', params: IdParams, response: { 200: JoinResultSchema } },
    handler: async (req) => {
      const out = await join(actorCtx(req), req.params.id);
      touch(req, out.competitionId);
      return out;
    },
  });
  r.get('/api/v1/competitions/my/:id/stream', {
    config: self,
    schema: {
      tags,
      summary: '手机实时状态（Server-Sent Events；断线重连后从当前状态继续）',
      params: IdParams,
      querystring: StreamQuerySchema,
      response: { 200: eventStreamResponse('state 事件：{ state, me }（StreamStateSchema）') },
    },
    handler: async (req, reply) => {
      const a = await streamAccess(actorCtx(req), req.params.id);
      await openStream(req, reply, hub, a.competitionId, a.playerId, req.query.once);
    },
  });
  r.post('/api/v1/competitions/my/:id/answers', {
    config: self,
    schema: {
      tags,
      summary: '作答当前题（倒计时内；每题一次，同一答案重发返回首次结果）',
      params: IdParams,
      body: AnswerSchema,
      response: { 200: AnswerResultSchema },
    },
    handler: async (req) => {
      const out = await answer(actorCtx(req), req.params.id, req.body);
      if (!out.replay) touch(req, req.params.id);
      return out;
    },
  });
  r.post('/api/v1/competitions/my/:id/start', {
    config: self,
    schema: { tags, summary: '开始每周挑战（服务器计时；已开始则继续）', params: IdParams, response: { 200: MyStateSchema } },
    handler: async (req) => startChallenge(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/competitions/my/:id/submit', {
    config: self,
    schema: { tags, summary: '提交每周挑战（每人一次）', params: IdParams, body: ChallengeSubmitSchema, response: { 200: MyStateSchema } },
    handler: async (req) => {
      const out = await submitChallenge(actorCtx(req), req.params.id, req.body);
      touch(req, req.params.id);
      return out;
    },
  });
}
