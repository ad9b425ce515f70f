import { AppError } from '../../platform/errors.js';
import { type CellValue, cellText, cellValue, loadWorkbook, MAX_IMPORT_ROWS } from '../../platform/xlsx.js';

/** The import's columns (template and check): long format, one value per row. */
export const IMPORT_COLUMNS = ['组织编号', '组织名称', '月份', '指标代码', '指标名称', '单位', '数值'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export interface RawRow {
  row: number;
  cells: Partial<Record<ImportColumn, CellValue>>;
}

/** A minimal CSV reader (RFC 4180 quotes, comma or tab, UTF-8 with or without BOM). */
function csvRows(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const sep = text.split('\n', 1)[0].includes('\t') && !text.split('\n', 1)[0].includes(',') ? '\t' : ',';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

const tooMany = () => {
  const message = `单次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`;
  return new AppError('VALIDATION', message, [{ path: 'file', message }]);
};

/** The sheet's data rows keyed by header (the header row names the columns; their order is free). */
export async function readImportFile(fileName: string, bytes: Buffer): Promise<RawRow[]> {
  let grid: CellValue[][];
  if (/\.(csv|txt)$/i.test(fileName)) {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (text.includes('\u0000')) throw new AppError('FILE_TYPE', '只能导入 Excel（.xlsx）或 CSV 文件');
    grid = csvRows(text).map((r) => r.map((c) => (c.trim() === '' ? null : c.trim())));
  } else {
    const wb = await loadWorkbook(bytes);
    const ws = wb.worksheets[0];
    grid = [];
    ws.eachRow({ includeEmpty: true }, (r, n) => {
      const values: CellValue[] = [];
      for (let c = 1; c <= Math.min(r.cellCount, 20); c++) values.push(cellValue(r.getCell(c).value));
      grid[n - 1] = values;
    });
  }
  if (grid.length - 1 > MAX_IMPORT_ROWS) throw tooMany();
  const header = (grid[0] ?? []).map((c) => cellText(c) ?? '');
  const missing = ['月份', '数值'].filter((h) => !header.includes(h));
  if (
    missing.length ||
    (!header.includes('指标代码') && !header.includes('指标名称')) ||
    (!header.includes('组织编号') && !header.includes('组织名称'))
  ) {
    const message = `表头不对：请使用模板（须有 ${IMPORT_COLUMNS.join('、')} 列）`;
    throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
  }
  const out: RawRow[] = [];
  for (let i = 1; i < grid.length; i++) {
    const values = grid[i] ?? [];
    if (values.every((v) => v == null)) continue;
    const cells: RawRow['cells'] = {};
    header.forEach((h, c) => {
      if ((IMPORT_COLUMNS as readonly string[]).includes(h)) cells[h as ImportColumn] = values[c] ?? null;
    });
    out.push({ row: i + 1, cells });
  }
  if (out.length === 0) throw new AppError('VALIDATION', '文件中没有数据行', [{ path: 'file', message: '文件中没有数据行' }]);
  return out;
}
