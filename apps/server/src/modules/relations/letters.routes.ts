import { IdParams, pageOf } from '@vanguard/shared';
import {
  IncomingSchema,
  LetterGetQuery,
  LetterIssueSchema,
  LetterListQuery,
  LetterReissueSchema,
  LetterSchema,
  ReceiptSchema,
} from '@vanguard/shared/api/relations';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { registerIncoming } from './letter-incoming.service.js';
import { issueLetter, reissueLetter } from './letter-issue.service.js';
import { recordReceipt } from './letter-receipts.service.js';
import { getLetter, listLetters } from './letters.service.js';

const tags = ['relations'];

/** 党员组织关系介绍信 out of the system (issue, re-issue, receipt) and into it (register, print the receipt). */
export async function letterRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/relation-letters', {
    config: { access: { permission: 'members:read' } },
    schema: { tags, summary: '组织关系介绍信台账', querystring: LetterListQuery, response: { 200: pageOf(LetterSchema) } },
    handler: async (req) => listLetters(actorCtx(req), req.query),
  });
  r.get('/api/v1/relation-letters/:id', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags,
      summary: '一封介绍信（reveal=true 打印用，显示身份证号，记审计）',
      params: IdParams,
      querystring: LetterGetQuery,
      response: { 200: LetterSchema },
    },
    handler: async (req) => getLetter(actorCtx(req), req.params.id, req.query.reveal),
  });
  r.post('/api/v1/relation-letters', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '开具组织关系介绍信（转出系统外）', body: LetterIssueSchema, response: { 200: LetterSchema } },
    handler: async (req) => issueLetter(actorCtx(req), req.body),
  });
  r.post('/api/v1/relation-letters/:id/reissue', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '过期介绍信重新开具', params: IdParams, body: LetterReissueSchema, response: { 200: LetterSchema } },
    handler: async (req) => reissueLetter(actorCtx(req), req.params.id, req.body.validityDays),
  });
  r.post('/api/v1/relation-letters/receipts', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '登记寄回的回执（按介绍信编号）', body: ReceiptSchema, response: { 200: LetterSchema } },
    handler: async (req) => recordReceipt(actorCtx(req), req.body),
  });
  r.post('/api/v1/relation-letters/incoming', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '持介绍信转入的党员报到登记', body: IncomingSchema, response: { 200: LetterSchema } },
    handler: async (req) => registerIncoming(actorCtx(req), req.body),
  });
}
