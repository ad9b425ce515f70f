import { IdParams, PageQuerySchema } from '@vanguard/shared';
import { z } from 'zod';

export { IdParams };
export const AnswerParams = IdParams.extend({ questionId: z.coerce.number().int().positive() });

const orgId = z.number({ message: '请选择组织' }).int().positive('请选择组织');
const qtype = z.enum(['single', 'multiple', 'judge', 'fill', 'short'], { message: '题型应为单选、多选、判断、填空或简答' });
const difficulty = z.number({ message: '难度应为 1（易）、2（中）或 3（难）' }).int().min(1, '难度应为 1–3').max(3, '难度应为 1–3');
const category = z.string().trim().min(1, '请填写分类').max(20, '分类不超过 20 个字');

export const OptionSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[A-H]$/, '选项编号为 A–H'),
  text: z.string().trim().max(500, '选项不超过 500 个字'),
});
export const AnswerSchema = z.union([
  z.strictObject({ keys: z.array(z.string()).max(8) }),
  z.strictObject({ blanks: z.array(z.array(z.string().max(100)).max(10)).max(10) }),
  z.strictObject({ reference: z.string().max(2000) }),
]);

const content = {
  stem: z.string().trim().min(1, '请填写题干').max(2000, '题干不超过 2000 个字'),
  options: z.array(OptionSchema).max(8, '最多 8 个选项').default([]),
  answer: AnswerSchema,
  explanation: z.string().trim().max(2000, '解析不超过 2000 个字').nullable().optional(),
};

export const QuestionCreateSchema = z.strictObject({
  orgId,
  type: qtype,
  category,
  tags: z.array(z.string().trim().min(1).max(20)).max(10, '最多 10 个标签').default([]),
  difficulty,
  ...content,
});
export type QuestionCreateInput = z.infer<typeof QuestionCreateSchema>;

/** Content fields make a new version; category, tags and difficulty change in place. */
export const QuestionUpdateSchema = z
  .strictObject({
    category: category.optional(),
    tags: z.array(z.string().trim().min(1).max(20)).max(10).optional(),
    difficulty: difficulty.optional(),
    stem: content.stem.optional(),
    options: z.array(OptionSchema).max(8).optional(),
    answer: AnswerSchema.optional(),
    explanation: content.explanation,
  })
  .refine((v) => Object.keys(v).length > 0, { message: '请至少修改一项', path: ['stem'] });
export type QuestionUpdateInput = z.infer<typeof QuestionUpdateSchema>;

export const QuestionListQuery = PageQuerySchema.extend({
  orgId: z.coerce.number().int().positive().optional(),
  type: qtype.optional(),
  category: z.string().optional(),
  difficulty: z.coerce.number().int().min(1).max(3).optional(),
  tag: z.string().optional(),
  q: z.string().trim().max(50).optional(),
  includeRetired: z.stringbool().default(false),
});
export type QuestionListQuery = z.infer<typeof QuestionListQuery>;

export const QuestionSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  type: z.string(),
  typeName: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  difficulty: z.number(),
  difficultyName: z.string(),
  version: z.number(),
  versionId: z.number(),
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  answer: z.unknown(),
  explanation: z.string().nullable(),
  retired: z.boolean(),
  updatedAt: z.date(),
});
export type QuestionDto = z.infer<typeof QuestionSchema>;
export const QuestionDetailSchema = QuestionSchema.extend({
  versions: z.array(z.object({ id: z.number(), version: z.number(), stem: z.string(), createdAt: z.date(), usedInAttempts: z.number() })),
});

// ── Exams ───────────────────────────────────────────────────────────────────────────────────

const instant = z.coerce.date({ message: '时间格式不正确' });
export const DrawRuleSchema = z.strictObject({
  category,
  difficulty: difficulty.nullable().default(null),
  count: z.number().int().min(1, '抽题数至少 1').max(100, '抽题数不超过 100'),
  points: z.number().int().min(1, '每题分值至少 1').max(100),
});
const examFields = {
  title: z.string().trim().min(2, '标题至少 2 个字').max(80, '标题不超过 80 个字'),
  description: z.string().trim().max(1000).nullable().optional(),
  opensAt: instant,
  closesAt: instant,
  timeLimitMinutes: z.number().int().min(1, '限时至少 1 分钟').max(600, '限时不超过 600 分钟').nullable().default(null),
  maxAttempts: z.number().int().min(1, '允许次数至少 1').max(20, '允许次数不超过 20').default(1),
  gradingPolicy: z.enum(['highest', 'last', 'first', 'average'], { message: '计分方式应为最高、最后、第一次或平均' }).default('highest'),
  reviewRule: z.enum(['immediately', 'after_close', 'never'], { message: '查看答案的规则不正确' }).default('immediately'),
  passScore: z.number().int().min(0).max(1000).default(60),
  shuffleOptions: z.boolean().default(true),
  /** May be downloaded to the phone and answered without signal (the start stays online). */
  offlineAllowed: z.boolean().default(false),
};
export const ExamCreateSchema = z.strictObject({
  orgId,
  mode: z.enum(['fixed', 'random'], { message: '组卷方式应为固定试卷或随机抽题' }),
  ...examFields,
  items: z
    .array(z.strictObject({ questionId: z.number().int().positive(), points: z.number().int().min(1).max(100) }))
    .max(200)
    .default([]),
  drawRules: z.array(DrawRuleSchema).max(30).default([]),
});
export type ExamCreateInput = z.infer<typeof ExamCreateSchema>;

/** Editing an exam: any of its settings (the paper itself is fixed at creation); rules in exam-edit.rules.ts. */
export const ExamUpdateSchema = z.strictObject({
  title: examFields.title.optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  opensAt: instant.optional(),
  closesAt: instant.optional(),
  timeLimitMinutes: z.number().int().min(1, '限时至少 1 分钟').max(600, '限时不超过 600 分钟').nullable().optional(),
  maxAttempts: z.number().int().min(1, '允许次数至少 1').max(20, '允许次数不超过 20').optional(),
  gradingPolicy: z.enum(['highest', 'last', 'first', 'average'], { message: '计分方式应为最高、最后、第一次或平均' }).optional(),
  reviewRule: z.enum(['immediately', 'after_close', 'never'], { message: '查看答案的规则不正确' }).optional(),
  passScore: z.number().int().min(0).max(1000).optional(),
  shuffleOptions: z.boolean().optional(),
  offlineAllowed: z.boolean().optional(),
});
export type ExamUpdateInput = z.infer<typeof ExamUpdateSchema>;

export const ExamListQuery = PageQuerySchema.extend({ orgId: z.coerce.number().int().positive().optional() });
export type ExamListQuery = z.infer<typeof ExamListQuery>;

export const ExamSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  mode: z.string(),
  status: z.string(),
  opensAt: z.date(),
  closesAt: z.date(),
  timeLimitMinutes: z.number().nullable(),
  maxAttempts: z.number(),
  gradingPolicy: z.string(),
  reviewRule: z.string(),
  passScore: z.number(),
  shuffleOptions: z.boolean(),
  offlineAllowed: z.boolean(),
  maxScore: z.number(),
  questionCount: z.number(),
  drawRules: z.array(z.object({ category: z.string(), difficulty: z.number().nullable(), count: z.number(), points: z.number() })),
  items: z.array(z.object({ questionId: z.number(), points: z.number(), stem: z.string(), typeName: z.string() })),
  attempts: z.number(),
});
export type ExamDto = z.infer<typeof ExamSchema>;

export const ResultsQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });

// ── Taking an exam ──────────────────────────────────────────────────────────────────────────

export const ResponseSchema = z.union([
  z.strictObject({ keys: z.array(z.string().max(10)).max(8) }),
  z.strictObject({ texts: z.array(z.string().max(2000)).max(10) }),
]);
export const AnswerPutSchema = z.strictObject({ response: ResponseSchema.nullable() });
export const AnswerBatchSchema = z.strictObject({
  answers: z
    .array(z.strictObject({ questionId: z.number().int().positive(), response: ResponseSchema.nullable() }))
    .min(1)
    .max(200),
});
export const GradeSchema = z.strictObject({
  points: z.number({ message: '请填写得分' }).int('得分应为整数').min(0, '得分不能为负'),
  comment: z.string().trim().max(500).nullable().optional(),
});

/** An offline submission from the phone's outbox: every answer with the phone time it was given. */
export const OfflineSubmitSchema = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        questionId: z.number().int().positive(),
        response: ResponseSchema.nullable(),
        answeredAt: instant.nullable(),
      }),
    )
    .max(200),
  /** Phone time the member finished (or the phone's timer ended the attempt). */
  finishedAt: instant,
  /** Phone time this request was sent (the server measures the phone's clock skew from it). */
  sentAt: instant,
});
export type OfflineSubmitInput = z.infer<typeof OfflineSubmitSchema>;

export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8, '同步编号至少 8 个字符').max(100) });
