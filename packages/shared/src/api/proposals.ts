/**
 * The proposals module's contract (合理化建议, apps/server/src/modules/proposals/proposals.routes.ts):
 * request and response schemas, imported by the server's routes and, as types, by the web's client.
 */
import { z } from 'zod';
import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES } from '../proposals-rules.js';
import { PageQuerySchema, pageOf } from './auth.js';
import { dbId, idParam, idRef, isoDateOf, keysOf, text as safeText, timestamp } from './fields.js';

const text = (label: string, max: number, min = 1) =>
  safeText()
    .pipe(z.string().trim().min(min, `请填写${label}`).max(max, `${label}不超过 ${max} 个字`))
    .describe(label);
const fen = (label: string) =>
  z
    .number({ message: `${label}应为以分计的整数` })
    .int(`${label}应为以分计的整数`)
    .min(0, `${label}不能为负`)
    .max(100_000_000_000, `${label}过大`);
const fileIds = (label: string) => z.array(z.uuid({ message: `${label}编号不正确` })).max(9, `${label}不超过 9 张`);

export const CategorySchema = z.enum(keysOf(PROPOSAL_CATEGORIES), { message: '类别应为 安全、质量、成本、效率、环保 或 管理' });
export const StatusSchema = z.enum(keysOf(PROPOSAL_STATUSES), { message: '状态不正确' });

export const ProposalCreateSchema = z.strictObject({
  category: CategorySchema,
  title: text('标题', 60),
  problem: text('存在的问题', 2000),
  change: text('建议措施', 2000),
  expectedBenefit: text('预期效益', 1000),
  expectedBenefitFen: fen('预期年效益').default(0),
  place: text('工作面或单位', 60),
  photoIds: fileIds('照片').default([]),
  coproposerUserIds: z.array(idRef('联名人')).max(10, '联名人不超过 10 人').default([]),
  hideName: z.boolean().default(false),
});
export type ProposalCreateBody = z.input<typeof ProposalCreateSchema>;

export const ProposalParams = z.object({ id: idParam() });
export const SimilarQuerySchema = z.object({
  q: safeText().pipe(z.string().trim().min(2, '请至少输入 2 个字').max(200, '不超过 200 个字')),
});

export const PersonSchema = z.object({ userId: z.number(), name: z.string() });

export const ProposalItemSchema = z.object({
  id: z.number(),
  category: CategorySchema,
  categoryName: z.string(),
  title: z.string(),
  status: StatusSchema,
  statusName: z.string(),
  proposerName: z.string(),
  orgName: z.string(),
  supportCount: z.number(),
  scoreCents: z.number().nullable(),
  createdAt: timestamp,
});
export type ProposalItemDto = z.input<typeof ProposalItemSchema>;
export const ProposalPageSchema = pageOf(ProposalItemSchema);

export const SimilarSchema = z.object({
  items: z.array(z.object({ id: z.number(), title: z.string(), statusName: z.string(), similarity: z.number() })),
});
export type SimilarDto = z.input<typeof SimilarSchema>;

export const ReviewSchema = z.object({
  id: z.number(),
  reviewerName: z.string(),
  scores: z.record(z.string(), z.number()).nullable(),
  total: z.number().nullable(),
  comment: z.string().nullable(),
  scoredAt: timestamp.nullable(),
});

export const MilestoneSchema = z.object({
  id: z.number(),
  title: z.string(),
  dueOn: z.string(),
  doneAt: timestamp.nullable(),
  note: z.string().nullable(),
  photoIds: z.array(z.string()),
});

export const ProposalDetailSchema = ProposalItemSchema.extend({
  problem: z.string(),
  change: z.string(),
  expectedBenefit: z.string(),
  expectedBenefitFen: z.number(),
  place: z.string(),
  photoIds: z.array(z.string()),
  hideName: z.boolean(),
  coproposers: z.array(PersonSchema),
  supportedByMe: z.boolean(),
  mine: z.boolean(),
  comments: z.array(z.object({ id: z.number(), name: z.string(), body: z.string(), createdAt: timestamp })),
  reviews: z.array(ReviewSchema),
  criteria: z.array(z.object({ key: z.string(), name: z.string(), max: z.number() })),
  committeeNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  ownerName: z.string().nullable(),
  progress: z.number(),
  milestones: z.array(MilestoneSchema),
  verifiedBenefitFen: z.number().nullable(),
  verifiedBasis: z.string().nullable(),
  rewardGrade: z.string().nullable(),
  rewardFen: z.number().nullable(),
  rewards: z.array(z.object({ id: z.number(), name: z.string(), amountFen: z.number(), paidAt: timestamp.nullable() })),
});
export type ProposalDetailDto = z.input<typeof ProposalDetailSchema>;

export const ProposalListQuerySchema = PageQuerySchema.extend({
  orgId: idParam('请选择组织'),
  status: StatusSchema.optional(),
  category: CategorySchema.optional(),
  q: safeText().pipe(z.string().max(60)).optional(),
});
export type ProposalListQuery = z.infer<typeof ProposalListQuerySchema>;

export const BoardQuerySchema = PageQuerySchema.extend({
  column: z.enum(['open', 'adopted', 'implemented', 'closed'], { message: '栏目不正确' }).optional(),
});
export const BoardSchema = pageOf(ProposalItemSchema.extend({ column: z.string() }));
export type BoardItemDto = z.input<typeof BoardSchema>['items'][number];

export const CommentCreateSchema = z.strictObject({ body: text('评论', 500) });

export const ScoreSchema = z.strictObject({
  scores: z.record(z.string().max(40), z.number({ message: '得分应为整数' })),
  comment: text('评审意见', 1000, 0).optional(),
});
export type ScoreBody = z.input<typeof ScoreSchema>;

export const MyReviewSchema = z.object({
  id: z.number(),
  proposalId: z.number(),
  title: z.string(),
  categoryName: z.string(),
  statusName: z.string(),
  scored: z.boolean(),
  total: z.number().nullable(),
});
export const MyReviewsSchema = z.object({ items: z.array(MyReviewSchema) });
export type MyReviewDto = z.input<typeof MyReviewSchema>;

export const DecideSchema = z
  .strictObject({
    outcome: z.enum(['adopted', 'partial', 'rejected', 'merged'], { message: '结论应为 采纳、部分采纳、不采纳 或 合并' }),
    reason: text('理由', 1000, 0).optional(),
    mergedIntoId: idRef('合并到的建议').optional(),
    committeeNote: text('委员会意见', 1000, 0).optional(),
  })
  .refine((v) => v.outcome !== 'rejected' || (v.reason ?? '').length > 0, { message: '不采纳须说明理由', path: ['reason'] })
  .refine((v) => v.outcome !== 'merged' || v.mergedIntoId !== undefined, { message: '请选择合并到的建议', path: ['mergedIntoId'] });
export type DecideBody = z.input<typeof DecideSchema>;

export const OwnerSchema = z.strictObject({
  ownerUserId: idRef('负责人'),
  milestones: z
    .array(z.strictObject({ title: text('节点', 100), dueOn: isoDateOf('完成期限') }))
    .max(20, '节点不超过 20 个')
    .default([]),
});
export type OwnerBody = z.input<typeof OwnerSchema>;

export const ProgressSchema = z.strictObject({
  progress: z
    .number({ message: '进度应为 0–100 的整数' })
    .int('进度应为 0–100 的整数')
    .min(0, '进度应为 0–100 的整数')
    .max(100, '进度应为 0–100 的整数'),
  milestoneId: dbId().optional(),
  note: text('进展说明', 1000, 0).optional(),
  photoIds: fileIds('照片').default([]),
});
export type ProgressBody = z.input<typeof ProgressSchema>;

export const VerifySchema = z.strictObject({
  benefitFen: fen('核定年效益'),
  basis: z
    .string({ message: '请填写核定依据（测算方法与数据来源）' })
    .pipe(text('核定依据', 2000, 10).describe('核定依据'))
    .refine((s) => s.length >= 10, { message: '核定依据至少 10 个字（测算方法与数据来源）' }),
});
export type VerifyBody = z.input<typeof VerifySchema>;

export const RouteRowSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  category: CategorySchema,
  categoryName: z.string(),
  reviewers: z.array(PersonSchema),
});
export const RoutesSchema = z.object({ items: z.array(RouteRowSchema) });
export type RouteRowDto = z.input<typeof RouteRowSchema>;
export const RouteQuerySchema = z.object({ orgId: idParam('请选择组织') });
export const RoutePutSchema = z.strictObject({
  orgId: idRef('组织'),
  category: CategorySchema,
  reviewerUserIds: z.array(idRef('评审人')).min(1, '至少指定一名评审人').max(5, '评审人不超过 5 名'),
});
export type RoutePutBody = z.input<typeof RoutePutSchema>;

export const RewardQuerySchema = PageQuerySchema.extend({ orgId: idParam('请选择组织'), paid: z.stringbool().optional() });
export const RewardRowSchema = z.object({
  id: z.number(),
  proposalId: z.number(),
  title: z.string(),
  name: z.string(),
  grade: z.string(),
  amountFen: z.number(),
  paidAt: timestamp.nullable(),
  voucher: z.string().nullable(),
});
export const RewardPageSchema = pageOf(RewardRowSchema);
export type RewardRowDto = z.input<typeof RewardRowSchema>;
export const RewardParams = z.object({ id: idParam() });
export const PaySchema = z.strictObject({ voucher: text('凭证号', 60) });

export const StatsQuerySchema = z.object({
  orgId: idParam('请选择组织'),
  year: z.coerce
    .number({ message: '年度应为 2000–2100' })
    .int('年度应为 2000–2100')
    .min(2000, '年度应为 2000–2100')
    .max(2100, '年度应为 2000–2100'),
});
export const StatsRowSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  headcount: z.number(),
  proposals: z.number(),
  per100: z.number(),
  adopted: z.number(),
  adoptionRate: z.number(),
  implemented: z.number(),
  verifiedFen: z.number(),
  rewardsPaidFen: z.number(),
});
export const StatsSchema = z.object({ year: z.number(), rows: z.array(StatsRowSchema), total: StatsRowSchema });
export type StatsDto = z.input<typeof StatsSchema>;
export type StatsRowDto = z.input<typeof StatsRowSchema>;

export const PeopleQuerySchema = z.object({ q: safeText().pipe(z.string().trim().min(1, '请输入姓名').max(20)) });
export const PeopleSchema = z.object({ items: z.array(PersonSchema.extend({ orgName: z.string() })) });
