import { IdParams, pageOf } from '@vanguard/shared';
import {
  DestinationQuery,
  DestinationSchema,
  MyRequestSchema,
  TransferAcceptSchema,
  TransferListQuery,
  TransferProceedSchema,
  TransferRejectSchema,
  TransferSchema,
  TransferStartSchema,
} from '@vanguard/shared/api/relations';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../platform/http/access.js';
import { listMyTransfers, requestTransfer } from './my-transfers.service.js';
import { acceptTransfer, rejectTransfer } from './transfer-receiving.service.js';
import { cancelTransfer, proceedRequest, startTransfer } from './transfer-sending.service.js';
import { getTransfer, listDestinations, listTransfers } from './transfers.service.js';

const tags = ['relations'];

/** 组织关系转接 inside the group: start, accept or return, withdraw; members' requests from the phone. */
export async function transferRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/relation-transfers', {
    config: { access: { permission: 'members:read' } },
    schema: { tags, summary: '组织关系转接（转出 / 转入）', querystring: TransferListQuery, response: { 200: pageOf(TransferSchema) } },
    handler: async (req) => listTransfers(actorCtx(req), req.query),
  });
  r.get('/api/v1/relation-transfers/:id', {
    config: { access: { permission: 'members:read' } },
    schema: { tags, summary: '一条组织关系转接', params: IdParams, response: { 200: TransferSchema } },
    handler: async (req) => getTransfer(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/relation-transfers', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '发起系统内组织关系转接', body: TransferStartSchema, response: { 200: TransferSchema } },
    handler: async (req) => startTransfer(actorCtx(req), req.body),
  });
  r.post('/api/v1/relation-transfers/:id/start', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '按党员申请办理系统内转接', params: IdParams, body: TransferProceedSchema, response: { 200: TransferSchema } },
    handler: async (req) => proceedRequest(actorCtx(req), req.params.id, req.body.toOrgId),
  });
  r.post('/api/v1/relation-transfers/:id/accept', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '接收转入的党员', params: IdParams, body: TransferAcceptSchema, response: { 200: TransferSchema } },
    handler: async (req) => acceptTransfer(actorCtx(req), req.params.id, req.body.effectiveOn),
  });
  r.post('/api/v1/relation-transfers/:id/reject', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags,
      summary: '退回转接（接收方）或不予办理申请（转出方）',
      params: IdParams,
      body: TransferRejectSchema,
      response: { 200: TransferSchema },
    },
    handler: async (req) => rejectTransfer(actorCtx(req), req.params.id, req.body.note),
  });
  r.post('/api/v1/relation-transfers/:id/cancel', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '撤回未接收的转接', params: IdParams, response: { 200: TransferSchema } },
    handler: async (req) => cancelTransfer(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/relation-destinations', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags,
      summary: '可转入的本集团党组织',
      querystring: DestinationQuery,
      response: { 200: z.array(DestinationSchema) },
    },
    handler: async (req) => listDestinations(actorCtx(req), req.query.q),
  });
  r.get('/api/v1/me/relation-transfers', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags, summary: '我的组织关系转接', response: { 200: z.array(TransferSchema) } },
    handler: async (req) => listMyTransfers(actorCtx(req)),
  });
  r.post('/api/v1/me/relation-transfers', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags, summary: '申请转出组织关系', body: MyRequestSchema, response: { 200: TransferSchema } },
    handler: async (req) => requestTransfer(actorCtx(req), req.body),
  });
}
