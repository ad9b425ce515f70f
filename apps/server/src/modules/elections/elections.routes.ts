import {
  BoardQuerySchema,
  BoardSchema,
  CandidatesSchema,
  CastSchema,
  DealingSchema,
  DecryptionShareSchema,
  ElectionCreateSchema,
  ElectionDetailSchema,
  ElectionListQuerySchema,
  ElectionPageSchema,
  ElectionParams,
  ExcludeSchema,
  MemberRefSchema,
  MyElectionListSchema,
  MyElectionSchema,
  PaperCountSchema,
  ResultsSchema,
  ShortfallSchema,
  TellerKeySchema,
  TrackerSchema,
  VoterPageSchema,
  VoterParams,
  VoterQuerySchema,
} from '@vanguard/shared/api/elections';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { resultsXlsx } from './elections.export.js';
import {
  approveElection,
  createElection,
  deriveRoll,
  excludeVoter,
  freezeRoll,
  getElection,
  listElections,
  listVoters,
  setCandidates,
} from './elections.service.js';
import { checkIn, closeVote, decideShortfall, markPaper, openVote } from './meeting.service.js';
import { exportElection, managedResults, myResults, submitPaperCount, submitShare } from './tally.service.js';
import { castBallot, myBoard, myElection, myElections, submitDealing, submitTellerKey } from './vote.service.js';

const manage = { access: { permission: 'elections:manage' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const tags = ['elections'];
const Ok = z.object({ ok: z.boolean() });
const E = '/api/v1/elections/:id';
const MY = '/api/v1/my/elections/:id';

/** Routes of the elections module (选举与表决): console set-up and meeting control; the phone's ballot and the tellers' steps. */
export async function electionsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const detail = { 200: ElectionDetailSchema };

  // ── Console ──
  r.get('/api/v1/elections', {
    config: manage,
    schema: { tags, summary: '选举列表', querystring: ElectionListQuerySchema, response: { 200: ElectionPageSchema } },
    handler: async (req) => listElections(actorCtx(req), req.query),
  });
  r.post('/api/v1/elections', {
    config: manage,
    schema: { tags, summary: '筹备选举（换届）', body: ElectionCreateSchema, response: { 200: z.object({ id: z.number() }) } },
    handler: async (req) => createElection(actorCtx(req), req.body),
  });
  r.get(E, {
    config: manage,
    schema: { tags, summary: '选举详情', params: ElectionParams, response: detail },
    handler: async (req) => getElection(actorCtx(req), req.params.id),
  });
  r.put(`${E}/candidates`, {
    config: manage,
    schema: { tags, summary: '确定候选人（按姓氏笔画排序）', params: ElectionParams, body: CandidatesSchema, response: detail },
    handler: async (req) => setCandidates(actorCtx(req), req.params.id, req.body.memberIds),
  });
  r.post(`${E}/approve`, {
    config: manage,
    schema: { tags, summary: '上级党组织批复选举计划', params: ElectionParams, response: detail },
    handler: async (req) => approveElection(actorCtx(req), req.params.id),
  });
  r.post(`${E}/roll`, {
    config: manage,
    schema: { tags, summary: '按名册日期从党员档案生成选举名册', params: ElectionParams, response: detail },
    handler: async (req) => deriveRoll(actorCtx(req), req.params.id),
  });
  r.get(`${E}/voters`, {
    config: manage,
    schema: { tags, summary: '选举名册', params: ElectionParams, querystring: VoterQuerySchema, response: { 200: VoterPageSchema } },
    handler: async (req) => listVoters(actorCtx(req), req.params.id, req.query),
  });
  r.put(`${E}/voters/:voterId/exclusion`, {
    config: manage,
    schema: { tags, summary: '经批准不计入应到会人数（冻结前）', params: VoterParams, body: ExcludeSchema, response: detail },
    handler: async (req) => excludeVoter(actorCtx(req), req.params.id, req.params.voterId, req.body.reason),
  });
  r.post(`${E}/freeze`, {
    config: manage,
    schema: { tags, summary: '冻结选举名册', params: ElectionParams, response: detail },
    handler: async (req) => freezeRoll(actorCtx(req), req.params.id),
  });
  r.post(`${E}/check-in`, {
    config: manage,
    schema: { tags, summary: '签到', params: ElectionParams, body: MemberRefSchema, response: detail },
    handler: async (req) => checkIn(actorCtx(req), req.params.id, req.body.memberId),
  });
  r.post(`${E}/open`, {
    config: manage,
    schema: { tags, summary: '开始投票（须超过应到会人数五分之四）', params: ElectionParams, response: detail },
    handler: async (req) => openVote(actorCtx(req), req.params.id),
  });
  r.post(`${E}/paper`, {
    config: manage,
    schema: { tags, summary: '发放纸质选票（标记为纸质投票）', params: ElectionParams, body: MemberRefSchema, response: detail },
    handler: async (req) => markPaper(actorCtx(req), req.params.id, req.body.memberId),
  });
  r.post(`${E}/close`, {
    config: manage,
    schema: { tags, summary: '结束投票', params: ElectionParams, response: detail },
    handler: async (req) => closeVote(actorCtx(req), req.params.id),
  });
  r.post(`${E}/shortfall`, {
    config: manage,
    schema: { tags, summary: '缺额处理决定（另行选举或减少名额）', params: ElectionParams, body: ShortfallSchema, response: detail },
    handler: async (req) => decideShortfall(actorCtx(req), req.params.id, req.body.decision),
  });
  r.get(`${E}/results`, {
    config: manage,
    schema: { tags, summary: '选举结果（公布前 403）', params: ElectionParams, response: { 200: ResultsSchema } },
    handler: async (req) => managedResults(actorCtx(req), req.params.id),
  });
  r.get(`${E}/results.xlsx`, {
    config: manage,
    schema: { tags, summary: '选举结果报告（Excel）', params: ElectionParams, response: { 200: xlsxFile('选举结果报告') } },
    handler: async (req, reply) => {
      const out = await resultsXlsx(actorCtx(req), req.params.id);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.get(`${E}/export`, {
    config: manage,
    schema: { tags, summary: '导出选举公告板（供 election:verify 验证）', params: ElectionParams, response: { 200: BoardSchema } },
    handler: async (req) => exportElection(actorCtx(req), req.params.id),
  });

  // ── Phone: voters and tellers ──
  r.get('/api/v1/my/elections', {
    config: self,
    schema: { tags, summary: '我的选举', response: { 200: MyElectionListSchema } },
    handler: async (req) => myElections(actorCtx(req)),
  });
  r.get(MY, {
    config: self,
    schema: { tags, summary: '我的一次选举（选票与我的状态）', params: ElectionParams, response: { 200: MyElectionSchema } },
    handler: async (req) => myElection(actorCtx(req), req.params.id),
  });
  r.get(`${MY}/board`, {
    config: self,
    schema: {
      tags,
      summary: '选举公告板（哈希链）',
      params: ElectionParams,
      querystring: BoardQuerySchema,
      response: { 200: BoardSchema },
    },
    handler: async (req) => myBoard(actorCtx(req), req.params.id),
  });
  r.post(`${MY}/ballot`, {
    config: self,
    // No request log line for a ballot: it would pair the voter with the ballot's place on the board.
    logLevel: 'silent',
    schema: {
      tags,
      summary: '投出加密选票（浏览器内加密，附零知识证明）',
      params: ElectionParams,
      body: CastSchema,
      response: { 200: TrackerSchema },
    },
    handler: async (req) => castBallot(actorCtx(req), req.params.id, req.body.ballot),
  });
  r.get(`${MY}/results`, {
    config: self,
    schema: { tags, summary: '选举结果（公布前 403）', params: ElectionParams, response: { 200: ResultsSchema } },
    handler: async (req) => myResults(actorCtx(req), req.params.id),
  });
  r.post(`${MY}/teller/key`, {
    config: self,
    schema: { tags, summary: '监票人：提交公钥', params: ElectionParams, body: TellerKeySchema, response: { 200: Ok } },
    handler: async (req) => submitTellerKey(actorCtx(req), req.params.id, req.body),
  });
  r.post(`${MY}/teller/dealing`, {
    config: self,
    schema: { tags, summary: '监票人：分发密钥份额', params: ElectionParams, body: DealingSchema, response: { 200: Ok } },
    handler: async (req) => submitDealing(actorCtx(req), req.params.id, req.body),
  });
  r.post(`${MY}/teller/share`, {
    config: self,
    schema: { tags, summary: '监票人：提交解密份额', params: ElectionParams, body: DecryptionShareSchema, response: { 200: Ok } },
    handler: async (req) => submitShare(actorCtx(req), req.params.id, req.body),
  });
  r.post(`${MY}/teller/paper`, {
    config: self,
    schema: { tags, summary: '监票人：录入纸质选票', params: ElectionParams, body: PaperCountSchema, response: { 200: Ok } },
    handler: async (req) => submitPaperCount(actorCtx(req), req.params.id, req.body),
  });
}
