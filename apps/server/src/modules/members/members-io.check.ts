import { checkMemberFacts, EDUCATIONS, MEMBER_LABELS, SEXES } from '@vanguard/shared';
import type { RowError } from '@vanguard/shared/api/members';
import { MemberCreateSchema } from '@vanguard/shared/api/members';
import { and, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { members, orgs } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type CellValue, cellDate, cellText, cellValue, MAX_IMPORT_ROWS } from '../../platform/xlsx.js';
import { importTarget } from './members.policy.js';
import { CATEGORY_BY_LABEL, COLUMN_OF, fieldOfHeader, IMPORT_COLUMNS, type ImportField } from './members-io.columns.js';
import { RULES_SHEET } from './members-io.template.js';

/** One data row as uploaded: its Excel row number and its cells under the sheet's own headers. */
interface SheetRow {
  row: number;
  values: CellValue[];
}

export interface ParsedSheet {
  /** The header row as typed (the error report repeats it). */
  headers: string[];
  /** Which column (0-based) holds each field. */
  colOf: Map<ImportField, number>;
  rows: SheetRow[];
}

/** A row is checked against the same schema as the form (without orgId, which the org name gives). */
const ImportRowSchema = MemberCreateSchema.omit({ orgId: true });
type ImportRowInput = z.output<typeof ImportRowSchema>;

export interface ValidRow {
  row: number;
  input: ImportRowInput;
  org: { id: number; path: string };
  idNumberBi: string;
}

/** A row after its own checks, the org lookup and the in-file duplicate check; the database duplicate check comes last. */
interface Draft {
  row: number;
  input?: ImportRowInput;
  org?: { id: number; path: string };
  idNumberBi?: string;
  errors: Map<ImportField, string>;
}

export interface CheckedSheet {
  drafts: Draft[];
  /** The org the import belongs to: the deepest org above every row's org (null when no row named a usable org). */
  orgId: number | null;
}

/** The data sheet (the template's, else the first that is not 说明), its header row and its non-blank rows. */
export function readSheet(wb: ExcelJS.Workbook): ParsedSheet {
  const ws = wb.getWorksheet('党员信息') ?? wb.worksheets.find((w) => w.name !== RULES_SHEET) ?? wb.worksheets[0];
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    headers[col - 1] = cellText(cellValue(cell.value)) ?? '';
  });
  for (let i = 0; i < headers.length; i++) headers[i] ??= '';
  const colOf = new Map<ImportField, number>();
  headers.forEach((h, i) => {
    const field = fieldOfHeader(h);
    if (field && !colOf.has(field)) colOf.set(field, i);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !colOf.has(c.field)).map((c) => c.label);
  if (missing.length === IMPORT_COLUMNS.filter((c) => c.required).length) {
    throw new AppError('VALIDATION', '表格第一行不是导入模板的列名，请下载导入模板填写', [{ path: 'file', message: '未找到列名行' }]);
  }
  if (missing.length) {
    const message = `表格缺少必填列：${missing.join('、')}`;
    throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
  }
  const mapped = [...colOf.values()];
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const raw = row.values as ExcelJS.CellValue[];
    const values = headers.map((_, i) => cellValue(raw[i + 1]));
    if (mapped.some((i) => values[i] != null)) rows.push({ row: n, values });
  });
  if (rows.length === 0) throw new AppError('VALIDATION', '表格中没有数据', [{ path: 'file', message: '表格中没有数据' }]);
  if (rows.length > MAX_IMPORT_ROWS) {
    const message = `单次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`;
    throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
  }
  return { headers, colOf, rows };
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);
const isField = (k: unknown): k is ImportField => typeof k === 'string' && k in COLUMN_OF;

/** Length messages name the column; the schema's own messages (ID number, phone, date formats) are kept. */
function zodMessage(issue: z.core.$ZodIssue, label: string): string {
  if (issue.code === 'too_big') return `${label}不能超过 ${String(issue.maximum)} ${issue.origin === 'array' ? '个' : '个字'}`;
  if (issue.code === 'too_small') return `请填写${label}`;
  return hasChinese(issue.message) ? issue.message : `${label}格式不正确`;
}

const oneOf = (label: string, values: readonly string[]) => `${label}只能填写：${values.join('、')}`;

/** The checks of one row that need nothing but the row: required cells, values, dates, the form's schema and the member facts. */
function checkRow(sheet: ParsedSheet, r: SheetRow): Draft & { orgName?: string } {
  const errors = new Map<ImportField, string>();
  const fail = (f: ImportField, message: string) => {
    if (!errors.has(f)) errors.set(f, message);
  };
  const data: Record<string, unknown> = {};
  let orgName: string | undefined;
  for (const c of IMPORT_COLUMNS) {
    const i = sheet.colOf.get(c.field);
    const v = i === undefined ? null : r.values[i];
    if (v == null) {
      if (c.required) fail(c.field, `请填写${c.label}`);
      continue;
    }
    const text = cellText(v) ?? '';
    switch (c.field) {
      case 'birthDate':
      case 'appliedOn':
      case 'admittedOn':
      case 'fullOn': {
        const day = cellDate(v);
        if (day) data[c.field] = day;
        else fail(c.field, `${c.label}不是有效日期（应为 1985-06-01 或 1985/6/1 这样的日期）`);
        break;
      }
      case 'idNumber':
        // Excel keeps 15 significant digits: an ID typed as a number has already lost its end.
        if (typeof v === 'number') fail(c.field, '身份证号须以文本格式填写（数字格式会丢失末几位）');
        else data.idNumber = text.replace(/\s/g, '').toUpperCase();
        break;
      case 'phone':
        data.phone = text.replace(/\s/g, '');
        break;
      case 'sex':
        if ((SEXES as readonly string[]).includes(text)) data.sex = text;
        else fail(c.field, oneOf(c.label, SEXES));
        break;
      case 'education':
        if ((EDUCATIONS as readonly string[]).includes(text)) data.education = text;
        else fail(c.field, oneOf(c.label, EDUCATIONS));
        break;
      case 'category': {
        const code = CATEGORY_BY_LABEL[text];
        if (code) data.category = code;
        else fail(c.field, oneOf(c.label, c.values ?? []));
        break;
      }
      case 'labels': {
        const labels = [...new Set(text.split(/[、,，;；\s]+/).filter(Boolean))];
        const unknown = labels.filter((l) => !(MEMBER_LABELS as readonly string[]).includes(l));
        if (unknown.length) fail(c.field, `标签“${unknown.join('、')}”不在可选范围内（${MEMBER_LABELS.join('、')}）`);
        else data.labels = labels;
        break;
      }
      case 'org':
        orgName = text;
        break;
      default:
        data[c.field] = text;
    }
  }
  const parsed = ImportRowSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = issue.path[0];
      if (isField(f)) fail(f, zodMessage(issue, COLUMN_OF[f].label));
    }
  }
  // The facts are checked on every cell that was read correctly, so one bad cell does not hide the others' problems.
  const facts = Object.fromEntries(Object.entries(data).filter(([k]) => !errors.has(k as ImportField)));
  for (const p of checkMemberFacts(facts)) if (isField(p.path)) fail(p.path, p.message);
  return { row: r.row, input: parsed.success ? parsed.data : undefined, errors, orgName };
}

/** `column = ANY($1)`: one parameter whatever the number of values. */
const anyOf = (column: AnyPgColumn, values: string[]): SQL => sql`${column} = ANY(${sql.param(values)}::text[])`;

/** The deepest org whose subtree holds all these paths (`/1/5/23/` and `/1/5/40/` → 5). */
function commonOrg(paths: string[]): number | null {
  if (!paths.length) return null;
  let common = paths[0].split('/').filter(Boolean);
  for (const p of paths) {
    const parts = p.split('/').filter(Boolean);
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.length ? Number(common[common.length - 1]) : null;
}

/**
 * Every check but the database duplicate: each row on its own, then 所属党组织 (exactly one live
 * org of that full name inside the actor's members:write scope; one query for all names), then
 * ID numbers repeated inside the file (every row of a repeat is reported).
 */
export async function checkSheet(ctx: ActorCtx, sheet: ParsedSheet): Promise<CheckedSheet> {
  const drafts = sheet.rows.map((r) => checkRow(sheet, r));

  const names = [...new Set(drafts.map((d) => d.orgName).filter((n): n is string => !!n))];
  const found = names.length
    ? await ctx.db
        .select({ id: orgs.id, name: orgs.name, path: orgs.path })
        .from(orgs)
        .where(and(anyOf(orgs.name, names), isNull(orgs.dissolvedAt)))
    : [];
  const orgOf = new Map<string, { id: number; path: string } | string>();
  for (const name of names)
    orgOf.set(
      name,
      importTarget(
        ctx.actor,
        name,
        found.filter((o) => o.name === name),
      ),
    );
  for (const d of drafts) {
    const org = d.orgName ? orgOf.get(d.orgName) : undefined;
    if (typeof org === 'string') d.errors.set('org', org);
    else if (org) d.org = org;
  }

  const cipher = ctx.ciphers.members;
  const rowsOf = new Map<string, Draft[]>();
  for (const d of drafts) {
    if (!d.input?.idNumber || d.errors.has('idNumber')) continue;
    d.idNumberBi = cipher.blindIndex(d.input.idNumber);
    rowsOf.set(d.idNumberBi, [...(rowsOf.get(d.idNumberBi) ?? []), d]);
  }
  for (const same of rowsOf.values()) {
    if (same.length < 2) continue;
    for (const d of same) {
      const others = same.filter((o) => o !== d).map((o) => o.row);
      d.errors.set('idNumber', `与第 ${others.join('、')} 行的身份证号重复`);
    }
  }
  return { drafts, orgId: commonOrg(drafts.flatMap((d) => (d.org ? [d.org.path] : []))) };
}

/** Blind indexes of the file's ID numbers. */
export const blindIndexesOf = (c: CheckedSheet) => c.drafts.flatMap((d) => (d.idNumberBi ? [d.idNumberBi] : []));

/** Which of these ID numbers (as blind indexes) the archive already holds, in any org: one query. */
export async function existingIdNumbers(db: DbOrTx, bis: string[]): Promise<Set<string>> {
  if (!bis.length) return new Set();
  const rows = await db.select({ bi: members.idNumberBi }).from(members).where(anyOf(members.idNumberBi, bis));
  return new Set(rows.map((r) => r.bi as string));
}

/** The final verdict: errors by row and column (the template's column order), and the rows to write. */
export function finishCheck(c: CheckedSheet, existing: Set<string>): { errors: RowError[]; valid: ValidRow[] } {
  const errors: RowError[] = [];
  const valid: ValidRow[] = [];
  for (const d of c.drafts) {
    const rowErrors = new Map(d.errors);
    if (d.idNumberBi && existing.has(d.idNumberBi) && !rowErrors.has('idNumber')) {
      rowErrors.set('idNumber', '该身份证号已在党员档案中（如需修改请在档案中编辑）');
    }
    if (rowErrors.size === 0 && d.input && d.org && d.idNumberBi) {
      valid.push({ row: d.row, input: d.input, org: d.org, idNumberBi: d.idNumberBi });
      continue;
    }
    if (rowErrors.size === 0) errors.push({ row: d.row, column: COLUMN_OF.name.label, message: '该行数据无法读取' });
    for (const col of IMPORT_COLUMNS) {
      const message = rowErrors.get(col.field);
      if (message) errors.push({ row: d.row, column: col.label, message });
    }
  }
  return { errors, valid };
}
