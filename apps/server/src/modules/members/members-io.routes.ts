import {
  ErrorReportQuerySchema,
  ImportCommitSchema,
  ImportIdParams,
  MemberExportQuerySchema,
  MemberImportSchema,
} from '@vanguard/shared/api/members';
import { xlsxFile } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readOneFile } from '../../platform/files/upload.js';
import { actorCtx } from '../../platform/http/access.js';
import { sendXlsx } from '../../platform/http/download.js';
import { exportMembers } from './members-io.export.js';
import { checkImport, commitImport, getImport } from './members-io.import.js';
import { buildErrorReport } from './members-io.report.js';
import { importFiles } from './members-io.store.js';
import { buildImportTemplate } from './members-io.template.js';

export interface MemberIoOptions {
  /** Where uploaded workbooks wait between check and commit (DATA_DIR/imports). */
  importDir: string;
}

/** Excel import (template, check, all-or-nothing commit, error report) and export of members (issue 3). */
export async function memberIoRoutes(app: FastifyInstance, opts: MemberIoOptions) {
  const files = await importFiles(opts.importDir);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/members/import-template', {
    config: { access: { permission: 'members:write' } },
    schema: { tags: ['members'], summary: '下载党员导入模板（xlsx，含下拉选项和填写说明）', response: { 200: xlsxFile('党员导入模板') } },
    handler: async (req, reply) => {
      const bytes = await buildImportTemplate(actorCtx(req));
      return sendXlsx(reply, bytes, '党员导入模板.xlsx', 'member-import-template.xlsx');
    },
  });

  r.post('/api/v1/members/imports', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '上传并检查党员导入文件（multipart，字段名 file；只检查，不写入）',
      consumes: ['multipart/form-data'],
      response: { 200: MemberImportSchema },
    },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const part = await readOneFile(req, { missing: '请选择要导入的 Excel 文件', tooLarge: '文件超过上传大小上限，请分批导入' });
      return checkImport(ctx, files, { fileName: part.filename || '党员导入.xlsx', bytes: part.data });
    },
  });

  r.get('/api/v1/members/imports/:id', {
    config: { access: { permission: 'members:write' } },
    schema: { tags: ['members'], summary: '导入的状态、检查结果与写入进度', params: ImportIdParams, response: { 200: MemberImportSchema } },
    handler: async (req) => getImport(actorCtx(req), req.params.id),
  });

  r.post('/api/v1/members/imports/:id/commit', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '确认导入（all：须无错误；valid-only：只写无误的行）；一个事务，全部成功或全部不写',
      params: ImportIdParams,
      body: ImportCommitSchema,
      response: { 200: MemberImportSchema },
    },
    handler: async (req) => commitImport(actorCtx(req), files, req.params.id, req.body),
  });

  r.get('/api/v1/members/imports/:id/errors.xlsx', {
    config: { access: { permission: 'members:write' } },
    schema: {
      tags: ['members'],
      summary: '下载导入检查结果（原始行，错误单元格标红，附“错误说明”列）',
      params: ImportIdParams,
      querystring: ErrorReportQuerySchema,
      response: { 200: xlsxFile('导入检查结果') },
    },
    handler: async (req, reply) => {
      const report = await buildErrorReport(actorCtx(req), files, req.params.id, req.query);
      return sendXlsx(reply, report.bytes, report.fileName, report.asciiName);
    },
  });

  r.get('/api/v1/members/export.xlsx', {
    config: { access: { permission: 'members:read' } },
    schema: {
      tags: ['members'],
      summary: '导出党员名册（与列表相同的筛选条件；reveal=true 且有权限时不脱敏并审计）',
      querystring: MemberExportQuerySchema,
      response: { 200: xlsxFile('党员名册') },
    },
    handler: async (req, reply) => {
      const out = await exportMembers(actorCtx(req), req.query);
      return sendXlsx(reply, out.stream, out.fileName, out.asciiName);
    },
  });
}
