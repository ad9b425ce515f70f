import { and, asc, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { orgs } from '../../db/schema/index.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { MAX_IMPORT_ROWS, styleHeader } from '../../platform/xlsx.js';
import { IMPORT_COLUMNS, templateHeader } from './members-io.columns.js';

const DATA_SHEET = '党员信息';
export const RULES_SHEET = '说明';
/** Orgs listed in the template's dropdown (a group larger than this types the name). */
const MAX_LISTED_ORGS = 5_000;

/** Where a dropdown's values sit on the 说明 sheet. */
type ListSpec = { title: string; values: readonly string[] };

const RULES = [
  '1. 第一行是列名，请勿修改或删除；带 * 的列必须填写。列的顺序可以调整，多余的列会被忽略。',
  '2. 日期可填 Excel 日期，或文本 1985-06-01、1985/6/1、1985.6.1、1985年6月1日。',
  '3. 身份证号为 18 位，校验位须正确，且须与出生日期、性别一致；请以文本填写（Excel 数字格式会丢失末几位）。',
  '4. 日期先后：申请入党日期 < 入党日期 < 转正日期；入党时须年满十八岁（党章第一条）。',
  '5. 人员类别为“正式党员”的须填写转正日期；为“预备党员”的须填写入党日期，不填转正日期。',
  '6. 所属党组织填写党组织全称，须是您有权维护的、未撤销的党组织；同名的党组织须先改名区分。',
  '7. 同一文件中身份证号不得重复；系统中已有的身份证号不能再次导入（请在档案中修改）。',
  '8. 上传后系统先检查全部行，不写入任何数据；检查结果可下载错误报告（出错的单元格标红，并附“错误说明”列）。',
  '9. 确认导入时可选择“全部导入”（须无任何错误）或“仅导入无误的行”；写入在一个事务中完成，要么全部成功，要么全部不写入。',
  `10. 单次最多 ${MAX_IMPORT_ROWS} 行；文件不超过上传大小上限。`,
];

/** The import template: the data sheet with dropdowns, and 说明 with the rules and allowed values (issue 3 item 7). */
export async function buildImportTemplate(ctx: ActorCtx): Promise<Buffer> {
  const writable = await ctx.db
    .select({ name: orgs.name })
    .from(orgs)
    .where(and(inScope(orgs.path, scopeOf(ctx.actor, 'members:write')), isNull(orgs.dissolvedAt)))
    .orderBy(asc(orgs.path))
    .limit(MAX_LISTED_ORGS);

  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋智慧党建';
  const data = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const rules = wb.addWorksheet(RULES_SHEET);

  data.columns = IMPORT_COLUMNS.map((c) => ({
    header: templateHeader(c),
    key: c.field,
    width: c.width,
    // Text format keeps 18-digit ID numbers and leading zeros whole.
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.field === 'idNumber' || c.field === 'phone' ? { numFmt: '@' } : {},
  }));
  const header = data.getRow(1);
  styleHeader(header);
  header.height = 22;
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = c.hint;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC0392B' } };
  });

  // 说明: the columns and the rules on the left, the allowed values on the right (the dropdowns read them).
  rules.getColumn(1).width = 14;
  rules.getColumn(2).width = 6;
  rules.getColumn(3).width = 70;
  rules.getCell('A1').value = '党员信息导入说明';
  rules.getCell('A1').font = { bold: true, size: 14 };
  rules.getRow(3).values = ['列名', '必填', '填写要求'];
  styleHeader(rules.getRow(3));
  IMPORT_COLUMNS.forEach((c, i) => {
    rules.getRow(4 + i).values = [c.label, c.required ? '是' : '', c.hint];
  });
  let r = 4 + IMPORT_COLUMNS.length + 1;
  rules.getCell(`A${r}`).value = '导入规则';
  rules.getCell(`A${r}`).font = { bold: true };
  for (const line of RULES) {
    r += 1;
    rules.getCell(`A${r}`).value = line;
  }

  const lists: ListSpec[] = [
    ...IMPORT_COLUMNS.filter((c) => c.values).map((c) => ({ title: c.label, values: c.values ?? [] })),
    { title: '所属党组织（您可维护的）', values: writable.map((o) => o.name) },
  ];
  const firstListCol = 5;
  const rangeOf = new Map<string, string>();
  lists.forEach((list, i) => {
    const col = rules.getColumn(firstListCol + i);
    col.width = list.title.startsWith('所属') ? 30 : 12;
    rules.getCell(3, firstListCol + i).value = list.title;
    list.values.forEach((v, j) => {
      rules.getCell(4 + j, firstListCol + i).value = v;
    });
    if (list.values.length) rangeOf.set(list.title, `'${RULES_SHEET}'!$${col.letter}$4:$${col.letter}$${3 + list.values.length}`);
  });
  rules.getRow(3).font = { bold: true };

  // exceljs writes a range-addressed validation as one sqref; its typings omit `dataValidations`.
  const validations = (data as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  IMPORT_COLUMNS.forEach((c, i) => {
    if (c.kind !== 'list') return;
    const source = rangeOf.get(c.field === 'org' ? lists[lists.length - 1].title : c.label);
    if (!source) return;
    const letter = data.getColumn(i + 1).letter;
    validations.add(`${letter}2:${letter}${MAX_IMPORT_ROWS + 1}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [source],
      showErrorMessage: true,
      // An org missing from a truncated list may still be typed.
      errorStyle: c.field === 'org' ? 'warning' : 'stop',
      errorTitle: c.label,
      error: `请从下拉列表中选择${c.label}`,
    });
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
