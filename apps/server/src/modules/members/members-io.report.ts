import type { ErrorReportQuery, RowError } from '@vanguard/shared/api/members';
import ExcelJS from 'exceljs';
import type { ActorCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { loadWorkbook, styleHeader } from '../../platform/xlsx.js';
import { readSheet } from './members-io.check.js';
import { IMPORT_COLUMNS, REPORT_NOTE_HEADER, REPORT_ROW_HEADER } from './members-io.columns.js';
import { findImport } from './members-io.import.js';
import type { ImportFiles } from './members-io.store.js';

const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const ERROR_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };

/**
 * The error report of an import: the uploaded rows under their own headers, each wrong cell
 * filled red, and a 错误说明 column (plus the original row number). Fixed and uploaded again, it
 * imports like the template: the two added columns are ignored.
 */
export async function buildErrorReport(
  ctx: ActorCtx,
  files: ImportFiles,
  id: number,
  q: ErrorReportQuery,
): Promise<{ fileName: string; asciiName: string; bytes: Buffer }> {
  const imp = await findImport(ctx, id);
  const bytes = await files.load(id, ctx.ciphers.members);
  if (!bytes) throw notFound('该导入的原始文件');
  const sheet = readSheet(await loadWorkbook(bytes));
  const errorsOf = new Map<number, RowError[]>();
  for (const e of imp.errors as RowError[]) errorsOf.set(e.row, [...(errorsOf.get(e.row) ?? []), e]);

  let rows = q.onlyErrors ? sheet.rows.filter((r) => errorsOf.has(r.row)) : sheet.rows;
  if (q.validFirst) rows = [...rows.filter((r) => !errorsOf.has(r.row)), ...rows.filter((r) => errorsOf.has(r.row))];

  const columnOfLabel = new Map<string, number>();
  for (const c of IMPORT_COLUMNS) {
    const i = sheet.colOf.get(c.field);
    if (i !== undefined) columnOfLabel.set(c.label, i + 1);
  }
  const noteCol = sheet.headers.length + 1;
  const okNote = imp.status === 'committed' ? '已导入' : '无误';

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检查结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...sheet.headers, REPORT_NOTE_HEADER, REPORT_ROW_HEADER]);
  styleHeader(ws.getRow(1));
  sheet.headers.forEach((h, i) => {
    const col = IMPORT_COLUMNS.find((c) => columnOfLabel.get(c.label) === i + 1);
    ws.getColumn(i + 1).width = col?.width ?? Math.max(10, h.length * 2 + 2);
    if (col?.kind === 'date') ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    if (col?.field === 'idNumber' || col?.field === 'phone') ws.getColumn(i + 1).numFmt = '@';
  });
  ws.getColumn(noteCol).width = 60;
  ws.getColumn(noteCol + 1).width = 8;

  for (const r of rows) {
    const errors = errorsOf.get(r.row) ?? [];
    const line = ws.addRow([...r.values, errors.length ? errors.map((e) => `${e.column}：${e.message}`).join('；') : okNote, r.row]);
    for (const e of errors) {
      const cell = line.getCell(columnOfLabel.get(e.column) ?? noteCol);
      cell.fill = ERROR_FILL;
      cell.font = ERROR_FONT;
    }
    if (errors.length) {
      line.getCell(noteCol).font = ERROR_FONT;
      line.getCell(noteCol).alignment = { wrapText: true, vertical: 'top' };
    }
  }
  return {
    fileName: `导入检查结果-${imp.id}.xlsx`,
    asciiName: `member-import-${imp.id}-report.xlsx`,
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
