import ExcelJS from 'exceljs';
import { AppError } from './errors.js';

/** A cell's value reduced to what a sheet of facts holds. */
export type CellValue = string | number | boolean | Date | null;

/** Most data rows one import takes (larger files go in parts). */
export const MAX_IMPORT_ROWS = 50_000;
/** Inflated size an xlsx may declare: a 50,000-row sheet is about 30 MB of XML; anything far above is a zip bomb. */
const MAX_INFLATED_BYTES = 200 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2_000;

const notXlsx = () => new AppError('FILE_TYPE', '只能导入 Excel 文件（.xlsx），请使用下载的模板填写后上传');

/**
 * Reads the zip central directory and adds up the sizes the entries declare (JSZip, which
 * exceljs uses, refuses an entry whose data does not match its declared size), so a small
 * upload that would inflate to gigabytes is refused before anything is inflated.
 */
function assertZipSizes(b: Buffer): void {
  const from = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const entries = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (entries > MAX_ZIP_ENTRIES || entries === 0xffff || p === 0xffffffff) throw notXlsx();
  let inflated = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw notXlsx();
    const size = b.readUInt32LE(p + 24);
    if (size === 0xffffffff) throw new AppError('PAYLOAD_TOO_LARGE', '文件解压后过大，请分批导入');
    inflated += size;
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  if (inflated > MAX_INFLATED_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '文件解压后过大，请分批导入');
}

/**
 * Opens an uploaded workbook: recognised by its bytes (a zip), then it must load as xlsx.
 * Nodes an import never reads are skipped: a crafted data validation or merge over a whole
 * sheet would otherwise be expanded cell by cell.
 */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  assertZipSizes(bytes);
  const wb = new ExcelJS.Workbook();
  const options = {
    ignoreNodes: ['dataValidations', 'mergeCells', 'conditionalFormatting', 'hyperlinks', 'drawing', 'picture', 'extLst', 'tableParts'],
    // Header row, the data rows, and one more to tell "too many" apart.
    maxRows: MAX_IMPORT_ROWS + 2,
    maxCols: 200,
  };
  try {
    // exceljs types `load` with its own Buffer interface; `maxRows`/`maxCols` are read but not typed.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, options as Partial<ExcelJS.XlsxReadOptions>);
  } catch (e) {
    if (e instanceof Error && /^Max \w+ count/.test(e.message)) {
      const message = `表格过大：单次最多导入 ${MAX_IMPORT_ROWS} 行、200 列，请分批导入`;
      throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
    }
    throw notXlsx();
  }
  if (wb.worksheets.length === 0) throw notXlsx();
  return wb;
}

/** Formula results, rich text and hyperlinks reduced to their shown value. */
export function cellValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v == null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return cellValue(v.richText.map((t) => t.text).join(''));
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return cellValue(v.text);
    if ('error' in v) return String(v.error);
  }
  return null;
}

/** Text of a cell (a date cell in a text column reads as YYYY-MM-DD). */
export function cellText(v: CellValue): string | null {
  if (v == null) return null;
  if (v instanceof Date) return dayOf(v);
  const s = String(v).trim();
  return s === '' ? null : s;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel keeps a day as midnight UTC; a float rounding error is absorbed by rounding to the minute. */
const dayOf = (d: Date) => new Date(Math.round(d.getTime() / 60_000) * 60_000).toISOString().slice(0, 10);

function ymd(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A calendar date from a cell: an Excel date (or its serial number), or text as YYYY-MM-DD,
 * YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYYMMDD. `undefined` when the cell is not a date.
 */
export function cellDate(v: CellValue): string | undefined {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return undefined;
    const [y, m, d] = dayOf(v).split('-').map(Number);
    return ymd(y, m, d) ?? undefined;
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 21001231)
      return ymd(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100) ?? undefined;
    // A serial day number (1900 date system): day 25569 is 1970-01-01.
    if (v >= 1 && v < 2958466) return cellDate(new Date(Math.round((v - 25569) * 86_400_000)));
    return undefined;
  }
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? (ymd(Number(m[1]), Number(m[2]), Number(m[3])) ?? undefined) : undefined;
}

/** A calendar date as an Excel date cell value. */
export const excelDate = (iso: string | null | undefined): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** Header cells: bold on a pale red (the Party's colour kept quiet). */
export function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FFC0392B' } } };
  });
}
