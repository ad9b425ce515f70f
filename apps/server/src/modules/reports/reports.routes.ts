import { chinaDay } from '@vanguard/shared';
import { IdParams } from '@vanguard/shared/api/auth';
import {
  FollowFileParams,
  FollowFileSchema,
  FollowMessageSchema,
  FollowViewSchema,
  PublicChannelsSchema,
  ReceiptSchema,
  ReportDetailSchema,
  ReportFileParams,
  ReportFlagsSchema,
  ReportHandlersSchema,
  ReportIntakeSchema,
  ReportKeyStatusSchema,
  ReportListQuerySchema,
  ReportMessageInSchema,
  ReportPageSchema,
  ReportPasswordSchema,
  ReportReceiptSchema,
  ReportRewardSchema,
  ReportStatsSchema,
  ReportStatusChangeSchema,
  RewardLedgerQuerySchema,
} from '@vanguard/shared/api/reports';
import { fileResponse, NoContent, xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { onPasswordChange } from '../../platform/auth/password-hooks.js';
import { actorCtx, sessionOf } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { setReportFileDir } from './reports.files.js';
import { intakeLimit, throttled } from './reports.throttle.js';
import { followFile, followFileBytes, followMessage, followView } from './reports-follow.service.js';
import { listAssigned } from './reports-handle.queries.js';
import {
  addMessage,
  changeFlags,
  changeHandlers,
  changeStatus,
  handlerFile,
  markRewardPaid,
  reportDetail,
  setReward,
} from './reports-handle.service.js';
import { fileReport, publicChannels } from './reports-intake.service.js';
import { assertHandler, keyStatus, lockKey, resealOnPasswordChange, setupKey, unlockKey } from './reports-keys.service.js';
import { reportStats, rewardLedger } from './reports-ledger.service.js';

const pub = { access: 'public' } as const;
/* The public routes log warnings and errors only: an info line would carry the request's exact time. */
const quiet = 'warn' as const;
const signedIn = { access: {} } as const;
const tags = ['reports'];
const Done = z.object({ id: z.number().int() });
const INTAKE_BODY = 72 * 1024 * 1024;

function sendFile(reply: FastifyReply, f: { name: string; mime: string; data: Buffer }) {
  const ascii = `file.${
    f.name
      .split('.')
      .pop()
      ?.replace(/[^a-z0-9]/gi, '') ?? 'bin'
  }`;
  return reply
    .header('content-type', f.mime)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .send(f.data);
}

/**
 * 举报 (issue 18). The intake routes are public and keep nothing of who calls them: the request's
 * address goes only to the in-memory limits, ctx.ip is cleared (no audit row carries it) and the logger
 * drops it for these paths (platform/http/log-safe.ts). The handler routes answer 404 to anyone the
 * report is not assigned to, administrators included.
 */
export async function reportsRoutes(app: FastifyInstance, opts: { uploadDir: string }) {
  setReportFileDir(opts.uploadDir);
  onPasswordChange('reports', resealOnPasswordChange);
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/v1/reports/intake')) {
      req.ctx.ip = null;
      req.ctx.requestId = 'reports-intake';
    }
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // ---- public: intake and follow-up with the receipt ----
  r.get('/api/v1/reports/intake/channels', {
    config: pub,
    logLevel: quiet,
    schema: { tags, summary: '举报渠道（无需登录）', response: { 200: PublicChannelsSchema } },
    handler: async (req) => publicChannels(req.ctx),
  });
  r.post('/api/v1/reports/intake', {
    config: pub,
    logLevel: quiet,
    bodyLimit: INTAKE_BODY,
    schema: { tags, summary: '提交举报（无需登录，回执码只显示一次）', body: ReportIntakeSchema, response: { 200: ReportReceiptSchema } },
    handler: async (req) => {
      const now = req.ctx.now();
      if (!intakeLimit.allowed(req.ip, now)) throw throttled();
      intakeLimit.hit(req.ip, now);
      return fileReport(req.ctx, req.body);
    },
  });
  r.post('/api/v1/reports/intake/follow', {
    config: pub,
    logLevel: quiet,
    schema: { tags, summary: '凭回执码查看举报办理情况', body: ReceiptSchema, response: { 200: FollowViewSchema } },
    handler: async (req) => followView(req.ctx, req.body.receipt, req.ip),
  });
  r.post('/api/v1/reports/intake/follow/messages', {
    config: pub,
    logLevel: quiet,
    schema: { tags, summary: '凭回执码补充说明', body: FollowMessageSchema, response: { 200: FollowViewSchema } },
    handler: async (req) => followMessage(req.ctx, req.body.receipt, req.body.text, req.ip),
  });
  r.post('/api/v1/reports/intake/follow/files', {
    config: pub,
    logLevel: quiet,
    bodyLimit: 15 * 1024 * 1024,
    schema: { tags, summary: '凭回执码补充附件', body: FollowFileSchema, response: { 200: FollowViewSchema } },
    handler: async (req) => followFile(req.ctx, req.body.receipt, req.body.file, req.ip),
  });
  r.post('/api/v1/reports/intake/follow/files/:fileId', {
    config: pub,
    logLevel: quiet,
    schema: {
      tags,
      summary: '凭回执码下载附件',
      params: FollowFileParams,
      body: ReceiptSchema,
      response: { 200: fileResponse('application/octet-stream', '附件') },
    },
    handler: async (req, reply) => sendFile(reply, await followFileBytes(req.ctx, req.body.receipt, req.params.fileId, req.ip)),
  });

  // ---- the handler's key ----
  r.get('/api/v1/reports/key', {
    config: signedIn,
    schema: { tags, summary: '举报密钥状态', response: { 200: ReportKeyStatusSchema } },
    handler: async (req) => keyStatus(actorCtx(req), sessionOf(req)),
  });
  r.post('/api/v1/reports/key', {
    config: signedIn,
    schema: { tags, summary: '设置（或重新生成）举报密钥', body: ReportPasswordSchema, response: { 200: ReportKeyStatusSchema } },
    handler: async (req) => setupKey(actorCtx(req), sessionOf(req), req.body.password),
  });
  r.post('/api/v1/reports/key/unlock', {
    config: signedIn,
    schema: { tags, summary: '输入登录密码解锁举报', body: ReportPasswordSchema, response: { 200: ReportKeyStatusSchema } },
    handler: async (req) => unlockKey(actorCtx(req), sessionOf(req), req.body.password),
  });
  r.delete('/api/v1/reports/key/unlock', {
    config: signedIn,
    schema: { tags, summary: '锁定举报（清除内存中的密钥）', response: NoContent },
    handler: async (req, reply) => {
      assertHandler(actorCtx(req));
      lockKey(sessionOf(req));
      return reply.status(204).send(null);
    },
  });

  // ---- the handler's console ----
  r.get('/api/v1/reports', {
    config: signedIn,
    schema: { tags, summary: '我办理的举报', querystring: ReportListQuerySchema, response: { 200: ReportPageSchema } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      assertHandler(ctx);
      return listAssigned(ctx, req.query, chinaDay(ctx.now()));
    },
  });
  r.get('/api/v1/reports/stats', {
    config: signedIn,
    schema: { tags, summary: '举报统计（少于 3 件显示 <3）', response: { 200: ReportStatsSchema } },
    handler: async (req) => reportStats(actorCtx(req)),
  });
  r.get('/api/v1/reports/rewards.xlsx', {
    config: signedIn,
    schema: { tags, summary: '举报奖励台账（Excel）', querystring: RewardLedgerQuerySchema, response: { 200: xlsxFile('举报奖励台账') } },
    handler: async (req, reply) => {
      const { bytes, name } = await rewardLedger(actorCtx(req), req.query);
      return sendXlsx(reply, bytes, name, 'report-rewards.xlsx');
    },
  });
  r.get('/api/v1/reports/:id', {
    config: signedIn,
    schema: { tags, summary: '举报详情（须已解锁）', params: IdParams, response: { 200: ReportDetailSchema } },
    handler: async (req) => reportDetail(actorCtx(req), sessionOf(req), req.params.id),
  });
  r.post('/api/v1/reports/:id/status', {
    config: signedIn,
    schema: {
      tags,
      summary: '受理、调查、办结、归档',
      params: IdParams,
      body: ReportStatusChangeSchema,
      response: { 200: z.object({ id: z.number().int(), status: z.string() }) },
    },
    handler: async (req) => changeStatus(actorCtx(req), sessionOf(req), req.params.id, req.body),
  });
  r.post('/api/v1/reports/:id/messages', {
    config: signedIn,
    schema: { tags, summary: '回复举报人或内部备注', params: IdParams, body: ReportMessageInSchema, response: { 200: Done } },
    handler: async (req) => addMessage(actorCtx(req), sessionOf(req), req.params.id, req.body),
  });
  r.post('/api/v1/reports/:id/handlers', {
    config: signedIn,
    schema: {
      tags,
      summary: '增减办理人员（重新封装密钥）',
      params: IdParams,
      body: ReportHandlersSchema,
      response: { 200: z.object({ id: z.number().int(), handlerIds: z.array(z.number().int()) }) },
    },
    handler: async (req) => changeHandlers(actorCtx(req), sessionOf(req), req.params.id, req.body),
  });
  r.patch('/api/v1/reports/:id', {
    config: signedIn,
    schema: { tags, summary: '标签、重要、延期', params: IdParams, body: ReportFlagsSchema, response: { 200: Done } },
    handler: async (req) => changeFlags(actorCtx(req), sessionOf(req), req.params.id, req.body),
  });
  r.post('/api/v1/reports/:id/reward', {
    config: signedIn,
    schema: { tags, summary: '核定举报奖励', params: IdParams, body: ReportRewardSchema, response: { 200: Done } },
    handler: async (req) => setReward(actorCtx(req), sessionOf(req), req.params.id, req.body.amountFen),
  });
  r.post('/api/v1/reports/:id/reward/paid', {
    config: signedIn,
    schema: { tags, summary: '奖励已领取', params: IdParams, response: { 200: Done } },
    handler: async (req) => markRewardPaid(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/reports/:id/files/:fileId', {
    config: signedIn,
    schema: {
      tags,
      summary: '下载举报附件（须已解锁）',
      params: ReportFileParams,
      response: { 200: fileResponse('application/octet-stream', '附件') },
    },
    handler: async (req, reply) => sendFile(reply, await handlerFile(actorCtx(req), sessionOf(req), req.params.id, req.params.fileId)),
  });
}
