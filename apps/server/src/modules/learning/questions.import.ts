import { parseDifficulty, QUESTION_CATEGORIES, type QuestionAnswer, type QuestionType, questionProblems } from '@vanguard/shared';
import type { QuestionCreateInput } from '@vanguard/shared/api/learning';
import ExcelJS from 'exceljs';
import { orgFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { cellText, cellValue, loadWorkbook, MAX_IMPORT_ROWS, styleHeader } from '../../platform/xlsx.js';
import { insertQuestion } from './questions.service.js';

/** The template's columns (the header row of the sheet). */
const C = {
  type: '题型',
  category: '分类',
  difficulty: '难度',
  stem: '题干',
  options: ['选项A', '选项B', '选项C', '选项D', '选项E', '选项F'],
  answer: '答案',
  tags: '标签',
  explanation: '解析',
} as const;
const HEADERS = [C.type, C.category, C.difficulty, C.stem, ...C.options, C.answer, C.tags, C.explanation];
const TYPE_BY_LABEL: Record<string, QuestionType> = {
  单选: 'single',
  单选题: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  判断: 'judge',
  判断题: 'judge',
  填空: 'fill',
  填空题: 'fill',
  简答: 'short',
  简答题: 'short',
};

export interface QuestionImportError {
  row: number;
  column: string;
  message: string;
}

/** The import template with one example per type. */
export async function questionTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('试题');
  styleHeader(ws.addRow(HEADERS));
  ws.addRow(['单选', '安全生产', '易', '入井必须随身携带？', '手机', '自救器', '打火机', '', '', '', 'B', '入井', '']);
  ws.addRow(['多选', '廉政', '中', '下列属于违反廉洁纪律的有？', '违规收礼', '公款吃喝', '按时交党费', '', '', '', 'AB', '', '']);
  ws.addRow(['判断', '党史', '1', '南昌起义打响了武装反抗国民党反动派的第一枪。', '', '', '', '', '', '', '正确', '', '']);
  ws.addRow([
    '填空',
    '安全生产',
    '2',
    '安全生产方针：安全第一、____为主、综合治理。',
    '',
    '',
    '',
    '',
    '',
    '',
    '预防',
    '',
    '多个可接受答案用 / 分隔；多个空用 ；分隔',
  ]);
  ws.addRow(['简答', '党史', '难', '简述红船精神的内涵。', '', '', '', '', '', '', '首创精神、奋斗精神、奉献精神（参考答案）', '', '']);
  ws.columns.forEach((c, i) => {
    c.width = i === 3 ? 40 : i === 10 ? 24 : 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One row → the question it describes, or the problems found (column and message). */
function parseRow(get: (label: string) => string | null): {
  input?: Omit<QuestionCreateInput, 'orgId'>;
  problems: { column: string; message: string }[];
} {
  const problems: { column: string; message: string }[] = [];
  const typeText = get(C.type);
  const type = typeText ? TYPE_BY_LABEL[typeText] : undefined;
  if (!type) problems.push({ column: C.type, message: '题型应为单选、多选、判断、填空或简答' });
  const category = get(C.category);
  if (!category) problems.push({ column: C.category, message: `请填写分类（如 ${QUESTION_CATEGORIES.slice(0, 3).join('、')}）` });
  else if (category.length > 20) problems.push({ column: C.category, message: '分类不超过 20 个字' });
  const difficulty = parseDifficulty(get(C.difficulty));
  if (!difficulty) problems.push({ column: C.difficulty, message: '难度应为 1–3 或 易/中/难' });
  const stem = get(C.stem) ?? '';
  if (stem.length > 2000) problems.push({ column: C.stem, message: '题干不超过 2000 个字' });
  const answerText = get(C.answer) ?? '';
  const options = C.options
    .map((label, i) => ({ key: 'ABCDEF'[i], text: get(label) ?? '' }))
    .filter((o, i, all) => o.text || all.slice(i + 1).some((x) => x.text));
  let answer: QuestionAnswer = { keys: [] };
  if (type === 'single' || type === 'multiple')
    answer = {
      keys: [
        ...new Set(
          answerText
            .toUpperCase()
            .replace(/[^A-F]/g, '')
            .split('')
            .filter(Boolean),
        ),
      ],
    };
  else if (type === 'judge') {
    const v = answerText.trim();
    answer = {
      keys: ['正确', '对', '√', 'T', 'TRUE', '是'].includes(v.toUpperCase())
        ? ['true']
        : ['错误', '错', '×', 'F', 'FALSE', '否'].includes(v.toUpperCase())
          ? ['false']
          : [],
    };
  } else if (type === 'fill')
    answer = {
      blanks: answerText
        ? answerText.split(/[;；]/).map((b) =>
            b
              .split(/[/／]/)
              .map((s) => s.trim())
              .filter(Boolean),
          )
        : [],
    };
  else if (type === 'short') answer = { reference: answerText };
  if (type) {
    const column = (path: string) =>
      path === 'stem' ? C.stem : path.startsWith('options') ? (C.options[Number(path.split('.')[1] ?? 0)] ?? C.options[0]) : C.answer;
    for (const p of questionProblems({ type, stem, options: type === 'single' || type === 'multiple' ? options : [], answer }))
      problems.push({ column: column(p.path), message: p.message });
  }
  if (problems.length || !type || !category || !difficulty) return { problems };
  const tags = (get(C.tags) ?? '')
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 10);
  return {
    input: {
      type,
      category,
      difficulty,
      stem,
      options: type === 'single' || type === 'multiple' ? options : [],
      answer,
      tags,
      explanation: get(C.explanation),
    },
    problems,
  };
}

/**
 * Imports questions into an org's bank from the template: every row is checked first; any
 * problem refuses the whole file (400 with one detail per row and column, nothing written);
 * otherwise all rows are written in one transaction, each as version 1.
 */
export async function importQuestions(ctx: ActorCtx, orgId: number, bytes: Buffer) {
  const org = await orgFor(ctx, orgId, 'learning:manage');
  const ws = (await loadWorkbook(bytes)).worksheets[0];
  const header = (ws?.getRow(1).values as ExcelJS.CellValue[] | undefined)?.map((v) => cellText(cellValue(v))) ?? [];
  const col = (label: string) => header.indexOf(label);
  const missing = [C.type, C.category, C.difficulty, C.stem, C.answer].filter((l) => col(l) < 0);
  if (missing.length) {
    const message = `缺少列：${missing.join('、')}（请使用下载的模板）`;
    throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
  }
  const errors: QuestionImportError[] = [];
  const good: Omit<QuestionCreateInput, 'orgId'>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const get = (label: string) => (col(label) < 0 ? null : cellText(cellValue(row.getCell(col(label)).value)));
    if (HEADERS.every((h) => !get(h))) return; // a blank line
    const { input, problems } = parseRow(get);
    for (const p of problems) errors.push({ row: n, ...p });
    if (input) good.push(input);
  });
  if (good.length + errors.length > MAX_IMPORT_ROWS)
    throw new AppError('VALIDATION', `一次最多导入 ${MAX_IMPORT_ROWS} 行`, [{ path: 'file', message: '行数过多' }]);
  if (errors.length) {
    const first = errors[0];
    throw new AppError(
      'VALIDATION',
      `第 ${first.row} 行“${first.column}”：${first.message}（共 ${errors.length} 处错误，未写入任何试题）`,
      errors.map((e) => ({
        path: `rows.${e.row}.${e.column}`,
        message: `第 ${e.row} 行“${e.column}”：${e.message}`,
        row: e.row,
        column: e.column,
      })),
    );
  }
  if (good.length === 0) throw new AppError('VALIDATION', '文件中没有试题', [{ path: 'file', message: '文件中没有试题' }]);
  return ctx.db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const g of good) ids.push((await insertQuestion(tx, ctx, org, { ...g, orgId: org.id })).q.id);
    await audit(tx, ctx, {
      action: 'learning_question.import',
      entityType: 'learning_question',
      orgId: org.id,
      after: { count: ids.length, ids },
    });
    return { imported: ids.length };
  });
}
