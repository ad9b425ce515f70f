import { z } from 'zod';
import { DECISION_KIND_CODES, DECISION_STEP_CODES, OPINION_CODES } from '../decisions-rules.js';
import { ROLE_CODES } from '../permissions.js';
import { IdParams, PageQuerySchema, pageOf } from './auth.js';
import { idParam, idRef, isoDateOf, text, timestamp } from './fields.js';

/**
 * The 三重一大 decisions API contract: /api/v1/decisions (console, decisions:manage) and
 * /api/v1/me/decision-publications (党务公开 as a member reads it). The web reads `z.input<>`.
 */

export { IdParams };

const line = (what: string, max = 200) => text().pipe(z.string().trim().min(1, `请填写${what}`).max(max, `${what}不超过 ${max} 个字`));

export const MatterCreateSchema = z.strictObject({
  orgId: idRef('党委或党总支'),
  kind: z.enum(DECISION_KIND_CODES, { message: '请选择事项类别' }),
  title: line('事项名称', 100),
  summary: text().pipe(z.string().trim().max(2000, '事项说明不超过 2000 个字')).optional(),
  amountYuan: z.number().int('金额应为整数（元）').min(0, '金额不能为负').max(1e13, '金额过大').optional(),
});
export type MatterCreateInput = z.infer<typeof MatterCreateSchema>;

export const MatterListQuery = PageQuerySchema.extend({
  orgId: idParam().optional(),
  status: z.enum(['open', 'decided', 'rejected', 'published', 'closed']).optional(),
});
export type MatterListQuery = z.infer<typeof MatterListQuery>;

/** One step as the checklist records it. `discussion` names the meeting; `vote` carries the opinions in the order stated. */
export const StepRecordSchema = z.strictObject({
  step: z.enum(DECISION_STEP_CODES, { message: '请选择步骤' }),
  doneOn: isoDateOf('日期'),
  people: line('参与人员', 300),
  note: text().pipe(z.string().trim().max(2000, '说明不超过 2000 个字')).optional(),
  fileIds: z.array(idRef('文件')).max(20, '文件不超过 20 个').default([]),
  meetingId: idRef('会议').optional(),
  opinions: z
    .array(
      z.strictObject({
        memberId: idRef('委员'),
        opinion: z.enum(OPINION_CODES, { message: '请选择表态' }),
        reason: text().pipe(z.string().trim().max(500, '理由不超过 500 个字')).optional(),
      }),
    )
    .max(100)
    .optional(),
  /** 公开: the audience (an org subtree, optionally only some roles there) and the text. */
  publishOrgId: idRef('公开范围').optional(),
  publishRoles: z.array(z.enum(ROLE_CODES)).max(10).default([]),
  publishBody: text().pipe(z.string().trim().max(5000, '公开内容不超过 5000 个字')).optional(),
});
export type StepRecordInput = z.infer<typeof StepRecordSchema>;

export const StepSchema = z.object({
  step: z.string(),
  stepName: z.string(),
  doneOn: z.string(),
  people: z.string(),
  note: z.string().nullable(),
  fileIds: z.array(z.number()),
});

export const OpinionSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  position: z.number(),
  opinion: z.string(),
  opinionName: z.string(),
  reason: z.string().nullable(),
  isSecretary: z.boolean(),
});

export const CommitteeMemberSchema = z.object({
  memberId: z.number(),
  name: z.string(),
  post: z.string(),
  present: z.boolean().nullable(),
});

export const MatterSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.string(),
  kindName: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  amountYuan: z.number().nullable(),
  /** The amount is at or over the group's 大额度 threshold. */
  largeAmount: z.boolean(),
  status: z.string(),
  rulesVersion: z.string(),
  meetingId: z.number().nullable(),
  committeeSize: z.number().nullable(),
  presentCount: z.number().nullable(),
  agreeCount: z.number().nullable(),
  passed: z.boolean().nullable(),
  /** The steps this kind must take, in order, and those done. */
  required: z.array(z.object({ step: z.string(), stepName: z.string(), done: z.boolean() })),
  steps: z.array(StepSchema),
  opinions: z.array(OpinionSchema),
  /** 末位表态 was kept (true when nothing to check). */
  secretaryLast: z.boolean(),
  committee: z.array(CommitteeMemberSchema),
  publication: z
    .object({
      id: z.number(),
      orgName: z.string(),
      roles: z.array(z.string()),
      body: z.string(),
      publishedAt: timestamp,
      audience: z.number(),
      reads: z.number(),
    })
    .nullable(),
  createdAt: timestamp,
});
export type MatterDto = z.output<typeof MatterSchema>;

export const MatterRowSchema = MatterSchema.pick({
  id: true,
  orgId: true,
  orgName: true,
  kind: true,
  kindName: true,
  title: true,
  amountYuan: true,
  largeAmount: true,
  status: true,
  createdAt: true,
}).extend({ nextStep: z.string().nullable() });
export const MatterPageSchema = pageOf(MatterRowSchema);

export const ThresholdSchema = z.strictObject({
  largeAmountYuan: z.number().int('金额应为整数（元）').min(1, '阈值应大于 0').max(1e13, '阈值过大'),
});
export const ThresholdDtoSchema = z.object({ largeAmountYuan: z.number(), rulesVersion: z.string(), sources: z.array(z.string()) });

export const MyPublicationSchema = z.object({
  id: z.number(),
  matterId: z.number(),
  title: z.string(),
  kindName: z.string(),
  orgName: z.string(),
  body: z.string(),
  publishedAt: timestamp,
  read: z.boolean(),
});
export const MyPublicationPageSchema = pageOf(MyPublicationSchema);
