import ExcelJS from 'exceljs';
import { styleHeader } from '../../platform/xlsx.js';

/** A workbook with one sheet and its header row styled. */
export function newWorkbook(name: string, columns: Partial<ExcelJS.Column>[]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(name);
  sheet.columns = columns;
  styleHeader(sheet.getRow(1));
  return { wb, sheet };
}
