import { chinaDay, valueProblem } from '@vanguard/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { indicatorImports, orgs } from '../../db/schema/index.js';
import { INDICATOR_IMPORTS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { can } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { cellDate, cellText, styleHeader } from '../../platform/xlsx.js';
import { IMPORT_COLUMNS, readImportFile } from './import.parse.js';
import { existingValues, keyOf, listIndicators, type ValueRow, writeValues } from './indicators.service.js';

type Problem = { row: number; column: string; message: string };
type Duplicate = { row: number; orgName: string; month: string; code: string; name: string; oldValue: number; newValue: number };
type StoredRow = ValueRow & { row: number };

function monthOf(v: unknown): string | null {
  if (typeof v === 'string') {
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(v.trim());
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2].padStart(2, '0')}`;
  }
  const day = cellDate(v as never);
  return day ? day.slice(0, 7) : null;
}

const shape = (r: typeof indicatorImports.$inferSelect) => ({
  id: r.id,
  fileName: r.fileName,
  status: r.status as 'checked' | 'committed',
  rowCount: (r.rows as unknown[]).length + new Set((r.errors as Problem[]).map((e) => e.row)).size,
  errors: r.errors as Problem[],
  duplicates: r.duplicates as Duplicate[],
  createdAt: r.createdAt,
});

/**
 * Checks a file of monthly values under `rootId` (check → confirm, as the member import): every row
 * is checked (unit in scope, month not in the future, known indicator, unit of measure, value not
 * negative, no row twice), values the month already holds are listed with their old value; nothing
 * is written to the values.
 */
export async function checkImport(ctx: ActorCtx, rootId: number, file: { fileName: string; bytes: Buffer }) {
  const root = await orgFor(ctx, rootId, 'analytics:write', { field: 'orgId' });
  const raw = await readImportFile(file.fileName, file.bytes);
  const { items } = await listIndicators(ctx);
  const byCode = new Map(items.map((i) => [i.code, i]));
  const byName = new Map(items.map((i) => [i.name, i]));
  const ids = raw.map((r) => Number(cellText(r.cells.组织编号 ?? null))).filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31);
  const names = raw.map((r) => cellText(r.cells.组织名称 ?? null)).filter((n): n is string => !!n);
  const found = await ctx.db
    .select({ id: orgs.id, path: orgs.path, name: orgs.name })
    .from(orgs)
    .where(
      and(
        sql`${orgs.path} LIKE ${`${root.path}%`}`,
        sql`${orgs.dissolvedAt} IS NULL`,
        sql`(${inArray(orgs.id, ids.length ? ids : [0])} OR ${inArray(orgs.name, names.length ? names : [''])})`,
      ),
    );
  const orgById = new Map(found.map((o) => [o.id, o]));
  const orgByName = new Map<string, (typeof found)[number] | null>();
  for (const o of found) orgByName.set(o.name, orgByName.has(o.name) ? null : o);
  const thisMonth = chinaDay(ctx.now()).slice(0, 7);
  const errors: Problem[] = [];
  const rows: StoredRow[] = [];
  const seen = new Map<string, number>();
  for (const r of raw) {
    const bad = (column: string, message: string) => errors.push({ row: r.row, column, message });
    const before = errors.length;
    const idText = cellText(r.cells.组织编号 ?? null);
    const nameText = cellText(r.cells.组织名称 ?? null);
    const org = idText ? orgById.get(Number(idText)) : nameText ? orgByName.get(nameText) : undefined;
    if (!idText && !nameText) bad('组织编号', '请填写组织编号或组织名称');
    else if (org === null) bad('组织名称', `有多个组织名为“${nameText}”，请填写组织编号`);
    else if (!org || !can(ctx.actor, 'analytics:write', org.path))
      bad(idText ? '组织编号' : '组织名称', `组织“${idText ?? nameText}”不在${root.name}及其下级中，或您无权录入`);
    const month = monthOf(r.cells.月份 ?? null);
    if (!month) bad('月份', '月份格式应为 YYYY-MM');
    else if (month > thisMonth) bad('月份', `月份 ${month} 还没到，不能录入`);
    const codeText = cellText(r.cells.指标代码 ?? null);
    const indicatorName = cellText(r.cells.指标名称 ?? null);
    const ind = codeText ? byCode.get(codeText) : indicatorName ? byName.get(indicatorName) : undefined;
    if (!ind)
      bad(codeText ? '指标代码' : '指标名称', codeText || indicatorName ? `没有指标“${codeText ?? indicatorName}”` : '请填写指标代码');
    const unit = cellText(r.cells.单位 ?? null);
    if (ind && unit && unit !== ind.unit) bad('单位', `单位应为“${ind.unit}”，文件中是“${unit}”`);
    const cell = r.cells.数值 ?? null;
    const value = typeof cell === 'number' ? cell : cell == null ? Number.NaN : Number(String(cell).replace(/,/g, ''));
    const problem = cell == null ? '请填写数值' : valueProblem(value);
    if (problem) bad('数值', problem);
    if (errors.length > before || !org || !month || !ind) continue;
    const row = { row: r.row, orgId: org.id, orgPath: org.path, month, code: ind.code, value };
    const first = seen.get(keyOf(row));
    if (first) {
      bad('指标代码', `与第 ${first} 行重复（同一组织、月份、指标）`);
      continue;
    }
    seen.set(keyOf(row), r.row);
    rows.push(row);
  }
  const old = await existingValues(ctx.db, rows);
  const duplicates: Duplicate[] = rows
    .filter((r) => old.has(keyOf(r)))
    .map((r) => ({
      row: r.row,
      orgName: orgById.get(r.orgId)?.name ?? found.find((o) => o.id === r.orgId)?.name ?? '',
      month: r.month,
      code: r.code,
      name: byCode.get(r.code)?.name ?? r.code,
      oldValue: old.get(keyOf(r)) as number,
      newValue: r.value,
    }));
  const [saved] = await ctx.db
    .insert(indicatorImports)
    .values({
      orgId: root.id,
      orgPath: root.path,
      createdBy: ctx.actor.userId,
      fileName: file.fileName.slice(0, 200),
      rows,
      errors,
      duplicates,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .returning();
  return shape(saved);
}

/** An import of one's own (another person's is not there: 404). */
async function ownImport(ctx: ActorCtx, id: number, tx?: Parameters<Parameters<ActorCtx['db']['transaction']>[0]>[0]) {
  const row = await loadFor(ctx, INDICATOR_IMPORTS, id, 'analytics:write', { db: tx, lock: Boolean(tx) });
  if (row.createdBy !== ctx.actor.userId) throw notFound('该导入');
  return row;
}

export async function getImport(ctx: ActorCtx, id: number) {
  return shape(await ownImport(ctx, id));
}

/**
 * Writes a checked import, all or nothing: refused while it has errors; values a month already holds
 * are replaced only with `replace` (each change kept in the history with its old value).
 */
export async function confirmImport(ctx: ActorCtx, id: number, body: { replace: boolean }) {
  return ctx.db.transaction(async (tx) => {
    const imp = await ownImport(ctx, id, tx);
    if (imp.status === 'committed') throw conflict('该文件已导入');
    const errors = imp.errors as Problem[];
    if (errors.length > 0) {
      throw new AppError('VALIDATION', `文件有 ${errors.length} 处错误，未导入任何数据；请改正后重新上传`, [
        { path: 'file', message: '文件有错误' },
      ]);
    }
    await writeValues(tx, ctx, imp.rows as StoredRow[], { source: 'import', replace: body.replace });
    const [done] = await tx
      .update(indicatorImports)
      .set({ status: 'committed', updatedAt: ctx.now() })
      .where(eq(indicatorImports.id, id))
      .returning();
    return shape(done);
  });
}

/** The check's problems as a workbook: row, column, message. */
export async function importErrorsXlsx(ctx: ActorCtx, id: number): Promise<Buffer> {
  const imp = await ownImport(ctx, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检查结果');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 12 },
    { header: '错误说明', key: 'message', width: 60 },
  ];
  styleHeader(ws.getRow(1));
  for (const e of imp.errors as Problem[]) ws.addRow(e);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template: the columns, and every indicator with its code and unit on a second sheet. */
export async function importTemplate(ctx: ActorCtx): Promise<Buffer> {
  const { items } = await listIndicators(ctx);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.columns = IMPORT_COLUMNS.map((h) => ({ header: h, key: h, width: h === '组织名称' || h === '指标名称' ? 22 : 12 }));
  styleHeader(ws.getRow(1));
  const list = wb.addWorksheet('指标');
  list.columns = [
    { header: '指标代码', key: 'code', width: 24 },
    { header: '指标名称', key: 'name', width: 22 },
    { header: '单位', key: 'unit', width: 8 },
    { header: '类别', key: 'category', width: 12 },
  ];
  styleHeader(list.getRow(1));
  for (const i of items) list.addRow(i);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
