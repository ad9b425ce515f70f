import { z } from 'zod';
import { ASSIGNMENT_STATUSES, BOARD_STATES } from '../tasks-rules.js';
import { PageQuerySchema, pageOf } from './auth.js';
import { dbInt, idParam, idRef, keysOf, text, timestamp } from './fields.js';

/** The tasks contract (issue 16 item 2): 任务督办 down the org tree, reports and verification. */

const fileId = z.uuid('附件编号不正确');

export const ReportFormSchema = z.object({ text: z.boolean(), files: z.boolean(), number: z.boolean() });

export const TaskCreateSchema = z.object({
  orgId: idRef('下达任务的组织'),
  title: text().pipe(z.string().trim().min(1, '请填写任务名称').max(100, '任务名称最多 100 字')),
  requirements: text().pipe(z.string().trim().min(1, '请填写任务要求').max(5000, '任务要求最多 5000 字')),
  deadline: timestamp,
  reportForm: ReportFormSchema.default({ text: true, files: false, number: false }),
  targetOrgIds: z.array(idRef('承办组织')).max(500).min(1, '请选择承办组织'),
  fileIds: z.array(fileId).max(10).default([]),
});

export const TASK_STATUSES = { open: '进行中', closed: '已关闭' } as const;

export const AssignmentSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  deadline: timestamp,
  status: z.enum(keysOf(ASSIGNMENT_STATUSES)),
  state: z.enum(keysOf(BOARD_STATES)),
  reportedAt: timestamp.nullable(),
  verifiedAt: timestamp.nullable(),
  /** Parts split below it, and how many of them passed. */
  partCount: z.number().int(),
  partsPassed: z.number().int(),
});

export const TaskSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  title: z.string(),
  requirements: z.string(),
  deadline: timestamp,
  reportForm: ReportFormSchema,
  fileIds: z.array(z.string()),
  status: z.enum(keysOf(TASK_STATUSES)),
  closedAt: timestamp.nullable(),
  createdAt: timestamp,
});
export const TaskListItemSchema = TaskSchema.omit({ requirements: true, fileIds: true }).extend({
  /** Orgs in each board state (every state present, 0 included). */
  counts: z.object({
    pending: z.number().int(),
    reported: z.number().int(),
    returned: z.number().int(),
    passed: z.number().int(),
    overdue: z.number().int(),
  } satisfies Record<keyof typeof BOARD_STATES, z.ZodNumber>),
  total: z.number().int(),
});
export const TaskPageSchema = pageOf(TaskListItemSchema);
export const TaskListQuerySchema = PageQuerySchema.extend({ status: z.enum(keysOf(TASK_STATUSES)).optional() });
export const TaskParams = z.object({ id: idParam() });
/** The board: the task and every part in the actor's view, as a tree (parentId). */
export const TaskBoardSchema = TaskSchema.extend({ assignments: z.array(AssignmentSchema) });

export const ReportSchema = z.object({
  id: z.number().int(),
  text: z.string().nullable(),
  number: z.number().int().nullable(),
  file: z.object({ id: z.string(), name: z.string() }).nullable(),
  submittedBy: z.string(),
  submittedAt: timestamp,
  verdict: z.enum(['passed', 'returned']).nullable(),
  reason: z.string().nullable(),
  verifiedAt: timestamp.nullable(),
});

export const AssignmentDetailSchema = AssignmentSchema.extend({
  task: TaskSchema,
  /** The actor may report (their org's part), split it, verify it (the assigner). */
  mayReport: z.boolean(),
  mayVerify: z.boolean(),
  reports: z.array(ReportSchema),
  parts: z.array(AssignmentSchema),
});
export const AssignmentParams = z.object({ id: idParam() });
export const InboxQuerySchema = PageQuerySchema.extend({ state: z.enum(keysOf(BOARD_STATES)).optional() });
export const InboxItemSchema = AssignmentSchema.extend({
  taskId: z.number().int(),
  taskTitle: z.string(),
  taskStatus: z.enum(keysOf(TASK_STATUSES)),
  assignerName: z.string(),
});
export const InboxPageSchema = pageOf(InboxItemSchema);

export const SplitSchema = z.object({
  orgIds: z.array(idRef('承办组织')).min(1, '请选择下级组织').max(500),
  deadline: timestamp.nullish(),
});
export const ReportCreateSchema = z.object({
  text: text().pipe(z.string().trim().max(5000, '报送内容最多 5000 字')).nullish(),
  number: dbInt(0, '数量应为非负整数').nullish(),
  fileId: fileId.nullish(),
});
export const VerifySchema = z
  .object({
    verdict: z.enum(['pass', 'return']),
    reason: text().pipe(z.string().trim().max(500, '理由最多 500 字')).nullish(),
  })
  .refine((v) => v.verdict === 'pass' || (v.reason ?? '').length > 0, { message: '退回须填写理由', path: ['reason'] });
