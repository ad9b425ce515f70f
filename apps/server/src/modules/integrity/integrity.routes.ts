import {
  CandidateListSchema,
  CandidateQuery,
  DisciplineCreateSchema,
  DisciplineListQuery,
  DisciplinePageSchema,
  DisciplineSchema,
  IdParams,
} from '@vanguard/shared/api/discipline';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { disciplineCandidates, getDiscipline, listDiscipline, recordDiscipline } from './discipline.service.js';

const tags = ['integrity'];

/** 党纪处分 records (纪委). */
export async function integrityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/discipline-records', {
    config: { access: { permission: 'discipline:record' } },
    schema: { tags, summary: '登记党纪处分（纪委）', body: DisciplineCreateSchema, response: { 200: DisciplineSchema } },
    handler: async (req) => recordDiscipline(actorCtx(req), req.body),
  });
  r.get('/api/v1/discipline-records/candidates', {
    config: { access: { permission: 'discipline:record' } },
    schema: { tags, summary: '可登记处分的党员（按姓名查找）', querystring: CandidateQuery, response: { 200: CandidateListSchema } },
    handler: async (req) => disciplineCandidates(actorCtx(req), req.query),
  });
  r.get('/api/v1/discipline-records', {
    config: { access: { permission: 'discipline:read' } },
    schema: { tags, summary: '党纪处分记录（脱敏）', querystring: DisciplineListQuery, response: { 200: DisciplinePageSchema } },
    handler: async (req) => listDiscipline(actorCtx(req), req.query),
  });
  // Any signed-in person may ask; only the 纪委 and the org department over the member get it — for everyone else it is not there (404, not 403).
  r.get('/api/v1/discipline-records/:id', {
    config: { access: {} },
    schema: { tags, summary: '党纪处分记录详情', params: IdParams, response: { 200: DisciplineSchema } },
    handler: async (req) => getDiscipline(actorCtx(req), req.params.id),
  });
}
