import { z } from 'zod';

/**
 * Sub-records of the member archive (履历、任职、奖惩、培训、家庭成员), as on the national member
 * record. One shape for every kind; the kind decides which fields the form asks for. Discipline
 * records (惩处) are sensitive (RULES.md §Security): stored encrypted, hidden unless revealed.
 */
export const MEMBER_RECORD_KINDS = {
  work: { zh: '工作经历', en: 'Work history', title: '单位及职务', sensitive: false, system: false },
  post: { zh: '党内职务', en: 'Party posts', title: '职务', sensitive: false, system: false },
  reward: { zh: '奖励', en: 'Rewards', title: '奖励名称', sensitive: false, system: false },
  penalty: { zh: '惩处', en: 'Penalties', title: '处分名称', sensitive: true, system: false },
  training: { zh: '培训', en: 'Training', title: '培训名称', sensitive: false, system: false },
  family: { zh: '家庭成员', en: 'Family members', title: '姓名', sensitive: false, system: false },
  // Written by the workflows (发展党员 steps, 民主评议 results), never by hand.
  recruitment: { zh: '发展经历', en: 'Recruitment', title: '步骤', sensitive: false, system: true },
  appraisal: { zh: '民主评议', en: 'Appraisal', title: '评议结果', sensitive: false, system: true },
} as const;

export type MemberRecordKind = keyof typeof MEMBER_RECORD_KINDS;
export const MEMBER_RECORD_KIND_CODES = Object.keys(MEMBER_RECORD_KINDS) as [MemberRecordKind, ...MemberRecordKind[]];
/** The kinds a person adds and edits on the record page. */
export const EDITABLE_RECORD_KIND_CODES = MEMBER_RECORD_KIND_CODES.filter((k) => !MEMBER_RECORD_KINDS[k].system) as [
  MemberRecordKind,
  ...MemberRecordKind[],
];

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).refine((s) => s >= '1900' && s < '2201', '日期应在 1900–2200 年之间');
const text = (max: number) => z.string().trim().max(max).nullable().optional();

export const MemberRecordInputSchema = z
  .strictObject({
    kind: z.enum(EDITABLE_RECORD_KIND_CODES, { message: '记录类别不正确（发展经历、民主评议由流程写入）' }),
    title: z.string().trim().min(1, '请填写名称').max(100),
    startedOn: isoDate.nullable().optional(),
    endedOn: isoDate.nullable().optional(),
    /** 批准机关 / 培训单位 / 工作单位 */
    issuer: text(100),
    /** 家庭成员的称谓 (父亲、配偶…) */
    relation: text(20),
    /** 培训学时 */
    hours: z.number().min(0).max(2000).nullable().optional(),
    /** 文号 */
    docNo: text(50),
    note: text(500),
  })
  .refine((r) => !r.startedOn || !r.endedOn || r.startedOn <= r.endedOn, {
    message: '结束日期不能早于开始日期',
    path: ['endedOn'],
  })
  .refine((r) => r.kind !== 'family' || !!r.relation, { message: '请填写称谓', path: ['relation'] });
export type MemberRecordInput = z.infer<typeof MemberRecordInputSchema>;

export const MemberRecordSchema = z.object({
  id: z.number(),
  kind: z.enum(MEMBER_RECORD_KIND_CODES),
  title: z.string(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  issuer: z.string().nullable(),
  relation: z.string().nullable(),
  hours: z.number().nullable(),
  docNo: z.string().nullable(),
  note: z.string().nullable(),
  /** A sensitive record shown without its content (the reader may not, or did not ask to, see it). */
  hidden: z.boolean(),
});
export type MemberRecordDto = z.infer<typeof MemberRecordSchema>;

/** A change of category or status (正式/预备, 正常/停止党籍/出党…), dated, with its reason. */
export const MemberHistorySchema = z.object({
  id: z.number(),
  field: z.enum(['category', 'status']),
  fromValue: z.string().nullable(),
  toValue: z.string(),
  effectiveOn: z.string(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type MemberHistoryDto = z.infer<typeof MemberHistorySchema>;
