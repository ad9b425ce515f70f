/**
 * The life module's contract (apps/server/src/modules/life/life.routes.ts): request and response
 * schemas of meetings, sign-in, action items, compliance, hours and the phone's own views; the
 * appraisal's are in life-appraisal.ts and exported from here. Imported by the server's routes and,
 * as types, by the web's client.
 */
import { z } from 'zod';
import { EXCLUSION_KINDS, MEETING_TYPES } from '../life-rules.js';
import { IdParams, pageOf } from './auth.js';
import { instant as anInstant, dbId, idParam, idRef, isoDate, keysOf } from './fields.js';
import { hoursRow } from './life-my.js';
import type { Wire } from './wire.js';

export * from './life-appraisal.js';
export * from './life-my.js';

const typeNames = Object.entries(MEETING_TYPES)
  .map(([k, v]) => `${k} ${v}`)
  .join('、');
export const meetingType = z.enum(keysOf(MEETING_TYPES), { message: `会议类型应为：${typeNames}` });
const instant = (what: string) => anInstant(`${what}格式不正确`);
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
/** An invite as a client sends it (`who` may be left out). */
export type InviteBody = z.input<typeof InviteSchema>;

/** Training minutes credited to each attendee (党课, 学习研讨, 现场教学). */
const hoursMinutes = z
  .number()
  .int('学时应为整数分钟')
  .min(0)
  .max(16 * 60, '学时不超过 16 小时')
  .optional();

export const MeetingCreateSchema = z.strictObject({
  orgId: idRef('召开会议的组织'),
  type: meetingType,
  topic: text('会议主题', 200),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间').optional(),
  place: text('会议地点', 200),
  /** 议程: what will be discussed, told to the invited. */
  agenda: z.string().trim().max(2000, '议程不超过 2000 个字').optional(),
  chairMemberId: idRef('主持人').optional(),
  recorderMemberId: idRef('记录人').optional(),
  invite: InviteSchema,
  jointBody: z.string().trim().max(100, '联席会议名称不超过 100 个字').optional(),
  hoursMinutes,
});
export type MeetingCreateInput = z.infer<typeof MeetingCreateSchema>;
/** What a client sends (times as ISO strings). */
export type MeetingCreateBody = z.input<typeof MeetingCreateSchema>;

export const RescheduleSchema = z.strictObject({
  startsAt: instant('新的开始时间'),
  place: text('会议地点', 200).optional(),
  reason: text('改期原因', 200),
});
export const CancelSchema = z.strictObject({ reason: text('取消原因', 200) });

export const MinutesSchema = z.strictObject({
  minutes: text('会议记录', 20000),
  resolutions: z.string().trim().max(5000, '会议决议不超过 5000 个字').optional(),
  hoursMinutes,
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
  orgId: idParam().optional(),
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
    meetingId: dbId().optional(),
    /** Set by the phone for a sign-in queued without signal: when it was scanned. */
    scannedAt: instant('扫码时间').optional(),
    /** The phone's id for this attempt; a replay returns the first result. */
    clientId: z.string().trim().min(8, '请求编号不正确').max(64, '请求编号不正确'),
  })
  .refine((v) => v.token || v.code, { message: '请扫码或输入 6 位签到码', path: ['code'] });
export type SignInInput = z.infer<typeof SignInSchema>;
/** What the phone sends (the scan time as an ISO string). */
export type SignInBody = z.input<typeof SignInSchema>;

export const ActionItemCreateSchema = z.strictObject({
  title: text('督办事项', 300),
  orgId: idRef('责任组织'),
  ownerMemberId: idRef('责任人').optional(),
  dueOn: isoDate,
});
export const ActionItemDoneSchema = z.strictObject({ note: text('办结情况', 500) });
export const ActionItemQuery = z.object({
  orgId: idParam().optional(),
  status: z.enum(['open', 'done', 'all']).default('open'),
  jointBody: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const id = idParam();
const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);
export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const ComplianceXlsxQuery = YearQuery.extend({ orgId: id, onlyProblems: z.stringbool().optional() });
export const ComplianceQuery = ComplianceXlsxQuery.extend({ page, pageSize });
export const HoursXlsxQuery = YearQuery.extend({ orgId: id, onlyShort: z.stringbool().optional() });
export const HoursQuery = HoursXlsxQuery.extend({ page, pageSize });
export const MyMeetingsQuery = z.object({ when: z.enum(['upcoming', 'past']).default('upcoming') });
export const FileParams = IdParams.extend({ fileId: z.uuid() });

// ——— Answers ———
// Instants are Dates on the server and ISO strings on the wire: the web reads `…Wire` types.

export const MeetingSummarySchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  type: z.string(),
  typeName: z.string(),
  topic: z.string(),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  place: z.string(),
  status: z.string(),
  jointBody: z.string().nullable(),
  hasMinutes: z.boolean(),
});
/** A row of the meeting list, with its attendance counts. */
export const MeetingListItemSchema = MeetingSummarySchema.extend({ expected: z.number(), present: z.number() });
export const MeetingPageSchema = pageOf(MeetingListItemSchema);

export const AttendeeSchema = z.object({
  memberId: z.number(),
  name: z.string(),
  category: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  /** pending, present, leave, absent or excluded. */
  status: z.string(),
  reason: z.string().nullable(),
  signedAt: z.date().nullable(),
  method: z.string().nullable(),
  /** Training minutes credited (present at a 党课 / 学习研讨 / 现场教学), and why fewer. */
  minutes: z.number().nullable(),
  hoursReason: z.string().nullable(),
  leave: z.object({ id: z.number(), status: z.string(), reason: z.string() }).nullable(),
});

const FileSchema = z.object({ id: z.string(), name: z.string(), mime: z.string(), kind: z.string() });

/** A meeting with its people, attendance, minutes, files and history (every console action answers with it). */
export const MeetingDetailSchema = MeetingSummarySchema.extend({
  chairMemberId: z.number().nullable(),
  chairName: z.string().nullable(),
  recorderMemberId: z.number().nullable(),
  recorderName: z.string().nullable(),
  /** How the invitees were chosen, as planned (InviteSchema). */
  invite: z.unknown(),
  orgs: z.array(z.object({ id: z.number(), name: z.string() })),
  minutes: z.string().nullable(),
  resolutions: z.string().nullable(),
  minutesAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  cancelReason: z.string().nullable(),
  hoursMinutes: z.number(),
  agenda: z.string().nullable(),
  /** The meeting has started by the server's clock: minutes are asked for from then on. */
  started: z.boolean(),
  signInOpens: z.date(),
  signInCloses: z.date(),
  attendance: z.object({
    expected: z.number(),
    present: z.number(),
    leave: z.number(),
    absent: z.number(),
    excluded: z.number(),
    pending: z.number(),
    quorum: z.boolean().nullable(),
    people: z.array(AttendeeSchema),
  }),
  files: z.array(FileSchema.extend({ size: z.number() })),
  /** The meeting's events (planned, rescheduled, …); `details` depends on the kind. */
  history: z.array(z.object({ kind: z.string(), at: z.date(), actor: z.string().nullable(), details: z.unknown() })),
});

/** The sign-in QR and code while sign-in is open (they change every 30 seconds), else when it opens. */
export const SignInCodeSchema = z.discriminatedUnion('open', [
  z.object({ open: z.literal(false), message: z.string(), opens: z.date(), closes: z.date() }),
  z.object({
    open: z.literal(true),
    token: z.string(),
    url: z.string(),
    qrSvg: z.string(),
    code: z.string(),
    refreshAt: z.date(),
    opens: z.date(),
    closes: z.date(),
  }),
]);

export const PendingLeaveSchema = z.object({
  id: z.number(),
  meetingId: z.number(),
  topic: z.string(),
  type: z.string(),
  startsAt: z.date(),
  memberId: z.number(),
  name: z.string(),
  reason: z.string(),
  createdAt: z.date(),
});
export const PendingLeaveListSchema = z.array(PendingLeaveSchema);
export const LeaveStatusSchema = z.object({ id: z.number(), status: z.string() });

/** An action item of one meeting. */
export const MeetingActionItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  dueOn: z.string(),
  status: z.string(),
  orgName: z.string(),
  ownerName: z.string().nullable(),
  doneNote: z.string().nullable(),
});
export const MeetingActionItemListSchema = z.array(MeetingActionItemSchema);
/** An action item as stored (the answer of adding and closing one). */
export const ActionItemRecordSchema = z.object({
  id: z.number(),
  meetingId: z.number(),
  orgId: z.number(),
  ownerMemberId: z.number().nullable(),
  title: z.string(),
  dueOn: z.string(),
  status: z.string(),
  doneAt: z.date().nullable(),
  doneNote: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const ActionItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  dueOn: z.string(),
  status: z.string(),
  doneAt: z.date().nullable(),
  doneNote: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  ownerName: z.string().nullable(),
  meetingId: z.number(),
  meetingTopic: z.string(),
  jointBody: z.string().nullable(),
  overdue: z.boolean(),
});
export const ActionItemPageSchema = pageOf(ActionItemSchema);
export const JointBodyListSchema = z.array(z.object({ jointBody: z.string().nullable(), meetings: z.number(), open: z.number() }));

const counts = { orgs: z.number(), expected: z.number(), done: z.number(), missing: z.number(), rate: z.number().nullable() };
export const ComplianceCellSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.string(),
  typeName: z.string(),
  every: z.string(),
  period: z.string(),
  held: z.number(),
  status: z.enum(['done', 'missing', 'due', 'future']),
});
/** 组织生活落实情况 of an org and its subtree for a year: totals, by requirement, by child, by org and period. */
export const ComplianceSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  today: z.string(),
  source: z.string(),
  total: z.object(counts),
  summary: z.array(
    z.object({
      key: z.string(),
      type: z.string(),
      typeName: z.string(),
      every: z.string(),
      orgs: z.number(),
      periods: z.array(z.object({ period: z.string(), done: z.number(), state: z.string() })),
    }),
  ),
  children: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string(), ...counts })),
  orgs: z.object({
    total: z.number(),
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        kind: z.string(),
        expected: z.number(),
        done: z.number(),
        missing: z.number(),
        cells: z.array(ComplianceCellSchema),
      }),
    ),
  }),
});

/** 党员学时台账: a page of members with their hours against the year's target. */
export const HoursLedgerSchema = z.object({
  year: z.number(),
  orgName: z.string(),
  total: z.number(),
  met: z.number(),
  items: z.array(z.object(hoursRow)),
});

export type MeetingListItemWire = Wire<z.infer<typeof MeetingListItemSchema>>;
export type MeetingDetailWire = Wire<z.infer<typeof MeetingDetailSchema>>;
export type AttendeeWire = Wire<z.infer<typeof AttendeeSchema>>;
export type SignInCodeWire = Wire<z.infer<typeof SignInCodeSchema>>;
export type PendingLeaveWire = Wire<z.infer<typeof PendingLeaveSchema>>;
export type LeaveStatusDto = z.infer<typeof LeaveStatusSchema>;
export type MeetingActionItemDto = z.infer<typeof MeetingActionItemSchema>;
export type ActionItemRecordWire = Wire<z.infer<typeof ActionItemRecordSchema>>;
export type ActionItemWire = Wire<z.infer<typeof ActionItemSchema>>;
export type JointBodyDto = z.infer<typeof JointBodyListSchema>[number];
export type ComplianceDto = z.infer<typeof ComplianceSchema>;
export type ComplianceCellDto = z.infer<typeof ComplianceCellSchema>;
export type HoursLedgerDto = z.infer<typeof HoursLedgerSchema>;
export type ActionItemQueryInput = z.infer<typeof ActionItemQuery>;
export type ActionItemCreateInput = z.infer<typeof ActionItemCreateSchema>;
export type CreditHoursInput = z.infer<typeof CreditHoursSchema>;
export type FileAttachInput = z.infer<typeof FileAttachSchema>;
/** A reschedule as a client sends it (the new time as an ISO string). */
export type RescheduleBody = z.input<typeof RescheduleSchema>;
export type ComplianceQueryInput = z.infer<typeof ComplianceQuery>;
export type HoursQueryInput = z.infer<typeof HoursQuery>;
