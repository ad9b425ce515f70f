import { EDUCATIONS, MEMBER_CATEGORIES, MEMBER_LABELS, MEMBER_STATUSES, PageQuerySchema, SEXES } from '@vanguard/shared';
import { z } from 'zod';

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const MemberFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, '请填写姓名').max(30),
  sex: z.enum(SEXES),
  ethnicity: z.string().trim().min(1).max(20),
  birthDate: isoDate,
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, '身份证号应为 18 位')
    .nullable()
    .optional(),
  nativePlace: optionalText(50),
  education: z.enum(EDUCATIONS).nullable().optional(),
  degree: optionalText(20),
  post: optionalText(50),
  jobTitle: optionalText(50),
  phone: z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确')
    .nullable()
    .optional(),
  address: optionalText(200),
  health: optionalText(200),
  category: z.enum(keys(MEMBER_CATEGORIES)),
  status: z.enum(keys(MEMBER_STATUSES)),
  appliedOn: isoDate.nullable().optional(),
  admittedOn: isoDate.nullable().optional(),
  fullOn: isoDate.nullable().optional(),
  joinedWorkOn: isoDate.nullable().optional(),
  labels: z.array(z.enum(MEMBER_LABELS)).max(10),
});

/** Defaults apply on create only: a PATCH of one field must never reset the others. */
export const MemberCreateSchema = MemberFieldsSchema.extend({
  orgId: z.number().int().positive(),
  ethnicity: MemberFieldsSchema.shape.ethnicity.default('汉族'),
  status: MemberFieldsSchema.shape.status.default('normal'),
  labels: MemberFieldsSchema.shape.labels.default([]),
});
export type MemberCreateInput = z.infer<typeof MemberCreateSchema>;

export const MemberUpdateSchema = MemberFieldsSchema.partial().extend({
  /** Why a category or status changed (kept in the status history). */
  reason: z.string().trim().max(200).optional(),
});
export type MemberUpdateInput = z.infer<typeof MemberUpdateSchema>;

export const MemberListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  category: z.enum(keys(MEMBER_CATEGORIES)).optional(),
  status: z.enum(keys(MEMBER_STATUSES)).optional(),
  label: z.enum(MEMBER_LABELS).optional(),
  ageMin: z.coerce.number().int().min(0).max(120).optional(),
  ageMax: z.coerce.number().int().min(0).max(120).optional(),
  admittedFrom: isoDate.optional(),
  admittedTo: isoDate.optional(),
  sort: z.enum(['name', 'birthDate', 'admittedOn', 'id']).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
  /** Unmasked sensitive fields (needs members:read-sensitive; audited). */
  reveal: z.stringbool().default(false),
});
export type MemberListQuery = z.infer<typeof MemberListQuerySchema>;

export const MemberSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  sex: z.string(),
  ethnicity: z.string(),
  birthDate: z.string(),
  age: z.number(),
  idNumber: z.string().nullable(),
  nativePlace: z.string().nullable(),
  education: z.string().nullable(),
  degree: z.string().nullable(),
  post: z.string().nullable(),
  jobTitle: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  health: z.string().nullable(),
  category: z.string(),
  categoryName: z.string(),
  status: z.string(),
  statusName: z.string(),
  appliedOn: z.string().nullable(),
  admittedOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  joinedWorkOn: z.string().nullable(),
  partyAge: z.number().nullable(),
  labels: z.array(z.string()),
  /** Where the photo is served (null without one). */
  photoUrl: z.string().nullable(),
  /** True when sensitive fields are shown unmasked in this response. */
  revealed: z.boolean(),
});
export type MemberDto = z.infer<typeof MemberSchema>;
