import { z } from 'zod';
import { IdParams, PageQuerySchema } from './auth.js';
import { instant as anInstant, dbId, idParam } from './fields.js';

/**
 * The learning contract (question bank, exams, results on the console; taking exams on the phone):
 * request and response schemas of apps/server/src/modules/learning/learning.routes.ts, read by the
 * web's apps/web/src/api/learning.ts. Dates in responses are Date on the server, ISO strings on the wire.
 */

export { IdParams };
export const AnswerParams = IdParams.extend({ questionId: idParam() });

const orgId = dbId('请选择组织');
export const QUESTION_TYPE_CODES = ['single', 'multiple', 'judge', 'fill', 'short'] as const;
const qtype = z.enum(QUESTION_TYPE_CODES, { message: '题型应为单选、多选、判断、填空或简答' });
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

/** An option as responses carry it (judge questions have the keys true and false). */
export const OptionOutSchema = z.object({ key: z.string(), text: z.string() });
/** A stored right answer as responses carry it (written only through AnswerSchema). */
export const AnswerOutSchema = z.union([
  z.object({ keys: z.array(z.string()) }),
  z.object({ blanks: z.array(z.array(z.string())) }),
  z.object({ reference: z.string() }),
]);
/** A member's stored response (written only through ResponseSchema). */
export const ResponseOutSchema = z.union([z.object({ keys: z.array(z.string()) }), z.object({ texts: z.array(z.string()) })]);

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
  orgId: idParam().optional(),
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
  /** One of QUESTION_TYPE_CODES (the column is text). */
  type: z.string(),
  typeName: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  difficulty: z.number(),
  difficultyName: z.string(),
  version: z.number(),
  versionId: z.number(),
  stem: z.string(),
  options: z.array(OptionOutSchema),
  answer: AnswerOutSchema,
  explanation: z.string().nullable(),
  retired: z.boolean(),
  updatedAt: z.date(),
});
export type QuestionDto = z.infer<typeof QuestionSchema>;
/** A row of the question list: with whether the actor may edit it (an ancestor's bank is read-only). */
export const QuestionRowSchema = QuestionSchema.extend({ editable: z.boolean() });
export const QuestionDetailSchema = QuestionSchema.extend({
  versions: z.array(z.object({ id: z.number(), version: z.number(), stem: z.string(), createdAt: z.date(), usedInAttempts: z.number() })),
});

// ── Exams ───────────────────────────────────────────────────────────────────────────────────

const instant = anInstant('时间格式不正确');
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
    .array(z.strictObject({ questionId: dbId(), points: z.number().int().min(1).max(100) }))
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

export const ExamListQuery = PageQuerySchema.extend({ orgId: idParam().optional() });
export type ExamListQuery = z.infer<typeof ExamListQuery>;

export const ExamSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  /** fixed | random */
  mode: z.string(),
  /** draft | published */
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

export const ResultsQuery = z.object({ orgId: idParam().optional() });
export const QuestionImportQuery = z.object({ orgId: idParam() });
export const QuestionImportResultSchema = z.object({ imported: z.number() });

export const PersonResultSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  attempts: z.number(),
  scores: z.array(z.number().nullable()),
  maxScore: z.number(),
  result: z.number().nullable(),
  passed: z.boolean().nullable(),
  pending: z.boolean(),
  inProgress: z.boolean(),
});
export const OrgResultSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  audience: z.number(),
  takers: z.number(),
  participation: z.number(),
  average: z.number().nullable(),
  passRate: z.number().nullable(),
});
export const ResultsSchema = z.object({
  examId: z.number(),
  title: z.string(),
  gradingPolicy: z.string(),
  gradingPolicyName: z.string(),
  passScore: z.number(),
  persons: z.array(PersonResultSchema),
  orgs: z.array(OrgResultSchema),
});
export const ItemStatSchema = z.object({
  questionId: z.number(),
  answered: z.number(),
  correct: z.number(),
  facility: z.number(),
  discrimination: z.number().nullable(),
  flagged: z.boolean(),
  stem: z.string(),
  typeName: z.string(),
  category: z.string(),
  difficulty: z.number(),
});
export const AnalysisSchema = z.object({ attempts: z.number(), items: z.array(ItemStatSchema) });
/** A short answer waiting for a person to grade it. */
export const GradingItemSchema = z.object({
  itemId: z.number(),
  attemptId: z.number(),
  memberName: z.string(),
  orgName: z.string(),
  stem: z.string(),
  answer: AnswerOutSchema,
  response: ResponseOutSchema.nullable(),
  points: z.number(),
  reference: z.string(),
  text: z.string(),
});
export const GradeResultSchema = z.object({
  itemId: z.number(),
  awarded: z.number(),
  attemptId: z.number(),
  attemptStatus: z.string(),
  score: z.number().nullable(),
});

// ── Taking an exam ──────────────────────────────────────────────────────────────────────────

export const ResponseSchema = z.union([
  z.strictObject({ keys: z.array(z.string().max(10)).max(8) }),
  z.strictObject({ texts: z.array(z.string().max(2000)).max(10) }),
]);
export const AnswerPutSchema = z.strictObject({ response: ResponseSchema.nullable() });
export const AnswerBatchSchema = z.strictObject({
  answers: z
    .array(z.strictObject({ questionId: dbId(), response: ResponseSchema.nullable() }))
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
        questionId: dbId(),
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
export const SubmitHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

// ── Taking an exam: responses ───────────────────────────────────────────────────────────────

export const ATTEMPT_STATUSES = ['in_progress', 'submitted', 'graded'] as const;

/** 我的考试: a published exam of my audience, open or upcoming. */
export const MyExamRowSchema = z.object({
  id: z.number(),
  title: z.string(),
  orgName: z.string(),
  opensAt: z.date(),
  closesAt: z.date(),
  timeLimitMinutes: z.number().nullable(),
  offlineAllowed: z.boolean(),
  maxAttempts: z.number(),
  attemptsUsed: z.number(),
  isOpen: z.boolean(),
  inProgressAttemptId: z.number().nullable(),
  canStart: z.boolean(),
});
export const AttemptSummarySchema = z.object({
  id: z.number(),
  number: z.number(),
  /** One of ATTEMPT_STATUSES (the column is text). */
  status: z.string(),
  statusName: z.string(),
  startedAt: z.date(),
  deadlineAt: z.date(),
  submittedAt: z.date().nullable(),
  endedBy: z.string().nullable(),
  score: z.number().nullable(),
  maxScore: z.number(),
});
export const MyExamSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  opensAt: z.date(),
  closesAt: z.date(),
  timeLimitMinutes: z.number().nullable(),
  offlineAllowed: z.boolean(),
  maxAttempts: z.number(),
  gradingPolicy: z.string(),
  reviewRule: z.string(),
  passScore: z.number(),
  attempts: z.array(AttemptSummarySchema.extend({ reviewOpen: z.boolean() })),
  result: z.number().nullable(),
  passed: z.boolean().nullable(),
  pending: z.boolean(),
  canStart: z.boolean(),
});
export const AttemptQuestionSchema = z.object({
  questionId: z.number(),
  position: z.number(),
  type: z.string(),
  typeName: z.string(),
  stem: z.string(),
  points: z.number(),
  blanks: z.number(),
  options: z.array(OptionOutSchema),
  response: ResponseOutSchema.nullable(),
});
/** The attempt as the taker sees it while answering: no right answers; the server's clock and the deadline. */
export const AttemptViewSchema = AttemptSummarySchema.extend({
  examId: z.number(),
  examTitle: z.string(),
  examClosesAt: z.date(),
  timeLimitMinutes: z.number().nullable(),
  offlineAllowed: z.boolean(),
  submittedOffline: z.boolean(),
  serverNow: z.date(),
  questions: z.array(AttemptQuestionSchema),
});
/** A submit (online or offline): the attempt, and whether this was a replay of an earlier one. */
export const SubmitResultSchema = AttemptViewSchema.extend({ replayed: z.boolean() });
export const OfflineSubmitResultSchema = SubmitResultSchema.extend({ cutQuestionIds: z.array(z.number()) });
/** A stored instant: a Date when just written, the ISO string when replayed from a stored result. */
const instantOut = z.union([z.date(), z.string()]);
export const AnswerSavedSchema = z.object({ saved: z.number(), savedAt: instantOut, deadlineAt: instantOut });
export const BatchSavedSchema = AnswerSavedSchema.extend({ replayed: z.boolean() });
export const ReviewSchema = AttemptViewSchema.extend({
  reviewOpen: z.boolean(),
  reviewRule: z.string(),
  items: z.array(
    z.object({
      questionId: z.number(),
      answer: AnswerOutSchema,
      explanation: z.string().nullable(),
      correct: z.boolean().nullable(),
      awarded: z.number().nullable(),
      comment: z.string().nullable(),
    }),
  ),
});
/** 我的成绩: an exam I took with my result by its grading policy. */
export const MyResultSchema = z.object({
  examId: z.number(),
  title: z.string(),
  closesAt: z.date(),
  gradingPolicy: z.string(),
  maxScore: z.number(),
  result: z.number().nullable(),
  passed: z.boolean().nullable(),
  pending: z.boolean(),
  attempts: z.array(AttemptSummarySchema),
});
