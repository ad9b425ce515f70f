import { pageOf } from '@vanguard/shared';
import {
  CaseCreateSchema,
  CaseDetailSchema,
  CaseListQuery,
  CaseListSchema,
  CaseParams,
  CaseSummarySchema,
  CheckCreateSchema,
  ExportQuery,
  OrgQuery,
  PlanQuery,
  PlanSchema,
  PlanUpsertSchema,
  StepCompleteSchema,
  StepParams,
  VoterSchema,
  WorkerSchema,
  WorkersQuery,
} from '@vanguard/shared/api/recruitment';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerFileOwner } from '../../platform/files/owners.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { exportCases } from './recruitment.export.js';
import { recruitmentFileOwners } from './recruitment.files.js';
import { recruitmentMeRoutes } from './recruitment.me.js';
import { listApprovals, listCases } from './recruitment-board.service.js';
import { createCase, getCase, listApplicableWorkers, listVoters } from './recruitment-cases.service.js';
import { addCheck } from './recruitment-checks.service.js';
import { listPlans, upsertPlan } from './recruitment-plans.service.js';
import { completeStep } from './recruitment-steps.service.js';

const tags = ['recruitment'];

/** Routes of the recruitment module (registered once in app.ts). */
export async function recruitmentRoutes(app: FastifyInstance) {
  registerFileOwner(recruitmentFileOwners);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/recruitment/cases', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags,
      summary: '发展党员看板：本组织及下级在发展中的人员，按阶段，含下一步与期限',
      querystring: CaseListQuery,
      response: { 200: CaseListSchema },
    },
    handler: async (req) => listCases(actorCtx(req), req.query),
  });
  r.get('/api/v1/recruitment/cases/export.xlsx', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags,
      summary: '导出发展党员工作台账（Excel）',
      querystring: ExportQuery,
      response: { 200: xlsxFile() },
    },
    handler: async (req, reply) => {
      const out = await exportCases(actorCtx(req), req.query.orgId, req.query.status);
      return sendXlsx(reply, out.buffer, out.fileName, 'recruitment.xlsx');
    },
  });
  r.get('/api/v1/recruitment/approvals', {
    config: { access: { permission: 'recruitment:approve' } },
    schema: {
      tags,
      summary: '待上级党委办理（备案、预审、谈话、审批）的发展对象',
      querystring: OrgQuery,
      response: { 200: pageOf(CaseSummarySchema) },
    },
    handler: async (req) => listApprovals(actorCtx(req), req.query.orgId),
  });
  r.post('/api/v1/recruitment/cases', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '登记入党申请人（第 1 步：递交入党申请书）', body: CaseCreateSchema, response: { 200: CaseDetailSchema } },
    handler: async (req) => createCase(actorCtx(req), req.body),
  });
  r.get('/api/v1/recruitment/cases/:id', {
    config: { access: { permission: 'members:read' } },
    schema: { tags, summary: '发展对象详情：各步骤记录、考察、表决', params: CaseParams, response: { 200: CaseDetailSchema } },
    handler: async (req) => getCase(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/recruitment/cases/:id/steps/:no', {
    config: { access: { permission: ['members:write', 'recruitment:approve'] } },
    schema: {
      tags,
      summary: '办理一个步骤（按顺序；支部步骤需维护党员档案权限，上级党委步骤需审批权限）',
      params: StepParams,
      body: StepCompleteSchema,
      response: { 200: CaseDetailSchema },
    },
    handler: async (req) => completeStep(actorCtx(req), req.params.id, req.params.no, req.body),
  });
  r.post('/api/v1/recruitment/cases/:id/checks', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '记录支部考察或思想汇报', params: CaseParams, body: CheckCreateSchema, response: { 200: CaseDetailSchema } },
    handler: async (req) => addCheck(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/recruitment/cases/:id/voters', {
    config: { access: { permission: 'members:read' } },
    schema: { tags, summary: '有表决权的正式党员（本支部）', params: CaseParams, response: { 200: pageOf(VoterSchema) } },
    handler: async (req) => listVoters(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/recruitment/workers', {
    config: { access: { permission: 'members:read' } },
    schema: { tags, summary: '可登记为入党申请人的职工', querystring: WorkersQuery, response: { 200: pageOf(WorkerSchema) } },
    handler: async (req) => listApplicableWorkers(actorCtx(req), req.query.orgId, req.query.q),
  });
  r.get('/api/v1/recruitment/plans', {
    config: { access: { permission: 'members:read' } },
    schema: { tags, summary: '年度发展计划与完成情况', querystring: PlanQuery, response: { 200: pageOf(PlanSchema) } },
    handler: async (req) => listPlans(actorCtx(req), req.query.orgId, req.query.year),
  });
  r.put('/api/v1/recruitment/plans', {
    config: { access: { permission: 'members:write' } },
    schema: { tags, summary: '制定或修改支部年度发展计划', body: PlanUpsertSchema, response: { 200: pageOf(PlanSchema) } },
    handler: async (req) => upsertPlan(actorCtx(req), req.body),
  });
  // The applicant's own page on the phone (我的入党进程).
  await recruitmentMeRoutes(app);
}
