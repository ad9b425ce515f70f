import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import {
  MemberHistoryListSchema,
  MemberParams,
  MemberRecordInputSchema,
  MemberRecordListSchema,
  MemberRecordSchema,
  PhotoSchema,
  RecordParams,
  RevealQuery,
} from '@vanguard/shared/api/members';
import { fileResponse, NoContent } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { addRecord, deleteRecord, listHistory, listRecords, photoFile, replaceRecord, setPhoto } from './records.service.js';

/** Sub-records (履历、任职、奖惩、培训、家庭成员), the status history and the photo of a member. */
export async function memberRecordRoutes(app: FastifyInstance, opts: { uploadDir: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/members/:id/records', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags: ['members'],
      summary: '履历、任职、奖惩、培训、家庭成员（惩处记录需 reveal 且有敏感信息权限）',
      params: MemberParams,
      querystring: RevealQuery,
      response: { 200: MemberRecordListSchema },
    },
    handler: async (req) => ({ items: await listRecords(actorCtx(req), req.params.id, req.query.reveal) }),
  });
  r.post('/api/v1/members/:id/records', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '新增档案子记录',
      params: MemberParams,
      body: MemberRecordInputSchema,
      response: { 200: MemberRecordSchema },
    },
    handler: async (req) => addRecord(actorCtx(req), req.params.id, req.body),
  });
  r.put('/api/v1/members/:id/records/:recordId', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '修改档案子记录',
      params: RecordParams,
      body: MemberRecordInputSchema,
      response: { 200: MemberRecordSchema },
    },
    handler: async (req) => replaceRecord(actorCtx(req), req.params.id, req.params.recordId, req.body),
  });
  r.delete('/api/v1/members/:id/records/:recordId', {
    config: { access: { permission: 'members:write' } },
    schema: { tags: ['members'], summary: '删除档案子记录', params: RecordParams, response: NoContent },
    handler: async (req, reply) => {
      await deleteRecord(actorCtx(req), req.params.id, req.params.recordId);
      return reply.code(204).send(null);
    },
  });
  r.get('/api/v1/members/:id/history', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags: ['members'],
      summary: '类别与状态变更记录',
      params: MemberParams,
      response: { 200: MemberHistoryListSchema },
    },
    handler: async (req) => ({ items: await listHistory(actorCtx(req), req.params.id) }),
  });
  r.put('/api/v1/members/:id/photo', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '设置照片（先上传到 /api/v1/files；fileId 为 null 时移除）',
      params: MemberParams,
      body: PhotoSchema,
      response: NoContent,
    },
    handler: async (req, reply) => {
      await setPhoto(actorCtx(req), req.params.id, req.body.fileId);
      return reply.code(204).send(null);
    },
  });
  r.get('/api/v1/members/:id/photo', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags: ['members'],
      summary: '照片',
      params: MemberParams,
      response: { 200: fileResponse('image/*', '照片（JPG/PNG/WebP）') },
    },
    handler: async (req, reply) => {
      const file = await photoFile(actorCtx(req), req.params.id);
      reply.header('content-type', file.mime);
      reply.header('content-disposition', 'inline');
      return reply.send(createReadStream(join(opts.uploadDir, file.storageKey)));
    },
  });
}
