import { chinaDay, DUES_CATEGORIES, DUES_RULESETS, duesRulesetOn, IdParams, pageOf } from '@vanguard/shared';
import {
  ArrearsQuery,
  ArrearsRowSchema,
  BaseDeclareSchema,
  BaseImportResultSchema,
  BaseListQuery,
  BaseRowSchema,
  BaseSchema,
  BranchMateSchema,
  CalculateResultSchema,
  CalculateSchema,
  CaseListQuery,
  CaseResolveSchema,
  CaseSchema,
  ConfirmSchema,
  DuesRulesetsSchema,
  DuesSettingsSchema,
  DuesSettingsUpdateSchema,
  ExpenseCreateSchema,
  ExpenseSchema,
  GenerateResultSchema,
  GenerateSchema,
  LedgerQuery,
  LedgerSchema,
  LedgerXlsxQuery,
  MemberOpenBillsSchema,
  MyDuesSchema,
  MyProxySchema,
  PaymentCreateSchema,
  PaymentListQuery,
  PaymentReportSchema,
  PaymentSchema,
  ProxyConsentSchema,
  PublicationSchema,
  ReasonSchema,
  RemittanceQuery,
  RemittanceSchema,
  YearQuery,
  YearSummarySchema,
} from '@vanguard/shared/api/dues';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { registerFileOwner } from '../../platform/files/owners.js';
import { readOneFile } from '../../platform/files/upload.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { duesProofFiles } from './dues.files.js';
import { listArrears, listCases, resolveCase } from './dues-arrears.js';
import { buildBaseTemplate, importBases } from './dues-bases.import.js';
import { calculate, declareBase, listBases, memberBases } from './dues-bases.service.js';
import { generateBills, ledger } from './dues-billing.service.js';
import { recordPayment } from './dues-payment-record.service.js';
import { confirmPayment, rejectPayment, reportPayment } from './dues-payment-reports.service.js';
import { reversePayment } from './dues-payment-reversal.service.js';
import { getPayment, listPayments, memberOpenBills, myPayment } from './dues-payments.service.js';
import { branchMates, giveConsent, revokeConsent } from './dues-proxy.service.js';
import {
  createExpense,
  ledgerXlsx,
  publication,
  publicationXlsx,
  remittance,
  remittanceXlsx,
  summaryXlsx,
  yearSummary,
} from './dues-reports.service.js';
import { myDues } from './dues-self.service.js';
import { duesSettings, setDuesSettings } from './dues-settings.service.js';

const collect = { access: { permission: 'dues:collect' } } as const;
const self = { access: { permission: 'self:portal' } } as const;
const tags = ['dues'];

/** Routes of the dues module (registered once in app.ts). */
export async function duesRoutes(app: FastifyInstance) {
  registerFileOwner(duesProofFiles);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/dues/ruleset', {
    config: { access: { permission: ['dues:collect', 'self:portal'] } },
    schema: { tags, summary: '党费规则（当前版本与历史版本，含依据）', response: { 200: DuesRulesetsSchema } },
    handler: async (req) => ({ current: duesRulesetOn(chinaDay(actorCtx(req).now())), all: DUES_RULESETS, categories: DUES_CATEGORIES }),
  });
  r.get('/api/v1/dues/settings', {
    config: collect,
    schema: { tags, summary: '党费取整方式和上缴周期（集团统一设置）', response: { 200: DuesSettingsSchema } },
    handler: async (req) => duesSettings(actorCtx(req)),
  });
  r.put('/api/v1/dues/settings', {
    config: collect,
    schema: {
      tags,
      summary: '设置党费取整方式和上缴周期（仅集团党委；取整只对此后核定的基数生效）',
      body: DuesSettingsUpdateSchema,
      response: { 200: DuesSettingsSchema },
    },
    handler: async (req) => setDuesSettings(actorCtx(req), req.body),
  });
  r.post('/api/v1/dues/calculate', {
    config: { access: { permission: ['dues:collect', 'self:portal'] } },
    schema: { tags, summary: '按类别和月计算基数（分）计算每月应交党费', body: CalculateSchema, response: { 200: CalculateResultSchema } },
    handler: async (req) => calculate(actorCtx(req), req.body),
  });

  // Bases (计算基数) — declared per year, re-determined on a salary change, imported from payroll.
  r.get('/api/v1/dues/bases', {
    config: collect,
    schema: {
      tags,
      summary: '党员党费基数与标准（基数默认脱敏；reveal=true 且有敏感信息权限时显示并审计）',
      querystring: BaseListQuery,
      response: { 200: pageOf(BaseRowSchema) },
    },
    handler: async (req) => listBases(actorCtx(req), req.query),
  });
  r.post('/api/v1/dues/bases', {
    config: collect,
    schema: {
      tags,
      summary: '核定党费基数（1 月为年初核定；其他月份为工资变动重新核定），未缴账单随之调整',
      body: BaseDeclareSchema,
      response: { 200: BaseSchema },
    },
    handler: async (req) => declareBase(actorCtx(req), req.body),
  });
  r.get('/api/v1/dues/members/:id/bases', {
    config: collect,
    schema: { tags, summary: '党员的核定历史', params: IdParams, response: { 200: z.array(BaseSchema) } },
    handler: async (req) => memberBases(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/dues/members/:id/open-bills', {
    config: collect,
    schema: { tags, summary: '党员未交的月份（最早的在前，含待确认）', params: IdParams, response: { 200: MemberOpenBillsSchema } },
    handler: async (req) => memberOpenBills(actorCtx(req), req.params.id),
  });
  r.get('/api/v1/dues/bases/template.xlsx', {
    config: collect,
    schema: { tags, summary: '下载党费基数导入模板（预填本组织党员）', querystring: YearQuery, response: { 200: xlsxFile() } },
    handler: async (req, reply) => {
      const bytes = await buildBaseTemplate(actorCtx(req), req.query.orgId, req.query.year);
      return sendXlsx(reply, bytes, `党费基数-${req.query.year}.xlsx`, `dues-bases-${req.query.year}.xlsx`);
    },
  });
  r.post('/api/v1/dues/bases/import', {
    config: collect,
    schema: {
      tags,
      summary: '从工资表导入党费基数（multipart，字段名 file；逐行检查，有任何错误则全部不写入）',
      consumes: ['multipart/form-data'],
      querystring: YearQuery,
      response: { 200: BaseImportResultSchema },
    },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const part = await readOneFile(req, { missing: '请选择要导入的 Excel 文件' });
      return importBases(ctx, req.query.orgId, req.query.year, part.data);
    },
  });

  // Bills and ledgers.
  r.post('/api/v1/dues/bills/generate', {
    config: collect,
    schema: {
      tags,
      summary: '生成某月党费账单（一条集合 SQL，可重复执行）',
      body: GenerateSchema,
      response: { 200: GenerateResultSchema },
    },
    handler: async (req) => generateBills(actorCtx(req), req.body),
  });
  r.get('/api/v1/dues/ledger', {
    config: collect,
    schema: { tags, summary: '月度党费收缴台账（应缴/实缴/欠缴/减免）', querystring: LedgerQuery, response: { 200: LedgerSchema } },
    handler: async (req) => ledger(actorCtx(req), req.query),
  });
  r.get('/api/v1/dues/ledger.xlsx', {
    config: collect,
    schema: {
      tags,
      summary: '导出月度党费收缴台账（Excel）',
      querystring: LedgerXlsxQuery,
      response: { 200: xlsxFile() },
    },
    handler: async (req, reply) => {
      const out = await ledgerXlsx(actorCtx(req), req.query.orgId, req.query.month);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.get('/api/v1/dues/summary', {
    config: collect,
    schema: { tags, summary: '年度党费收缴汇总', querystring: YearQuery, response: { 200: YearSummarySchema } },
    handler: async (req) => yearSummary(actorCtx(req), req.query),
  });
  r.get('/api/v1/dues/publication', {
    config: collect,
    schema: { tags, summary: '年度党费收缴、使用情况公示', querystring: YearQuery, response: { 200: PublicationSchema } },
    handler: async (req) => publication(actorCtx(req), req.query),
  });
  r.get('/api/v1/dues/publication.xlsx', {
    config: collect,
    schema: { tags, summary: '导出年度公示表（Excel）', querystring: YearQuery, response: { 200: xlsxFile() } },
    handler: async (req, reply) => {
      const out = await publicationXlsx(actorCtx(req), req.query.orgId, req.query.year);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.get('/api/v1/dues/summary.xlsx', {
    config: collect,
    schema: { tags, summary: '导出年度党员交纳党费登记表（Excel）', querystring: YearQuery, response: { 200: xlsxFile() } },
    handler: async (req, reply) => {
      const out = await summaryXlsx(actorCtx(req), req.query.orgId, req.query.year);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.get('/api/v1/dues/remittance.xlsx', {
    config: collect,
    schema: { tags, summary: '导出党费上缴汇总表（Excel）', querystring: RemittanceQuery, response: { 200: xlsxFile() } },
    handler: async (req, reply) => {
      const out = await remittanceXlsx(actorCtx(req), req.query);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.get('/api/v1/dues/remittance', {
    config: collect,
    schema: { tags, summary: '党费上缴汇总（按下级组织）', querystring: RemittanceQuery, response: { 200: RemittanceSchema } },
    handler: async (req) => remittance(actorCtx(req), req.query),
  });
  r.post('/api/v1/dues/expenses', {
    config: collect,
    schema: {
      tags,
      summary: '登记党费使用',
      body: ExpenseCreateSchema,
      response: { 200: ExpenseSchema },
    },
    handler: async (req) => createExpense(actorCtx(req), req.body),
  });

  // Arrears and 自行脱党 review cases.
  r.get('/api/v1/dues/arrears', {
    config: collect,
    schema: {
      tags,
      summary: '欠缴名单（连续未缴月数，按支部或整个下级范围）',
      querystring: ArrearsQuery,
      response: { 200: pageOf(ArrearsRowSchema) },
    },
    handler: async (req) => listArrears(actorCtx(req), req.query),
  });
  r.get('/api/v1/dues/cases', {
    config: collect,
    schema: {
      tags,
      summary: '连续 6 个月未交党费的审查事项',
      querystring: CaseListQuery,
      response: { 200: z.array(CaseSchema) },
    },
    handler: async (req) => listCases(actorCtx(req), req.query.orgId, req.query.status),
  });
  r.post('/api/v1/dues/cases/:id/resolve', {
    config: collect,
    schema: {
      tags,
      summary: '登记审查结果',
      params: IdParams,
      body: CaseResolveSchema,
      response: { 200: CaseSchema },
    },
    handler: async (req) => {
      const c = await resolveCase(actorCtx(req), req.params.id, req.body);
      if (!c) throw new AppError('NOT_FOUND');
      return c;
    },
  });

  // Payments.
  r.get('/api/v1/dues/payments', {
    config: collect,
    schema: {
      tags,
      summary: '缴费记录（含待确认的党员报告、大额党费、冲正）',
      querystring: PaymentListQuery,
      response: { 200: pageOf(PaymentSchema) },
    },
    handler: async (req) => listPayments(actorCtx(req), req.query),
  });
  r.post('/api/v1/dues/payments', {
    config: collect,
    schema: {
      tags,
      summary: '登记收到的党费（现金/转账；补交、预交、自愿多交、大额党费、代缴）',
      body: PaymentCreateSchema,
      response: { 200: PaymentSchema },
    },
    handler: async (req) => recordPayment(actorCtx(req), req.body),
  });
  r.get('/api/v1/dues/payments/:id', {
    config: collect,
    schema: { tags, summary: '缴费记录（收据）', params: IdParams, response: { 200: PaymentSchema } },
    handler: async (req) => getPayment(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/dues/payments/:id/confirm', {
    config: collect,
    schema: {
      tags,
      summary: '确认党员报告的缴费（重复确认不改变任何数据）',
      params: IdParams,
      body: ConfirmSchema,
      response: { 200: PaymentSchema },
    },
    handler: async (req) => confirmPayment(actorCtx(req), req.params.id, req.body),
  });
  r.post('/api/v1/dues/payments/:id/reject', {
    config: collect,
    schema: { tags, summary: '退回党员报告的缴费', params: IdParams, body: ReasonSchema, response: { 200: PaymentSchema } },
    handler: async (req) => rejectPayment(actorCtx(req), req.params.id, req.body.reason),
  });
  r.post('/api/v1/dues/payments/:id/reverse', {
    config: collect,
    schema: {
      tags,
      summary: '冲正已确认的缴费（新增一条冲正记录，原记录不改）',
      params: IdParams,
      body: ReasonSchema,
      response: { 200: PaymentSchema },
    },
    handler: async (req) => reversePayment(actorCtx(req), req.params.id, req.body.reason),
  });

  // 我的党费 (phone portal).
  r.get('/api/v1/dues/me', {
    config: self,
    schema: { tags, summary: '我的党费：标准及计算方法、账单、欠缴、缴费记录', response: { 200: MyDuesSchema } },
    handler: async (req) => myDues(actorCtx(req)),
  });
  r.post('/api/v1/dues/me/payments', {
    config: self,
    schema: { tags, summary: '报告已缴党费（附凭证照片，待支部确认）', body: PaymentReportSchema, response: { 200: PaymentSchema } },
    handler: async (req) => reportPayment(actorCtx(req), req.body),
  });
  r.get('/api/v1/dues/me/branch-members', {
    config: self,
    schema: { tags, summary: '本支部党员（选择代缴人）', response: { 200: z.array(BranchMateSchema) } },
    handler: async (req) => branchMates(actorCtx(req)),
  });
  r.put('/api/v1/dues/me/proxy', {
    config: self,
    schema: { tags, summary: '委托本支部党员代缴党费（至某月）', body: ProxyConsentSchema, response: { 200: MyProxySchema } },
    handler: async (req) => giveConsent(actorCtx(req), req.body),
  });
  r.delete('/api/v1/dues/me/proxy', {
    config: self,
    schema: { tags, summary: '撤销代缴委托', response: { 200: MyProxySchema } },
    handler: async (req) => revokeConsent(actorCtx(req)),
  });
  r.get('/api/v1/dues/me/payments/:id', {
    config: self,
    schema: { tags, summary: '我的缴费收据', params: IdParams, response: { 200: PaymentSchema } },
    handler: async (req) => myPayment(actorCtx(req), req.params.id),
  });
}
