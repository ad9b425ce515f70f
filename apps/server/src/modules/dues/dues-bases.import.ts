import { DUES_CATEGORIES, type DuesCategory } from '@vanguard/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { members } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { type CellValue, cellText, cellValue, loadWorkbook, styleHeader } from '../../platform/xlsx.js';
import { likePrefix } from './dues.common.js';
import { writeBase } from './dues-bases.service.js';

/** The payroll sheet's columns (the template writes them; an upload is read by these headers). */
const COLUMNS = {
  name: '姓名',
  idNumber: '身份证号',
  category: '党费类别',
  base: '月计算基数（元）',
  fromMonth: '起始月份',
  note: '备注',
} as const;
const CATEGORY_BY_LABEL = new Map<string, DuesCategory>(Object.entries(DUES_CATEGORIES).map(([k, v]) => [v, k as DuesCategory]));
for (const [k] of Object.entries(DUES_CATEGORIES)) CATEGORY_BY_LABEL.set(k, k as DuesCategory);
CATEGORY_BY_LABEL.set('退休', 'retired');
CATEGORY_BY_LABEL.set('离休', 'retired');
CATEGORY_BY_LABEL.set('下岗失业', 'unemployed');
CATEGORY_BY_LABEL.set('低保', 'unemployed');

interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/** 元 as written in a cell (number or text, at most 2 decimals) → fen; undefined when not money. */
function yuanToFen(v: CellValue): number | undefined {
  if (typeof v === 'number') {
    const f = Math.round(v * 100);
    return Number.isFinite(v) && Math.abs(v * 100 - f) < 1e-6 ? f : undefined;
  }
  const s = cellText(v)?.replace(/[,，\s元]/g, '');
  if (!s || !/^-?\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const [i, d = ''] = s.replace('-', '').split('.');
  const f = Number(i) * 100 + Number(d.padEnd(2, '0'));
  return s.startsWith('-') ? -f : f;
}

function monthOf(v: CellValue, year: number): string | undefined {
  if (v == null) return `${year}-01`;
  if (v instanceof Date) return v.toISOString().slice(0, 7);
  const s = String(v).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  return `${m[1]}-${m[2].padStart(2, '0')}`;
}

/** A template for the org: one row per member in good standing, the base to be filled in. */
export async function buildBaseTemplate(ctx: ActorCtx, orgId: number, year: number): Promise<Buffer> {
  const org = await orgFor(ctx, orgId, 'dues:collect', { dissolved: true });
  const rows = await ctx.db
    .select({ name: members.name })
    .from(members)
    .where(
      and(
        inScope(members.orgPath, scopeOf(ctx.actor, 'dues:collect')),
        sql`${members.orgPath} LIKE ${likePrefix(org.path)}`,
        eq(members.status, 'normal'),
      ),
    )
    .orderBy(asc(members.orgPath), asc(members.id));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年党费基数`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(Object.values(COLUMNS));
  styleHeader(ws.getRow(1));
  [10, 22, 18, 18, 12, 30].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.getColumn(2).numFmt = '@';
  for (const r of rows) ws.addRow([r.name, null, '在职', null, `${year}-01`, null]);
  const help = wb.addWorksheet('填写说明');
  help.addRow(['党费类别：在职、离退休、学生、下岗失业/低保/救济、农民']);
  help.addRow(['月计算基数：税后月工资（在职）或离退休费/养老金（离退休），单位元，最多两位小数；学生等固定额类别可不填']);
  help.addRow(['起始月份：YYYY-MM，年初核定填 1 月；工资变动自新工资发放当月起重新核定']);
  help.addRow(['身份证号可不填；不填时按姓名在本组织内匹配，重名须填身份证号']);
  help.addRow(['整个文件检查无误才会写入，任一行有错则全部不写入']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Imports a payroll sheet of bases: every row is checked first (member found in the org, category,
 * amount, month); any error → nothing is written and the errors name the row and column. Then all
 * rows are written in one transaction, each through the same path as a manual declaration.
 */
export async function importBases(ctx: ActorCtx, orgId: number, year: number, bytes: Buffer) {
  const org = await orgFor(ctx, orgId, 'dues:collect', { dissolved: true });
  const wb = await loadWorkbook(bytes);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => cellText(cellValue(v)));
  const col = (label: string) => header.indexOf(label);
  const missing = [COLUMNS.name, COLUMNS.category, COLUMNS.base].filter((l) => col(l) < 0);
  if (missing.length) {
    const message = `缺少列：${missing.join('、')}（请使用下载的模板）`;
    throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
  }
  const people = await ctx.db
    .select()
    .from(members)
    .where(
      and(
        inScope(members.orgPath, scopeOf(ctx.actor, 'dues:collect')),
        sql`${members.orgPath} LIKE ${likePrefix(org.path)}`,
        eq(members.status, 'normal'),
      ),
    );
  const byName = new Map<string, (typeof people)[number][]>();
  for (const p of people) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const byIdBi = new Map(people.filter((p) => p.idNumberBi).map((p) => [p.idNumberBi as string, p]));

  const errors: ImportRowError[] = [];
  const good: { member: (typeof people)[number]; category: DuesCategory; baseFen?: number; fromMonth: string; note: string | null }[] = [];
  const seen = new Set<string>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const get = (label: string) => (col(label) < 0 ? null : cellValue(row.getCell(col(label)).value));
    const name = cellText(get(COLUMNS.name));
    const idNumber = cellText(get(COLUMNS.idNumber))?.toUpperCase();
    const catText = cellText(get(COLUMNS.category));
    const baseCell = get(COLUMNS.base);
    if (!name && !idNumber && !catText && baseCell == null) return; // blank line
    const err = (column: string, message: string) => errors.push({ row: n, column, message });
    let member = idNumber ? byIdBi.get(ctx.ciphers.members.blindIndex(idNumber)) : undefined;
    if (idNumber && !member) err(COLUMNS.idNumber, `本组织内没有身份证号为 ${idNumber.slice(0, 4)}… 的党员`);
    if (!idNumber) {
      const found = name ? (byName.get(name) ?? []) : [];
      if (!name) err(COLUMNS.name, '请填写姓名');
      else if (found.length === 0) err(COLUMNS.name, `${org.name}内没有名为“${name}”的党员`);
      else if (found.length > 1) err(COLUMNS.idNumber, `“${name}”重名，请填写身份证号`);
      else member = found[0];
    }
    if (member && name && member.name !== name) err(COLUMNS.name, `姓名与身份证号不符（档案为 ${member.name}）`);
    const category = catText ? CATEGORY_BY_LABEL.get(catText) : undefined;
    if (!category) err(COLUMNS.category, '党费类别应为在职、离退休、学生、下岗失业/低保/救济或农民');
    const needsBase = category === 'employed' || category === 'retired';
    const baseFen = baseCell == null ? undefined : yuanToFen(baseCell);
    if (baseCell != null && baseFen === undefined) err(COLUMNS.base, '应为金额（元），最多两位小数');
    else if (baseFen !== undefined && baseFen < 0) err(COLUMNS.base, '计算基数不能为负数');
    else if (baseFen !== undefined && baseFen > 100_000_000) err(COLUMNS.base, '计算基数超出合理范围（不超过 1000000.00 元/月），请核对');
    else if (needsBase && baseFen === undefined) err(COLUMNS.base, '在职、离退休党员须填写月计算基数');
    const fromMonth = monthOf(get(COLUMNS.fromMonth), year);
    if (!fromMonth) err(COLUMNS.fromMonth, '起始月份应为 YYYY-MM');
    else if (!fromMonth.startsWith(String(year))) err(COLUMNS.fromMonth, `起始月份应在 ${year} 年内`);
    if (member && fromMonth) {
      const key = `${member.id}:${fromMonth}`;
      if (seen.has(key)) err(COLUMNS.name, `${member.name} ${fromMonth} 重复出现`);
      seen.add(key);
    }
    if (member && category && fromMonth && errors.every((e) => e.row !== n)) {
      good.push({ member, category, baseFen: needsBase ? baseFen : undefined, fromMonth, note: cellText(get(COLUMNS.note)) });
    }
  });
  if (errors.length) {
    const first = errors[0];
    throw new AppError(
      'VALIDATION',
      `第 ${first.row} 行“${first.column}”：${first.message}（共 ${errors.length} 处错误，未写入任何数据）`,
      errors,
    );
  }
  if (good.length === 0) throw new AppError('VALIDATION', '文件中没有数据行', [{ path: 'file', message: '文件中没有数据行' }]);
  return ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    let rebilled = 0;
    for (const g of good) {
      try {
        const r = await writeBase(
          tx,
          ctx,
          g.member,
          { fromMonth: g.fromMonth, category: g.category, baseFen: g.baseFen, note: g.note },
          'import',
        );
        rebilled += r.rebilled;
      } catch (e) {
        // A rule refusal on one row undoes the whole import: name the row.
        if (e instanceof AppError) throw new AppError('VALIDATION', `${g.member.name}：${e.message}（未写入任何数据）`, e.details);
        throw e;
      }
    }
    await audit(tx, ctx, {
      action: 'dues.base.import',
      entityType: 'org',
      entityId: org.id,
      orgId: org.id,
      after: { year, rows: good.length },
    });
    return { imported: good.length, rebilled };
  });
}
