import { z } from 'zod';
import { CONTACT_KINDS, PETITION_CATEGORIES, PETITION_RATINGS, PETITION_RULESETS, PETITION_STATUSES } from '../petitions-rules.js';
import { PageQuerySchema } from './auth.js';
import { idParam, idRef, isoDate, keysOf, text, timestamp } from './fields.js';

/**
 * The petitions API contract (职工诉求 / 民情说事 / 我为群众办实事, issue 20): /api/v1/petitions*,
 * /api/v1/me/petitions*, /api/v1/petition-calendars, /api/v1/deeds*. The web reads `z.input<>`.
 */

const maxPhotos = PETITION_RULESETS[PETITION_RULESETS.length - 1].maxPhotos;
const words = (label: string, min: number, max: number) =>
  text()
    .transform((s) => s.trim())
    .pipe(z.string().min(min, `请填写${label}`).max(max, `${label}不超过 ${max} 个字`));

export const PetitionSubmitSchema = z.strictObject({
  category: z.enum(keysOf(PETITION_CATEGORIES), { message: '请选择诉求类别' }),
  body: words('诉求内容', 5, 2000),
  place: words('地点', 0, 100).optional(),
  photoFileIds: z
    .array(z.uuid({ message: '照片编号不正确' }))
    .max(maxPhotos, `照片最多 ${maxPhotos} 张`)
    .default([]),
  /** 不公开姓名：只有受理人看得到。 */
  anonymous: z.boolean().default(false),
  /** 同意在办实事台账中显示姓名。 */
  nameInLedger: z.boolean().default(false),
  /** A mine department chosen instead of one's own branch (from /me/petition-targets). */
  orgId: idRef('受理部门').optional(),
});
export type PetitionSubmitInput = z.infer<typeof PetitionSubmitSchema>;

export const PetitionTargetsSchema = z.object({
  own: z.object({ orgId: z.number(), orgName: z.string() }).nullable(),
  departments: z.array(z.object({ orgId: z.number(), orgName: z.string() })),
});

export const PetitionEventSchema = z.object({
  kind: z.string(),
  kindName: z.string(),
  at: timestamp,
  note: z.string().nullable(),
  toOrgName: z.string().nullable(),
});

export const PetitionSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  originOrgName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  body: z.string(),
  place: z.string().nullable(),
  photoFileIds: z.array(z.string()),
  /** The petitioner's name, or 不公开姓名 for anyone but the assigned handler and the petitioner. */
  submitterName: z.string(),
  anonymous: z.boolean(),
  nameInLedger: z.boolean(),
  status: z.enum(keysOf(PETITION_STATUSES)),
  statusName: z.string(),
  receivedOn: z.string(),
  acceptDueOn: z.string(),
  replyDueOn: z.string(),
  acceptedOn: z.string().nullable(),
  acceptedLate: z.boolean(),
  reply: z.string().nullable(),
  repliedAt: timestamp.nullable(),
  rating: z.string().nullable(),
  ratingName: z.string().nullable(),
  reopens: z.number(),
  escalations: z.number(),
  meetingId: z.number().nullable(),
  meetingDecision: z.string().nullable(),
  /** Due today (red on the board) or past due. */
  due: z.enum(['today', 'overdue', 'none']),
  createdAt: timestamp,
  events: z.array(PetitionEventSchema),
  /** What the viewer may do now. */
  actions: z.array(z.enum(['accept', 'reply', 'meeting', 'close', 'rate'])),
});
export type PetitionDto = z.infer<typeof PetitionSchema>;

export const PetitionRowSchema = PetitionSchema.omit({ events: true, body: true }).extend({ excerpt: z.string() });
export const PetitionPageSchema = z.object({ items: z.array(PetitionRowSchema), total: z.number().int(), dueToday: z.number().int() });

export const PetitionListQuery = PageQuerySchema.extend({
  status: z.enum(keysOf(PETITION_STATUSES)).optional(),
  due: z.enum(['today', 'overdue']).optional(),
  orgId: idParam().optional(),
});
export type PetitionListQuery = z.infer<typeof PetitionListQuery>;

export const PetitionReplySchema = z.strictObject({ reply: words('答复内容', 5, 2000) });
export const PetitionRateSchema = z.strictObject({
  rating: z.enum(keysOf(PETITION_RATINGS), { message: '请选择评价' }),
  note: words('评价说明', 0, 500).optional(),
});
export const PetitionMeetingSchema = z.strictObject({
  meetingId: idRef('民情说事会'),
  decision: words('会议决定', 2, 1000).optional(),
});
export const PetitionCloseSchema = z.strictObject({
  /** 列入我为群众办实事台账 */
  toLedger: z.boolean().default(false),
  title: words('事项名称', 2, 100).optional(),
  done: words('办理情况', 2, 1000).optional(),
  costFen: z.number().int('金额以分计').min(0, '金额不能为负').max(2_000_000_000).default(0),
  beneficiaries: z.number().int().min(0, '受益人数不能为负').max(10_000_000).default(1),
});

export const OnTimeQuery = z.object({ orgId: idParam().optional(), from: isoDate.optional(), to: isoDate.optional() });
export const OnTimeRowSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  received: z.number(),
  replied: z.number(),
  onTime: z.number(),
  /** 0–100, null when nothing was due. */
  rate: z.number().nullable(),
  open: z.number(),
});
export const OnTimeSchema = z.object({ items: z.array(OnTimeRowSchema) });

// ── The mine's working calendar ─────────────────────────────────────────────────────────────

export const CalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const CalendarDaySchema = z.object({ day: z.string(), kind: z.enum(['holiday', 'workday']), note: z.string().nullable() });
export const CalendarSchema = z.object({ orgId: z.number(), orgName: z.string(), days: z.array(CalendarDaySchema) });
export const CalendarPutSchema = z.strictObject({
  day: isoDate,
  /** holiday: 节假日不计；workday: 调休上班计入；none: 恢复（周一至周五上班）。 */
  kind: z.enum(['holiday', 'workday', 'none'], { message: '请选择节假日、调休上班或恢复' }),
  note: words('说明', 0, 50).optional(),
});

// ── 我为群众办实事 ──────────────────────────────────────────────────────────────────────────

export const DeedSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  petitionId: z.number().nullable(),
  title: z.string(),
  done: z.string(),
  costFen: z.number(),
  beneficiaries: z.number(),
  photoFileIds: z.array(z.string()),
  doneOn: z.string(),
  petitionerName: z.string().nullable(),
});
export const DeedPageSchema = z.object({ items: z.array(DeedSchema), total: z.number().int() });
export const DeedListQuery = PageQuerySchema.extend({ q: text().max(50).optional(), orgId: idParam().optional() });
export const DeedCreateSchema = z.strictObject({
  orgId: idRef('党组织'),
  title: words('事项名称', 2, 100),
  done: words('办理情况', 2, 1000),
  costFen: z.number().int('金额以分计').min(0, '金额不能为负').max(2_000_000_000).default(0),
  beneficiaries: z.number().int().min(0, '受益人数不能为负').max(10_000_000).default(0),
  photoFileIds: z
    .array(z.uuid({ message: '照片编号不正确' }))
    .max(maxPhotos, `照片最多 ${maxPhotos} 张`)
    .default([]),
  doneOn: isoDate,
});

// ── 联系职工群众 ────────────────────────────────────────────────────────────────────────────

export const CareWorkerQuery = PageQuerySchema.extend({ orgId: idParam().optional(), unlinked: z.enum(['1', '0']).optional() });
export const CareWorkerRowSchema = z.object({
  workerId: z.number(),
  workerName: z.string(),
  team: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  linkId: z.number().nullable(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  lastContactOn: z.string().nullable(),
});
export const CareWorkerPageSchema = z.object({ items: z.array(CareWorkerRowSchema), total: z.number().int() });
export const CareMemberLoadSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  workers: z.number(),
  warning: z.string().nullable(),
});
export const CareLoadsQuery = z.object({ orgId: idParam() });
export const CareLoadsSchema = z.object({ items: z.array(CareMemberLoadSchema), min: z.number(), max: z.number() });
export const CareAssignSchema = z.strictObject({
  memberId: idRef('联系党员'),
  workerIds: z.array(idRef('职工')).min(1, '请选择职工').max(50, '一次最多 50 名职工'),
});
export const CareAssignResultSchema = z.object({ linked: z.number(), memberWorkers: z.number(), warning: z.string().nullable() });
export const CareCoverageSchema = z.object({
  quarter: z.string(),
  items: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      workers: z.number(),
      linked: z.number(),
      /** 0–100 */
      coverage: z.number().nullable(),
      contactsThisQuarter: z.number(),
    }),
  ),
});

export const MyWorkerSchema = z.object({
  workerId: z.number(),
  workerName: z.string(),
  team: z.string().nullable(),
  lastContactOn: z.string().nullable(),
  contactsThisQuarter: z.number(),
});
export const MyWorkersSchema = z.object({ items: z.array(MyWorkerSchema), warning: z.string().nullable() });
export const ContactCreateSchema = z.strictObject({
  workerId: idRef('职工'),
  kind: z.enum(keysOf(CONTACT_KINDS), { message: '请选择联系方式' }),
  on: isoDate.optional(),
  content: words('联系内容', 2, 500).default('日常联系'),
  followUp: words('后续事项', 0, 300).optional(),
});
export const ContactSchema = z.object({
  id: z.number(),
  workerId: z.number(),
  workerName: z.string(),
  memberName: z.string(),
  kind: z.string(),
  kindName: z.string(),
  on: z.string(),
  content: z.string(),
  followUp: z.string().nullable(),
});
export const MyContactMemberSchema = z.object({
  member: z.object({ memberName: z.string(), orgName: z.string() }).nullable(),
});
