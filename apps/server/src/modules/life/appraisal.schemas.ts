import { APPRAISAL_GRADES, UNQUALIFIED_MEASURES } from '@vanguard/shared';
import { z } from 'zod';
import { idRef, keysOf } from '../orgs/index.js';

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
export const FollowUpSchema = z.strictObject({ note: z.string().trim().min(1, '请填写跟进情况').max(1000, '跟进情况不超过 1000 个字') });
export const CaseCloseSchema = z.strictObject({
  outcome: z.string().trim().min(1, '请填写处置结果').max(1000, '处置结果不超过 1000 个字'),
});
