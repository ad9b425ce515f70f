import { EDUCATIONS, MEMBER_CATEGORIES, MEMBER_LABELS, SEXES } from '@vanguard/shared';

/** The fields a row of the import sheet carries (`org` is the 所属党组织 full name). */
export type ImportField =
  | 'name'
  | 'sex'
  | 'ethnicity'
  | 'birthDate'
  | 'idNumber'
  | 'nativePlace'
  | 'education'
  | 'post'
  | 'phone'
  | 'category'
  | 'appliedOn'
  | 'admittedOn'
  | 'fullOn'
  | 'org'
  | 'labels';

export interface ImportColumn {
  field: ImportField;
  /** The column's name in the sheet, in error messages and in the report (a required one carries `*` in the header). */
  label: string;
  required: boolean;
  kind: 'text' | 'date' | 'list';
  /** Accepted values of a list column (the template's dropdown). */
  values?: readonly string[];
  /** Other headers read as this column (the national roster's names, so an exported roster reads back). */
  aliases?: readonly string[];
  hint: string;
  width: number;
}

export const CATEGORY_BY_LABEL: Record<string, keyof typeof MEMBER_CATEGORIES> = Object.fromEntries(
  Object.entries(MEMBER_CATEGORIES).map(([code, label]) => [label, code as keyof typeof MEMBER_CATEGORIES]),
);

/** The sheet's columns, in the template's order (issue 3 item 7). */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { field: 'name', label: '姓名', required: true, kind: 'text', hint: '不超过 30 个字', width: 10 },
  { field: 'sex', label: '性别', required: true, kind: 'list', values: SEXES, hint: '男 或 女，须与身份证号一致', width: 7 },
  { field: 'ethnicity', label: '民族', required: false, kind: 'text', hint: '如“汉族”；不填按汉族', width: 8 },
  { field: 'birthDate', label: '出生日期', required: true, kind: 'date', hint: '如 1985-06-01 或 1985/6/1，须与身份证号一致', width: 12 },
  {
    field: 'idNumber',
    label: '身份证号',
    required: true,
    kind: 'text',
    aliases: ['公民身份号码', '身份证号码'],
    hint: '18 位公民身份号码，请按文本填写（数字格式会丢失末几位）；同一文件内及系统中不得重复',
    width: 21,
  },
  { field: 'nativePlace', label: '籍贯', required: false, kind: 'text', hint: '如“山西长治”，不超过 50 个字', width: 12 },
  { field: 'education', label: '学历', required: false, kind: 'list', values: EDUCATIONS, hint: '从下拉列表选择', width: 10 },
  {
    field: 'post',
    label: '职务/岗位',
    required: false,
    kind: 'text',
    aliases: ['职务', '岗位', '工作岗位'],
    hint: '如“综采队采煤机司机”，不超过 50 个字',
    width: 16,
  },
  {
    field: 'phone',
    label: '手机号',
    required: false,
    kind: 'text',
    aliases: ['手机号码', '联系电话'],
    hint: '11 位手机号或带区号的固定电话',
    width: 14,
  },
  {
    field: 'category',
    label: '人员类别',
    required: true,
    kind: 'list',
    values: Object.values(MEMBER_CATEGORIES),
    hint: '正式党员 或 预备党员',
    width: 10,
  },
  { field: 'appliedOn', label: '申请入党日期', required: false, kind: 'date', hint: '须早于入党日期', width: 13 },
  { field: 'admittedOn', label: '入党日期', required: true, kind: 'date', hint: '须晚于申请入党日期，入党时须年满十八岁', width: 12 },
  { field: 'fullOn', label: '转正日期', required: false, kind: 'date', hint: '正式党员必填且须晚于入党日期；预备党员不填', width: 12 },
  {
    field: 'org',
    label: '所属党组织',
    required: true,
    kind: 'list',
    aliases: ['所在党组织', '所在党支部'],
    hint: '党组织全称，须是您有权维护的党组织（从下拉列表选择）',
    width: 28,
  },
  {
    field: 'labels',
    label: '标签',
    required: false,
    kind: 'text',
    values: MEMBER_LABELS,
    hint: `可多个，用“、”分隔；可选：${MEMBER_LABELS.join('、')}`,
    width: 16,
  },
];

export const COLUMN_OF: Record<ImportField, ImportColumn> = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.field, c])) as Record<
  ImportField,
  ImportColumn
>;

export const templateHeader = (c: ImportColumn) => (c.required ? `${c.label}*` : c.label);

/** A header as typed: `身份证号*`, ` 标签（、分隔）` → `身份证号`, `标签`. */
export const normalizeHeader = (h: string) =>
  h
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊]/g, '')
    .trim();

const BY_HEADER = new Map<string, ImportField>(
  IMPORT_COLUMNS.flatMap((c) => [c.label, ...(c.aliases ?? [])].map((h) => [normalizeHeader(h), c.field] as const)),
);

export const fieldOfHeader = (h: string): ImportField | undefined => BY_HEADER.get(normalizeHeader(h));

/** Extra columns the error report adds after the sheet's own. */
export const REPORT_NOTE_HEADER = '错误说明';
export const REPORT_ROW_HEADER = '原行号';
