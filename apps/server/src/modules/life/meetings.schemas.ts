import { EXCLUSION_KINDS, MEETING_TYPES } from '@vanguard/shared';
import { z } from 'zod';
import { IdParams, idRef, isoDate, keysOf } from '../orgs/index.js';

export { IdParams, isoDate };

const typeNames = Object.entries(MEETING_TYPES)
  .map(([k, v]) => `${k} ${v}`)
  .join('、');
export const meetingType = z.enum(keysOf(MEETING_TYPES), { message: `会议类型应为：${typeNames}` });
const instant = (what: string) => z.coerce.date({ message: `${what}格式不正确` });
const text = (what: string, max: number) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不超过 ${max} 个字`);

/** Who is invited: an org's members, its committee, chosen people, or several orgs (联席会议). */
export const InviteSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('members') }),
    z.strictObject({ kind: z.literal('committee') }),
    z.strictObject({ kind: z.literal('people'), memberIds: z.array(idRef('参会人员')).min(1, '请至少选择一名参会人员').max(2000) }),
    z.strictObject({
      kind: z.literal('orgs'),
      orgIds: z.array(idRef('参会组织')).min(2, '联席会议至少两个组织参加').max(50),
      who: z.enum(['members', 'committee'], { message: '参会范围应为全体党员（members）或班子成员（committee）' }).default('committee'),
    }),
  ],
  { message: '请选择参会范围：本组织党员、支委会成员、指定人员或多个组织' },
);
export type InviteInput = z.infer<typeof InviteSchema>;

export const MeetingCreateSchema = z.strictObject({
  orgId: idRef('召开会议的组织'),
  type: meetingType,
  topic: text('会议主题', 200),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间').optional(),
  place: text('会议地点', 200),
  chairMemberId: idRef('主持人').optional(),
  recorderMemberId: idRef('记录人').optional(),
  invite: InviteSchema,
  jointBody: z.string().trim().max(100, '联席会议名称不超过 100 个字').optional(),
  /** Training minutes credited to each attendee (党课, 学习研讨, 现场教学). */
  hoursMinutes: z
    .number()
    .int('学时应为整数分钟')
    .min(0)
    .max(16 * 60, '学时不超过 16 小时')
    .optional(),
});
export type MeetingCreateInput = z.infer<typeof MeetingCreateSchema>;

export const RescheduleSchema = z.strictObject({
  startsAt: instant('新的开始时间'),
  place: text('会议地点', 200).optional(),
  reason: text('改期原因', 200),
});
export const CancelSchema = z.strictObject({ reason: text('取消原因', 200) });

export const MinutesSchema = z.strictObject({
  minutes: text('会议记录', 20000),
  resolutions: z.string().trim().max(5000, '会议决议不超过 5000 个字').optional(),
  hoursMinutes: z
    .number()
    .int('学时应为整数分钟')
    .min(0)
    .max(16 * 60, '学时不超过 16 小时')
    .optional(),
});
export type MinutesInput = z.infer<typeof MinutesSchema>;

export const FileAttachSchema = z.strictObject({
  fileId: z.uuid({ message: '文件编号不正确' }),
  kind: z.enum(['photo', 'file'], { message: '附件类型应为照片（photo）或文件（file）' }),
});

export const AttendanceSchema = z
  .strictObject({
    memberId: idRef('党员'),
    status: z.enum(['present', 'absent', 'excluded', 'expected'], {
      message: '出席情况应为 present 出席、absent 缺席、excluded 不计入应到或 expected 恢复应到',
    }),
    reason: z.string().trim().max(200, '原因不超过 200 个字').optional(),
    exclusion: z.enum(keysOf(EXCLUSION_KINDS), { message: '不计入应到人数的情形应为五类情形之一' }).optional(),
  })
  .refine((v) => v.status === 'expected' || (v.reason?.length ?? 0) > 0, { message: '请填写原因', path: ['reason'] })
  .refine((v) => v.status !== 'excluded' || v.exclusion, { message: '请选择不计入应到人数的情形', path: ['exclusion'] });
export type AttendanceInput = z.infer<typeof AttendanceSchema>;

export const CreditHoursSchema = z.strictObject({
  memberId: idRef('党员'),
  minutes: z.number({ message: '请填写学时（分钟）' }).int('学时应为整分钟').min(0, '学时不能为负').max(960, '学时不超过 960 分钟'),
  reason: z.string().trim().max(200, '原因不超过 200 个字').optional(),
});

export const LeaveSchema = z.strictObject({ reason: text('请假事由', 200) });
export const LeaveDecisionSchema = z.strictObject({
  approve: z.boolean({ message: '请选择批准或不批准' }),
  note: z.string().trim().max(200, '意见不超过 200 个字').optional(),
});

export const MeetingListQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  type: meetingType.optional(),
  status: z.enum(['planned', 'held', 'published', 'cancelled']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type MeetingListQueryInput = z.infer<typeof MeetingListQuery>;

export const SignInSchema = z
  .strictObject({
    /** The scanned QR token. */
    token: z.string().trim().max(200).optional(),
    /** Or the 6-digit code shown on the screen. */
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '签到码为 6 位数字')
      .optional(),
    meetingId: z.number().int().positive().optional(),
    /** Set by the phone for a sign-in queued without signal: when it was scanned. */
    scannedAt: instant('扫码时间').optional(),
    /** The phone's id for this attempt; a replay returns the first result. */
    clientId: z.string().trim().min(8, '请求编号不正确').max(64, '请求编号不正确'),
  })
  .refine((v) => v.token || v.code, { message: '请扫码或输入 6 位签到码', path: ['code'] });
export type SignInInput = z.infer<typeof SignInSchema>;

export const ActionItemCreateSchema = z.strictObject({
  title: text('督办事项', 300),
  orgId: idRef('责任组织'),
  ownerMemberId: idRef('责任人').optional(),
  dueOn: isoDate,
});
export const ActionItemDoneSchema = z.strictObject({ note: text('办结情况', 500) });
export const ActionItemQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  status: z.enum(['open', 'done', 'all']).default('open'),
  jointBody: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
