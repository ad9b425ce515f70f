import {
  CorrelationQuerySchema,
  CorrelationSchema,
  DashboardExportQuerySchema,
  DashboardQuerySchema,
  DashboardSchema,
  HistoryPageSchema,
  HistoryQuerySchema,
  ImportConfirmSchema,
  ImportIdParams,
  IndicatorImportSchema,
  IndicatorListSchema,
  OrgValuesSchema,
  RefreshResultSchema,
  RefreshSchema,
  ValuesQuerySchema,
  ValuesWriteSchema,
  WriteResultSchema,
} from '@vanguard/shared/api/analytics';
import { idParam } from '@vanguard/shared/api/fields';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readOneFile } from '../../platform/files/upload.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { correlation } from './correlation.service.js';
import { dashboardXlsx } from './dashboard.export.js';
import { dashboard } from './dashboard.service.js';
import { checkImport, confirmImport, getImport, importErrorsXlsx, importTemplate } from './import.service.js';
import { getValues, listIndicators, putValues, valueHistory } from './indicators.service.js';
import { refreshMonth } from './rollups.service.js';

const read = { access: { permission: 'analytics:read' } } as const;
const write = { access: { permission: 'analytics:write' } } as const;
const tags = ['analytics'];

/** Analytics (issue 23): indicators and their values, imports, rollups, dashboards, correlation, and the integration API. */
export async function analyticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/analytics/indicators', {
    config: read,
    schema: { tags, summary: '指标定义（生产、安全、人力）', response: { 200: IndicatorListSchema } },
    handler: async (req) => listIndicators(actorCtx(req)),
  });
  r.get('/api/v1/analytics/values', {
    config: read,
    schema: { tags, summary: '某组织某月的指标值', querystring: ValuesQuerySchema, response: { 200: OrgValuesSchema } },
    handler: async (req) => getValues(actorCtx(req), req.query),
  });
  r.put('/api/v1/analytics/values', {
    config: write,
    schema: {
      tags,
      summary: '表单录入某组织某月的指标值（已有值须 replace=true；改动留痕）',
      body: ValuesWriteSchema,
      response: { 200: WriteResultSchema },
    },
    handler: async (req) => putValues(actorCtx(req), req.body, 'form'),
  });
  r.get('/api/v1/analytics/history', {
    config: read,
    schema: {
      tags,
      summary: '指标值修改记录（谁把哪月从多少改成多少）',
      querystring: HistoryQuerySchema,
      response: { 200: HistoryPageSchema },
    },
    handler: async (req) => valueHistory(actorCtx(req), req.query),
  });
  r.get('/api/v1/analytics/import-template', {
    config: write,
    schema: { tags, summary: '下载指标导入模板（xlsx；CSV 同列亦可）', response: { 200: xlsxFile('指标导入模板') } },
    handler: async (req, reply) => sendXlsx(reply, await importTemplate(actorCtx(req)), '指标导入模板.xlsx', 'indicator-template.xlsx'),
  });
  r.post('/api/v1/analytics/imports', {
    config: write,
    schema: {
      tags,
      summary: '上传并检查指标文件（multipart，字段名 file；只检查，不写入）',
      consumes: ['multipart/form-data'],
      querystring: z.object({ orgId: idParam() }),
      response: { 200: IndicatorImportSchema },
    },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const part = await readOneFile(req, { missing: '请选择要导入的 Excel 或 CSV 文件', tooLarge: '文件超过上传大小上限，请分批导入' });
      return checkImport(ctx, req.query.orgId, { fileName: part.filename || '指标导入.xlsx', bytes: part.data });
    },
  });
  r.get('/api/v1/analytics/imports/:id', {
    config: write,
    schema: { tags, summary: '导入的检查结果', params: ImportIdParams, response: { 200: IndicatorImportSchema } },
    handler: async (req) => getImport(actorCtx(req), req.params.id),
  });
  r.post('/api/v1/analytics/imports/:id/confirm', {
    config: write,
    schema: {
      tags,
      summary: '确认导入：有错误不写；已有值须 replace=true（原值留痕）；一个事务，全部成功或全部不写',
      params: ImportIdParams,
      body: ImportConfirmSchema,
      response: { 200: IndicatorImportSchema },
    },
    handler: async (req) => confirmImport(actorCtx(req), req.params.id, req.body),
  });
  r.get('/api/v1/analytics/imports/:id/errors.xlsx', {
    config: write,
    schema: { tags, summary: '下载导入检查结果', params: ImportIdParams, response: { 200: xlsxFile('导入检查结果') } },
    handler: async (req, reply) =>
      sendXlsx(reply, await importErrorsXlsx(actorCtx(req), req.params.id), '指标导入检查结果.xlsx', 'import-errors.xlsx'),
  });
  r.post('/api/v1/analytics/rollups/refresh', {
    config: write,
    schema: { tags, summary: '立即重算某月的汇总（定时任务之外的按需重算）', body: RefreshSchema, response: { 200: RefreshResultSchema } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const started = performance.now();
      const rows = await refreshMonth(ctx.db, req.body.month, ctx.now());
      return { month: req.body.month, rows, ms: Math.round(performance.now() - started) };
    },
  });
  r.get('/api/v1/analytics/dashboard', {
    config: read,
    schema: {
      tags,
      summary: '看板：某组织（本级及下级合计）与各下级的数字、近12个月趋势',
      querystring: DashboardQuerySchema,
      response: { 200: DashboardSchema },
    },
    handler: async (req) => dashboard(actorCtx(req), req.query),
  });
  r.get('/api/v1/analytics/dashboard.xlsx', {
    config: read,
    schema: {
      tags,
      summary: '导出一张图表的数据（组织 × 指标）',
      querystring: DashboardExportQuerySchema,
      response: { 200: xlsxFile('看板数据') },
    },
    handler: async (req, reply) => {
      const out = await dashboardXlsx(actorCtx(req), req.query);
      return sendXlsx(reply, out.bytes, out.fileName, out.asciiName);
    },
  });
  r.get('/api/v1/analytics/correlation', {
    config: read,
    schema: {
      tags,
      summary: '党建与安全：各支部散点与等级相关（少于 8 个单位不计算）',
      querystring: CorrelationQuerySchema,
      response: { 200: CorrelationSchema },
    },
    handler: async (req) => correlation(actorCtx(req), req.query),
  });
  r.post('/api/v1/integration/indicator-values', {
    config: { access: { token: 'analytics:write' } },
    schema: {
      tags: ['integration'],
      summary: '集成接口：以接口令牌（Authorization: Bearer）写入某组织某月的指标值',
      body: ValuesWriteSchema,
      response: { 200: WriteResultSchema },
    },
    handler: async (req) => putValues(actorCtx(req), req.body, 'api'),
  });
}
