import { z } from 'zod';
import { EDUCATIONS, SEXES } from '../org-rules.js';
import { EXCLUDED_ABSENCE_REASONS, RECRUITMENT_STAGES } from '../recruitment-rules.js';
import { PageQuerySchema, pageOf } from './auth.js';
import { dbId, idNumber, idParam, intParam, isoDate, timestamp } from './fields.js';

/**
 * The recruitment API contract (发展党员): request and response schemas of /api/v1/recruitment/* and
 * /api/v1/me/recruitment, imported by the server's routes and, as types (`z.input`: the JSON), by
 * the web's client apps/web/src/api/recruitment.ts.
 */

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number, what: string) => z.string().trim().max(max, `${what}不超过 ${max} 个字`).nullable().optional();
const fileIds = z
  .array(z.uuid({ message: '附件编号无效' }))
  .max(20, '附件不超过 20 个')
  .default([]);

export const CaseParams = z.object({ id: idParam() });
export const StepParams = CaseParams.extend({ no: intParam(1, 25) });

/** A new applicant: a worker of the branch (workerId) or a new person. Step 1 is recorded with it. */
export const CaseCreateSchema = z.strictObject({
  orgId: dbId('请选择党支部'),
  workerId: dbId().nullable().optional(),
  name: z.string().trim().min(1, '请填写姓名').max(30, '姓名不超过 30 个字'),
  sex: z.enum(SEXES, { message: '请选择性别' }),
  birthDate: isoDate,
  idNumber,
  education: z.enum(EDUCATIONS).nullable().optional(),
  post: text(50, '岗位'),
  appliedOn: isoDate,
  note: text(500, '备注'),
  fileIds,
});
export type CaseCreateInput = z.infer<typeof CaseCreateSchema>;

const ballot = z.enum(['for', 'against', 'abstain']);
export const VoteSchema = z.strictObject({
  absentees: z
    .array(
      z.strictObject({
        memberId: dbId(),
        excludedReason: z.enum(keys(EXCLUDED_ABSENCE_REASONS)).nullable().optional(),
        approvedBy: text(50, '批准人'),
        writtenOpinion: ballot.nullable().optional(),
      }),
    )
    .max(500)
    .default([]),
  forCount: z.number({ message: '请填写赞成票数' }).int('票数应为整数').min(0, '票数不能为负'),
  againstCount: z.number({ message: '请填写反对票数' }).int('票数应为整数').min(0, '票数不能为负'),
  abstainCount: z.number({ message: '请填写弃权票数' }).int('票数应为整数').min(0, '票数不能为负'),
  result: z.enum(['pass', 'fail'], { message: '请选择表决结果' }),
});
export type VoteBody = z.infer<typeof VoteSchema>;

/** Completing one step. `form` is checked against the step's own form (see FORM_SCHEMAS). */
export const StepCompleteSchema = z.strictObject({
  doneOn: isoDate,
  actors: text(200, '参与人'),
  note: text(1000, '备注'),
  fileIds,
  /** Members in the step's role: 培养联系人 (step 5), 入党介绍人 (step 9). */
  people: z.array(dbId()).max(5).default([]),
  /** Why a step was done after its deadline. */
  lateReason: text(200, '逾期原因'),
  form: z.record(z.string(), z.unknown()).default({}),
  vote: VoteSchema.optional(),
});
export type StepCompleteInput = z.infer<typeof StepCompleteSchema>;

const required = (max: number, what: string) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max);

/** The system-filled forms, per form kind (RECRUITMENT_FORMS). */
export const FORM_SCHEMAS = {
  talk: z.object({ talker: required(30, '谈话人'), content: required(2000, '谈话内容') }),
  activist: z.object({ recommendedBy: required(50, '推荐方式（党员推荐/群团推优）'), opinion: text(1000, '支委会意见') }),
  review: z.object({ opinion: required(2000, '考察意见') }),
  political: z.object({
    conclusion: z.enum(['pass', 'fail'], { message: '请选择政审结论' }),
    summary: required(2000, '政审结论材料摘要'),
  }),
  training: z.object({
    organizer: required(50, '培训单位'),
    days: z.number({ message: '请填写培训天数' }).min(0).max(60),
    hours: z.number({ message: '请填写培训学时' }).min(0).max(500),
  }),
  prereview: z.object({
    opinion: required(1000, '预审意见'),
    leavingSoon: z.boolean({ message: '请说明 3 个月内是否将离开工作单位' }),
  }),
  volunteer: z.object({ volunteerNo: text(30, '志愿书编号'), summary: required(2000, '志愿书摘要') }),
  resolution: z.object({
    outcome: z.enum(['admit', 'convert', 'extend', 'cancel'], { message: '请选择决议内容' }).optional(),
    extensionMonths: z.number().int().min(1).max(24).optional(),
    resolution: required(2000, '决议内容'),
  }),
  approval: z.object({ approver: required(50, '审批机关'), docNo: text(50, '文号'), opinion: required(1000, '审批意见') }),
  archive: z.object({ items: required(1000, '归档材料清单') }),
} as const;

export const CheckCreateSchema = z.strictObject({
  kind: z.enum(['review', 'thought_report'], { message: '请选择记录类型' }),
  doneOn: isoDate,
  note: text(1000, '内容摘要'),
  fileIds,
});
export type CheckCreateInput = z.infer<typeof CheckCreateSchema>;

export const CaseListQuery = PageQuerySchema.extend({
  orgId: idParam(),
  stage: z.coerce
    .number()
    .int()
    .refine((s) => s in RECRUITMENT_STAGES, '阶段应为 1–5')
    .optional(),
  status: z.enum(['active', 'completed', 'cancelled', 'stopped']).default('active'),
  q: z.string().trim().max(30).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const OrgQuery = z.object({ orgId: idParam() });
export const ExportQuery = z.object({
  orgId: idParam(),
  status: z.enum(['active', 'completed', 'cancelled', 'stopped']).optional(),
});
export const VotersQuery = z.object({});

export const PlanQuery = z.object({
  orgId: idParam(),
  year: z.coerce.number().int().min(2000).max(2100),
});
export const PlanUpsertSchema = z.strictObject({
  orgId: dbId(),
  year: z.number().int().min(2000).max(2100),
  activists: z.number().int().min(0).max(1000),
  targets: z.number().int().min(0).max(1000),
  admissions: z.number().int().min(0).max(1000),
  conversions: z.number().int().min(0).max(1000),
  note: text(500, '说明'),
});
export type PlanUpsertInput = z.infer<typeof PlanUpsertSchema>;

export const WorkersQuery = z.object({ orgId: idParam(), q: z.string().trim().max(30).optional() });

/* ---------- responses ---------- */

const NextSchema = z
  .object({
    no: z.number(),
    name: z.string(),
    actor: z.string(),
    opensOn: z.string().nullable(),
    dueOn: z.string().nullable(),
    state: z.enum(['ok', 'blocked', 'warning', 'overdue']),
    message: z.string().nullable(),
  })
  .nullable();
const PeriodicSchema = z.object({ kind: z.enum(['review', 'thought_report']), dueOn: z.string(), state: z.enum(['ok', 'due', 'late']) });

export const CaseSummarySchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  sex: z.string(),
  stage: z.number(),
  stageName: z.string(),
  lastStep: z.number(),
  status: z.string(),
  appliedOn: z.string(),
  activistOn: z.string().nullable(),
  targetOn: z.string().nullable(),
  admittedOn: z.string().nullable(),
  probationEndsOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  memberId: z.number().nullable(),
  next: NextSchema,
  periodic: z.array(PeriodicSchema),
});
export type CaseSummaryDto = z.infer<typeof CaseSummarySchema>;
/** The board: a page of cases with the count per stage. */
export const CaseListSchema = pageOf(CaseSummarySchema).extend({ stageCounts: z.record(z.string(), z.number()) });

export const StepRecordSchema = z.object({
  id: z.number(),
  stepNo: z.number(),
  round: z.number(),
  name: z.string(),
  doneOn: z.string(),
  actors: z.string().nullable(),
  people: z.array(z.object({ memberId: z.number(), name: z.string(), role: z.string() })),
  form: z.record(z.string(), z.unknown()),
  files: z.array(z.object({ id: z.string(), name: z.string() })),
  note: z.string().nullable(),
  late: z.boolean(),
  confirmedBy: z.string(),
  confirmedAt: timestamp,
});

export const VoteRecordSchema = z.object({
  id: z.number(),
  stepNo: z.number(),
  round: z.number(),
  meetingOn: z.string(),
  fullMembers: z.number(),
  excluded: z.number(),
  entitled: z.number(),
  present: z.number(),
  forCount: z.number(),
  againstCount: z.number(),
  abstainCount: z.number(),
  absentOpinionsFor: z.number(),
  passed: z.boolean(),
});

export const CaseDetailSchema = CaseSummarySchema.extend({
  birthDate: z.string(),
  age: z.number(),
  education: z.string().nullable(),
  post: z.string().nullable(),
  workerId: z.number().nullable(),
  round: z.number(),
  extensionMonths: z.number().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  rulesetVersion: z.string(),
  rulesetSource: z.string(),
  steps: z.array(StepRecordSchema),
  checks: z.array(z.object({ id: z.number(), kind: z.string(), doneOn: z.string(), note: z.string().nullable() })),
  votes: z.array(VoteRecordSchema),
  /** The vote just recorded when it did not pass (the step stays open). */
  lastVote: VoteRecordSchema.nullable(),
});
export type CaseDetailDto = z.infer<typeof CaseDetailSchema>;

export const VoterSchema = z.object({ id: z.number(), name: z.string(), orgName: z.string() });
export const PlanSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  planned: z.object({ activists: z.number(), targets: z.number(), admissions: z.number(), conversions: z.number() }).nullable(),
  actual: z.object({ activists: z.number(), targets: z.number(), admissions: z.number(), conversions: z.number() }),
  note: z.string().nullable(),
});
export const WorkerSchema = z.object({
  id: z.number(),
  name: z.string(),
  sex: z.string(),
  team: z.string().nullable(),
  orgName: z.string(),
});

/** A file uploaded for a step or check (/api/v1/files answers with it). */
export const UploadedFileSchema = z.object({ id: z.string(), name: z.string() });

/* ---------- 我的入党进程 (the applicant on the phone) ---------- */

export const MyCaseSchema = z.object({
  id: z.number(),
  name: z.string(),
  orgName: z.string(),
  status: z.string(),
  stage: z.number(),
  stageName: z.string(),
  stages: z.array(z.object({ stage: z.number(), name: z.string() })),
  lastStep: z.number(),
  lastStepName: z.string(),
  appliedOn: z.string(),
  activistOn: z.string().nullable(),
  targetOn: z.string().nullable(),
  admittedOn: z.string().nullable(),
  probationEndsOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  next: NextSchema,
  periodic: z.array(PeriodicSchema),
  /** Thought reports can be handed in from activist on, while the case is open. */
  canReport: z.boolean(),
  /** 培养联系人 (step 5), by name: the activist knows whom to talk to. */
  contacts: z.array(z.string()),
  /** Training courses for their stage (plans for 入党积极分子 / 发展对象 of their org or above). */
  courses: z.array(z.object({ id: z.number(), title: z.string(), summary: z.string() })),
  thoughtReports: z.array(z.object({ id: z.number(), doneOn: z.string(), note: z.string().nullable(), byMe: z.boolean() })),
});
export type MyCaseDto = z.infer<typeof MyCaseSchema>;

/** One training course of my stage, to read on the phone. */
export const MyCourseSchema = z.object({ id: z.number(), title: z.string(), summary: z.string(), bodyHtml: z.string() });
export const MyCourseParams = z.object({ id: idParam() });

export const MyThoughtReportSchema = z.strictObject({
  note: z.string().trim().min(1, '请填写思想汇报的内容').max(2000, '思想汇报不超过 2000 个字'),
  fileIds: z
    .array(z.uuid({ message: '附件编号无效' }))
    .max(5, '附件不超过 5 个')
    .default([]),
});
export type MyThoughtReportInput = z.infer<typeof MyThoughtReportSchema>;
