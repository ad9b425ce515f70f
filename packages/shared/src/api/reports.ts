import { z } from 'zod';
import { REPORT_FILES_MAX, REPORT_OUTCOMES, REPORT_STATUSES } from '../reports-rules.js';
import { PageQuerySchema, pageOf } from './auth.js';
import { dbId, idParam, isoDate, text } from './fields.js';

/**
 * The whistleblowing contract (举报, issue 18). Public intake and follow-up (no session, the receipt
 * is the only key) and the handler's console (only reports assigned to the handler).
 */

export const QUESTION_KINDS = ['text', 'textarea', 'select'] as const;
export const ReportQuestionSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(QUESTION_KINDS),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  hint: z.string().optional(),
});
export type ReportQuestion = z.output<typeof ReportQuestionSchema>;

/** A channel as the public page shows it: its questions and the handlers a reporter may exclude. */
export const PublicChannelSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  orgName: z.string(),
  rewardEnabled: z.boolean(),
  questions: z.array(ReportQuestionSchema),
  handlers: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export const PublicChannelsSchema = z.object({ items: z.array(PublicChannelSchema) });

const receipt = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{16}$/, '回执码应为 16 位数字'));

const answer = text().max(5000, '每项不超过 5000 字');
/** One attachment, sent with the report as base64 (one request: the report and its files are written together or not at all). */
export const ReportFileInSchema = z.strictObject({
  name: text().min(1, '请提供文件名').max(200, '文件名不超过 200 字'),
  base64: z
    .string()
    .max(14_000_000, '单个附件不超过 10 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '附件内容不是有效的 base64'),
});
export const ReportIntakeSchema = z.strictObject({
  channelId: dbId('请选择举报渠道'),
  answers: z.record(z.string().max(40), answer),
  /** Handlers the reporter does not want to see the report (conflict of interest). */
  exclude: z.array(dbId()).max(20).default([]),
  files: z.array(ReportFileInSchema).max(REPORT_FILES_MAX, `附件最多 ${REPORT_FILES_MAX} 个`).default([]),
  /** Ask for a reward (安全隐患举报 only). */
  rewardWanted: z.boolean().default(false),
});
export type ReportIntakeInput = z.input<typeof ReportIntakeSchema>;
/** Shown once: only a slow salted hash of the receipt is kept. */
export const ReportReceiptSchema = z.object({ receipt: z.string(), receivedOn: isoDate });

export const ReceiptSchema = z.strictObject({ receipt });
export const FollowMessageSchema = z.strictObject({ receipt, text: text().trim().min(1, '请填写内容').max(5000, '不超过 5000 字') });
export const FollowFileSchema = z.strictObject({ receipt, file: ReportFileInSchema });
export const FollowFileParams = z.object({ fileId: idParam() });

export const ReportFileSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  fromReporter: z.boolean(),
  createdOn: isoDate,
});
export const ReportMessageSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['reporter', 'reply', 'note']),
  text: z.string(),
  authorName: z.string().nullable(),
  createdOn: isoDate,
});

/** What the reporter sees with the receipt: no handler names, no internal notes. */
export const FollowViewSchema = z.object({
  channelName: z.string(),
  receivedOn: isoDate,
  status: z.enum(REPORT_STATUSES),
  outcome: z.enum(REPORT_OUTCOMES).nullable(),
  answers: z.record(z.string(), z.string()),
  questions: z.array(ReportQuestionSchema),
  messages: z.array(ReportMessageSchema),
  files: z.array(ReportFileSchema),
  reward: z.object({ amountFen: z.number().int(), claimCode: z.string(), paidOn: isoDate.nullable() }).nullable(),
});

// ---- the handler's console ----

export const ReportKeyStatusSchema = z.object({
  /** The handler has a key pair (set up with the login password). */
  hasKey: z.boolean(),
  /** The key is open in this session's memory (the password was given). */
  unlocked: z.boolean(),
  /** The password was reset by an administrator since the key was made: older reports need a new grant. */
  stale: z.boolean(),
});
export const ReportPasswordSchema = z.strictObject({ password: z.string().min(1, '请输入登录密码').max(256) });

export const ReportListQuerySchema = PageQuerySchema.extend({
  status: z.enum(REPORT_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const ReportRowSchema = z.object({
  id: z.number().int(),
  channelName: z.string(),
  orgName: z.string(),
  receivedOn: isoDate,
  status: z.enum(REPORT_STATUSES),
  outcome: z.enum(REPORT_OUTCOMES).nullable(),
  important: z.boolean(),
  label: z.string().nullable(),
  acceptBy: isoDate,
  concludeBy: isoDate.nullable(),
  overdue: z.boolean(),
  unread: z.boolean(),
});
export const ReportPageSchema = pageOf(ReportRowSchema);

export const ReportParams = z.object({ id: idParam() });
export const ReportFileParams = z.object({ id: idParam(), fileId: idParam() });

export const ReportDetailSchema = ReportRowSchema.extend({
  channelId: z.number().int(),
  rulesetVersion: z.string(),
  extended: z.boolean(),
  conclusionReason: z.string().nullable(),
  answers: z.record(z.string(), z.string()),
  questions: z.array(ReportQuestionSchema),
  messages: z.array(ReportMessageSchema),
  files: z.array(ReportFileSchema),
  handlers: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** Handlers of the channel who may be added (not excluded, not named as accused, with a key). */
  candidates: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** How many the reporter excluded or the accused rule kept off (a count, never names). */
  exclusions: z.number().int(),
  rewardWanted: z.boolean(),
  reward: z.object({ amountFen: z.number().int(), claimCode: z.string(), paidOn: isoDate.nullable() }).nullable(),
});

export const ReportStatusChangeSchema = z
  .strictObject({
    to: z.enum(REPORT_STATUSES),
    outcome: z.enum(REPORT_OUTCOMES).optional(),
    reason: text().trim().max(2000).optional(),
  })
  .refine((b) => b.to !== 'concluded' || b.outcome, { message: '办结时请选择办理结果', path: ['outcome'] })
  .refine((b) => !(b.to === 'concluded' && b.outcome === 'declined') || (b.reason && b.reason.length > 0), {
    message: '不予受理须填写理由',
    path: ['reason'],
  });
export const ReportMessageInSchema = z.strictObject({
  kind: z.enum(['reply', 'note']),
  text: text().trim().min(1, '请填写内容').max(5000, '不超过 5000 字'),
});
export const ReportHandlersSchema = z.strictObject({
  add: z.array(dbId()).max(20).default([]),
  remove: z.array(dbId()).max(20).default([]),
});
export const ReportFlagsSchema = z.strictObject({
  important: z.boolean().optional(),
  label: text().trim().max(40).nullable().optional(),
  extendReason: text().trim().min(2, '延期须填写理由').max(500).optional(),
});
export const ReportRewardSchema = z.strictObject({
  amountFen: z.number().int().min(1, '奖励金额应大于 0').max(100_000_000, '金额过大'),
});

export const RewardLedgerQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const ReportStatsSchema = z.object({
  /** Each count is a number, or "<3" where it is under three (a small count can point at a person). */
  byChannel: z.array(z.object({ name: z.string(), count: z.union([z.number().int(), z.literal('<3')]) })),
  byStatus: z.array(z.object({ status: z.enum(REPORT_STATUSES), count: z.union([z.number().int(), z.literal('<3')]) })),
  byMonth: z.array(z.object({ month: z.string(), count: z.union([z.number().int(), z.literal('<3')]) })),
  byOrg: z.array(z.object({ name: z.string(), count: z.union([z.number().int(), z.literal('<3')]) })),
  overdue: z.union([z.number().int(), z.literal('<3')]),
});
