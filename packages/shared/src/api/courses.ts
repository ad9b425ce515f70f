import { z } from 'zod';
import { COURSE_AUDIENCE_LABELS, COURSE_KIND_CODES, COURSE_TOPIC_CODES } from '../courses-rules.js';
import { ROLE_CODES } from '../permissions.js';
import { IdParams, PageQuerySchema } from './auth.js';
import { dbId, idParam, instant, isoDateOf } from './fields.js';

/**
 * The courses contract (courses and plans on the console; study with credited time on the phone):
 * request and response schemas of apps/server/src/modules/courses/courses.routes.ts, read by the
 * web's apps/web/src/api/courses.ts.
 */

export { IdParams };
export const ImageParams = IdParams.extend({ fileId: z.uuid() });

const orgId = dbId('请选择组织');
const topic = z.enum(COURSE_TOPIC_CODES as [string, ...string[]], {
  message: '请选择专题（党史、国情、法律法规、安全生产、廉政、技术技能、理论学习）',
});
const kind = z.enum(COURSE_KIND_CODES as [string, ...string[]], { message: '课程类型应为图文、PDF 或视频' });

const courseFields = {
  title: z.string().trim().min(1, '请填写课程名称').max(100, '课程名称不超过 100 个字'),
  topic,
  summary: z.string().trim().max(500, '简介不超过 500 个字').default(''),
  bodyHtml: z.string().max(200_000, '正文过长（不超过 20 万字符）').default(''),
  fileId: z.uuid('请上传文件').nullable().optional(),
  durationSeconds: z.number().int().min(1, '视频时长至少 1 秒').max(36_000, '视频时长不超过 10 小时').nullable().optional(),
  minSeconds: z.number().int().min(1, '最短学习时间至少 1 秒').max(36_000, '最短学习时间不超过 10 小时').nullable().optional(),
};

export const CourseCreateSchema = z.strictObject({ orgId, kind, ...courseFields });
export type CourseCreateInput = z.infer<typeof CourseCreateSchema>;
export const CourseUpdateSchema = z.strictObject({
  title: courseFields.title.optional(),
  topic: topic.optional(),
  summary: z.string().trim().max(500, '简介不超过 500 个字').optional(),
  bodyHtml: z.string().max(200_000, '正文过长（不超过 20 万字符）').optional(),
  fileId: courseFields.fileId,
  durationSeconds: courseFields.durationSeconds,
  minSeconds: courseFields.minSeconds,
});
export type CourseUpdateInput = z.infer<typeof CourseUpdateSchema>;

export const CourseListQuery = PageQuerySchema.extend({
  topic: z.string().optional(),
  kind: z.string().optional(),
  q: z.string().trim().max(50).optional(),
});

export const CourseSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  topic: z.string(),
  kind: z.string(),
  summary: z.string(),
  bodyHtml: z.string(),
  textLength: z.number(),
  fileId: z.string().nullable(),
  fileName: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  minSeconds: z.number().nullable(),
  requiredSeconds: z.number().nullable(),
  updatedAt: z.string(),
});

export const PlanCreateSchema = z.strictObject({
  orgId,
  title: z.string().trim().min(1, '请填写计划名称').max(100, '计划名称不超过 100 个字'),
  dueDate: isoDateOf('截止日期'),
  courseIds: z.array(dbId()).min(1, '请至少选择一门课程').max(100, '一个计划最多 100 门课程'),
  audienceRole: z
    .enum(ROLE_CODES as [string, ...string[]], { message: '角色不存在' })
    .nullable()
    .optional(),
  audienceLabel: z
    .enum(COURSE_AUDIENCE_LABELS, { message: '人员标签应为入党积极分子、发展对象、党务工作者或预备党员' })
    .nullable()
    .optional(),
});
export type PlanCreateInput = z.infer<typeof PlanCreateSchema>;

export const PlanListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const PlanSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  dueDate: z.string(),
  audienceRole: z.string().nullable(),
  audienceLabel: z.string().nullable(),
  courses: z.array(z.object({ id: z.number(), title: z.string(), kind: z.string(), topic: z.string() })),
  people: z.number(),
  done: z.number(),
});

export const ProgressQuery = PageQuerySchema.extend({
  orgId: idParam().optional(),
  onlyBehind: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const HeartbeatSchema = z.strictObject({
  sessionId: z.uuid('学习会话编号无效'),
  key: z.string().trim().min(8, '心跳编号无效').max(64, '心跳编号无效'),
  clientTime: z.iso
    .datetime({ offset: true, message: '客户端时间格式无效' })
    .refine((s) => s >= '1900' && s < '2201', '客户端时间格式无效'),
  position: z.number().min(0).max(36_000).nullable().optional(),
});

export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const OfflineStudyHeaders = z.object({ 'idempotency-key': z.string().min(8, '同步编号至少 8 个字符').max(100) });
export const OfflineStudySchema = z.strictObject({
  startedAt: instant(),
  endedAt: instant(),
  sentAt: instant(),
  activeSeconds: z.number().int().min(0).max(86_400),
});

// ── Responses of plans' progress and of study ─────────────────────────────────────────────────

export const PersonProgressSchema = z.object({
  memberId: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  completed: z.number(),
  total: z.number(),
  minutes: z.number(),
  /** done | in_progress | not_started | overdue (planPersonStatus) */
  status: z.enum(['done', 'in_progress', 'not_started', 'overdue']),
  statusName: z.string(),
});
export const PlanProgressSchema = z.object({
  planId: z.number(),
  title: z.string(),
  dueDate: z.string(),
  total: z.number(),
  people: z.number(),
  done: z.number(),
  items: z.array(PersonProgressSchema),
  orgs: z.array(z.object({ orgId: z.number(), orgName: z.string(), people: z.number(), done: z.number(), behind: z.number() })),
});
export const MyPlanSchema = z.object({
  id: z.number(),
  title: z.string(),
  dueDate: z.string(),
  audience: z.string().nullable(),
  completed: z.number(),
  total: z.number(),
  status: PersonProgressSchema.shape.status,
  statusName: z.string(),
  courses: z.array(z.object({ id: z.number(), title: z.string(), kind: z.string(), topic: z.string(), completed: z.boolean() })),
  rulesVersion: z.string(),
});
export const StudyProgressSchema = z.object({
  creditedSeconds: z.number(),
  watchedSeconds: z.number(),
  requiredSeconds: z.number().nullable(),
  share: z.number(),
  completedAt: z.string().nullable(),
});
export const MyCourseSchema = z.object({
  course: CourseSchema,
  progress: StudyProgressSchema,
  rules: z.object({ version: z.string(), heartbeatSeconds: z.number(), idleSeconds: z.number(), videoCompleteShare: z.number() }),
});
/** What a heartbeat or an offline study record answers: credited or not, and why. */
export const BeatResultSchema = z.object({
  accepted: z.boolean(),
  reason: z.string(),
  message: z.string().nullable(),
  creditedSeconds: z.number(),
  progress: StudyProgressSchema,
});
export const MyHoursSchema = z.object({
  year: z.number(),
  studyHours: z.number(),
  target: z.number(),
  isCadre: z.boolean(),
  courses: z.array(z.object({ id: z.number(), title: z.string(), minutes: z.number() })),
});
