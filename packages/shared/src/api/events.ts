/** The events module's contract (文体活动等, apps/server/src/modules/events/events.routes.ts). */
import { z } from 'zod';
import { EVENT_AUDIENCES, EVENT_KINDS, REGISTRATION_STATUSES } from '../events-rules.js';
import { PageQuerySchema, pageOf } from './auth.js';
import { idParam, idRef, keysOf, text as safeText, timestamp } from './fields.js';

const text = (label: string, max: number, min = 1) =>
  safeText()
    .pipe(z.string().trim().min(min, `请填写${label}`).max(max, `${label}不超过 ${max} 个字`))
    .describe(label);

export const EventKindSchema = z.enum(keysOf(EVENT_KINDS), { message: '活动类型不正确' });
export const AudienceSchema = z.enum(keysOf(EVENT_AUDIENCES), { message: '参加对象应为 党员、职工群众 或 党员和职工' });
export const RegStatusSchema = z.enum(keysOf(REGISTRATION_STATUSES));

export const EventCreateSchema = z
  .strictObject({
    orgId: idRef('发布范围（组织）'),
    kind: EventKindSchema,
    title: text('活动名称', 60),
    description: text('活动说明', 2000, 0).default(''),
    place: text('地点', 60),
    startsAt: timestamp,
    endsAt: timestamp,
    regOpensAt: timestamp,
    regClosesAt: timestamp,
    capacity: z
      .number({ message: '名额应为 1–100000 的整数' })
      .int('名额应为 1–100000 的整数')
      .min(1, '名额应为 1–100000 的整数')
      .max(100_000, '名额应为 1–100000 的整数'),
    audience: AudienceSchema,
  })
  .refine((v) => v.endsAt > v.startsAt, { message: '结束时间应晚于开始时间', path: ['endsAt'] })
  .refine((v) => v.regClosesAt > v.regOpensAt, { message: '报名截止应晚于报名开始', path: ['regClosesAt'] })
  .refine((v) => v.regClosesAt <= v.endsAt, { message: '报名截止不应晚于活动结束', path: ['regClosesAt'] });
export type EventCreateBody = z.input<typeof EventCreateSchema>;

export const EventParams = z.object({ id: idParam() });
export const PhotoParams = z.object({ id: idParam(), photoId: idParam() });

export const EventItemSchema = z.object({
  id: z.number(),
  orgName: z.string(),
  kind: EventKindSchema,
  kindName: z.string(),
  title: z.string(),
  place: z.string(),
  startsAt: timestamp,
  endsAt: timestamp,
  regOpensAt: timestamp,
  regClosesAt: timestamp,
  capacity: z.number(),
  audience: AudienceSchema,
  audienceName: z.string(),
  registeredCount: z.number(),
  waitlistCount: z.number(),
  status: z.string(),
  /** The caller's own registration (phone lists). */
  myStatus: RegStatusSchema.nullable(),
  myPosition: z.number().nullable(),
});
export type EventItemDto = z.input<typeof EventItemSchema>;
export const EventPageSchema = pageOf(EventItemSchema);
export const EventListQuerySchema = PageQuerySchema.extend({ orgId: idParam('请选择组织') });

export const EventDetailSchema = EventItemSchema.extend({
  description: z.string(),
  summary: z.string().nullable(),
  checkinCode: z.string().nullable(),
  checkedIn: z.boolean(),
  photos: z.array(z.object({ id: z.number(), fileId: z.string(), name: z.string(), status: z.string() })),
});
export type EventDetailDto = z.input<typeof EventDetailSchema>;

export const RegistrationSchema = z.object({
  id: z.number(),
  name: z.string(),
  orgName: z.string(),
  status: RegStatusSchema,
  statusName: z.string(),
  registeredAt: timestamp,
  promotedAt: timestamp.nullable(),
  checkedInAt: timestamp.nullable(),
});
export type RegistrationDto = z.input<typeof RegistrationSchema>;
export const RegistrationsSchema = z.object({ items: z.array(RegistrationSchema) });

export const MyRegistrationSchema = z.object({ status: RegStatusSchema, position: z.number().nullable(), event: EventDetailSchema });
export type MyRegistrationDto = z.input<typeof MyRegistrationSchema>;

export const CheckinSchema = z.strictObject({ code: z.string({ message: '请输入签到码' }).regex(/^\d{6}$/, '签到码为 6 位数字') });
export const PhotoCreateSchema = z.strictObject({ fileId: z.uuid({ message: '请上传照片' }) });
export const ModerateSchema = z.strictObject({ status: z.enum(['approved', 'rejected'], { message: '请选择通过或不通过' }) });
export const SummarySchema = z.strictObject({ summary: text('活动总结', 4000) });

export const EventStatsSchema = z.object({
  rows: z.array(
    z.object({ orgId: z.number(), orgName: z.string(), registered: z.number(), waitlisted: z.number(), checkedIn: z.number() }),
  ),
});
export type EventStatsDto = z.input<typeof EventStatsSchema>;
