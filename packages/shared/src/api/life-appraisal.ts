/** The contract of 民主评议党员 and 不合格党员组织处置 (part of @vanguard/shared/api/life). */
import { z } from 'zod';
import { APPRAISAL_GRADES, UNQUALIFIED_MEASURES } from '../life-rules.js';
import { idParam, idRef, keysOf } from './fields.js';
import type { Wire } from './wire.js';

const grade = z.enum(keysOf(APPRAISAL_GRADES), { message: '等次应为 excellent 优秀、qualified 合格、basic 基本合格或 unqualified 不合格' });

export const CampaignCreateSchema = z.strictObject({
  orgId: idRef('党支部'),
  year: z.number({ message: '请填写评议年度' }).int().min(2000, '评议年度不正确').max(2100, '评议年度不正确'),
});
export const SelfEvalSchema = z.strictObject({
  summary: z.string({ message: '请填写个人总结' }).trim().min(10, '个人总结至少 10 个字').max(5000, '个人总结不超过 5000 个字'),
});
export const BallotSchema = z.strictObject({
  ratings: z
    .array(z.strictObject({ memberId: idRef('被评议党员'), grade }))
    .min(1, '请评议其他党员')
    .max(500),
});
const count = z.number({ message: '票数应为整数' }).int('票数应为整数').min(0, '票数不能为负').max(10000);
export const MassEvalSchema = z.strictObject({
  counts: z
    .array(z.strictObject({ memberId: idRef('被评议党员'), excellent: count, qualified: count, basic: count, unqualified: count }))
    .min(1)
    .max(500),
});
export const DeterminationSchema = z.strictObject({
  grades: z.array(z.strictObject({ memberId: idRef('党员'), grade: grade.nullable() })).min(1),
  /** For each 不合格: the measure and, for 限期改正, the months (default 6, at most 12). */
  cases: z
    .array(
      z.strictObject({
        memberId: idRef('党员'),
        measure: z.enum(keysOf(UNQUALIFIED_MEASURES), { message: '处置方式应为 correction 限期改正、persuade 劝其退党或 remove 除名' }),
        months: z.number().int().optional(),
      }),
    )
    .default([]),
});
export type DeterminationInput = z.infer<typeof DeterminationSchema>;
/** What a client sends (cases may be left out). */
export type DeterminationBody = z.input<typeof DeterminationSchema>;
export type BallotInput = z.infer<typeof BallotSchema>;
export type MassEvalInput = z.infer<typeof MassEvalSchema>;
export const FollowUpSchema = z.strictObject({ note: z.string().trim().min(1, '请填写跟进情况').max(1000, '跟进情况不超过 1000 个字') });
export const CaseCloseSchema = z.strictObject({
  outcome: z.string().trim().min(1, '请填写处置结果').max(1000, '处置结果不超过 1000 个字'),
});
export const CampaignListQuery = z.object({ orgId: idParam().optional() });
export const CaseListQuery = z.object({ status: z.enum(['open', 'closed', 'all']).default('open') });
export type CaseListStatus = z.infer<typeof CaseListQuery>['status'];

// ——— Answers ———

export const CampaignListSchema = z.array(
  z.object({
    id: z.number(),
    orgId: z.number(),
    orgName: z.string(),
    year: z.number(),
    status: z.string(),
    openedAt: z.date(),
    participants: z.number(),
  }),
);
export const CampaignOpenedSchema = z.object({ id: z.number() });

/** A 不合格党员 case as stored. */
export const UnqualifiedCaseSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  orgId: z.number(),
  campaignId: z.number().nullable(),
  measure: z.string(),
  deadlineOn: z.string().nullable(),
  status: z.string(),
  followUps: z.array(z.object({ on: z.string(), note: z.string(), by: z.number().nullable() })),
  outcome: z.string().nullable(),
  closedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const CaseListSchema = z.array(UnqualifiedCaseSchema.extend({ name: z.string(), orgName: z.string(), measureName: z.string() }));

/** A campaign with each participant's self-evaluation, votes (after closing), grade and case. */
export const CampaignSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  status: z.string(),
  openedAt: z.date(),
  closedAt: z.date().nullable(),
  determinedAt: z.date().nullable(),
  voted: z.number(),
  excellentCap: z.number(),
  source: z.string(),
  people: z.array(
    z.object({
      memberId: z.number(),
      name: z.string(),
      category: z.string(),
      selfSummary: z.string().nullable(),
      selfAt: z.date().nullable(),
      grade: z.string().nullable(),
      gradeName: z.string().nullable(),
      /** Mutual votes per grade, once the campaign is closed. */
      mutual: z.record(z.string(), z.number()).nullable(),
      mass: z.record(z.string(), z.number()),
      case: UnqualifiedCaseSchema.nullable(),
    }),
  ),
});

export const MyAppraisalListSchema = z.array(
  z.object({
    id: z.number(),
    year: z.number(),
    orgName: z.string(),
    status: z.string(),
    selfDone: z.boolean(),
    voted: z.boolean(),
    grade: z.string().nullable(),
  }),
);
export const MyAppraisalSchema = z.object({
  id: z.number(),
  year: z.number(),
  status: z.string(),
  selfSummary: z.string().nullable(),
  selfAt: z.date().nullable(),
  voted: z.boolean(),
  grade: z.string().nullable(),
  others: z.array(z.object({ memberId: z.number(), name: z.string(), category: z.string() })),
});
export const OkSchema = z.object({ ok: z.boolean() });
export type Ok = z.infer<typeof OkSchema>;

export type CampaignListItemWire = Wire<z.infer<typeof CampaignListSchema>[number]>;
export type CampaignWire = Wire<z.infer<typeof CampaignSchema>>;
export type CaseWire = Wire<z.infer<typeof CaseListSchema>[number]>;
export type UnqualifiedCaseWire = Wire<z.infer<typeof UnqualifiedCaseSchema>>;
export type MyAppraisalItemDto = z.infer<typeof MyAppraisalListSchema>[number];
export type MyAppraisalWire = Wire<z.infer<typeof MyAppraisalSchema>>;
