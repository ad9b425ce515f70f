import { z } from 'zod';
/**
 * The members contract (党员档案, corrections, sub-records, Excel import/export): request and response
 * schemas of apps/server/src/modules/members/*.routes.ts, read by the web's apps/web/src/api/members.ts.
 * The sub-record shapes live in ../member-records.ts and are re-exported here.
 */
import { MemberHistorySchema, MemberRecordSchema } from '../member-records.js';
import { EDUCATIONS, MEMBER_LABELS, SEXES } from '../org-rules.js';
import { MEMBER_CATEGORIES, MEMBER_STATUSES } from '../orgs.js';
import { IdParams, PageQuerySchema } from './auth.js';
import { dbId, idNumber, idParam, isoDate } from './fields.js';

export {
  type MemberHistoryDto,
  MemberHistorySchema,
  type MemberRecordDto,
  type MemberRecordInput,
  MemberRecordInputSchema,
  MemberRecordSchema,
} from '../member-records.js';
export { IdParams };

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const MemberFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, '请填写姓名').max(30),
  sex: z.enum(SEXES),
  ethnicity: z.string().trim().min(1).max(20),
  birthDate: isoDate,
  idNumber,
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
  orgId: dbId(),
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
  orgId: idParam().optional(),
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

/** ?reveal=true: unmasked sensitive fields (needs members:read-sensitive; audited). */
export const RevealQuery = z.object({ reveal: z.stringbool().default(false) });

export const MemberSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  sex: z.string(),
  ethnicity: z.string(),
  /** Null where the ID number is masked (the masking policy: the age alone is shown), except on one's own record. */
  birthDate: z.string().nullable(),
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

// ── Corrections (我的档案 on the phone → the secretary on the console) ──────────────────────────

const f = MemberFieldsSchema.shape;
export const CorrectionChangesSchema = z.strictObject({
  name: f.name.optional(),
  ethnicity: f.ethnicity.optional(),
  nativePlace: f.nativePlace,
  education: f.education,
  degree: f.degree,
  post: f.post,
  jobTitle: f.jobTitle,
  phone: f.phone,
  address: f.address,
  joinedWorkOn: f.joinedWorkOn,
});
export const CorrectionRequestSchema = z.strictObject({
  changes: CorrectionChangesSchema,
  reason: z.string().trim().min(2, '请说明更正理由').max(300),
});
export const CORRECTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const CorrectionListQuery = z.object({ status: z.enum(CORRECTION_STATUSES).default('pending') });
export const CorrectionDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(300).optional(),
});

export const CorrectionSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  changes: z.record(z.string(), z.unknown()),
  reason: z.string(),
  status: z.string(),
  decisionNote: z.string().nullable(),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
});
/** A request as the secretary sees it: who, where, and the current values of the fields asked about. */
export const CorrectionReviewSchema = CorrectionSchema.extend({
  memberName: z.string(),
  orgName: z.string(),
  current: z.record(z.string(), z.unknown()),
});

// ── Sub-records and photo ──────────────────────────────────────────────────────────────────

export const MemberParams = IdParams;
export const RecordParams = MemberParams.extend({ recordId: idParam() });
export const MemberRecordListSchema = z.object({ items: z.array(MemberRecordSchema) });
export const MemberHistoryListSchema = z.object({ items: z.array(MemberHistorySchema) });
export const PhotoSchema = z.strictObject({ fileId: z.uuid().nullable() });

// ── Excel import and export ────────────────────────────────────────────────────────────────

/** One problem in an uploaded sheet: the Excel row number (header = row 1), the column's label, what is wrong. */
export const RowErrorSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type RowError = z.infer<typeof RowErrorSchema>;

export const IMPORT_STATUSES = ['checked', 'committing', 'committed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** How many errors an answer carries; the full list is in the error report. */
export const ERRORS_SHOWN = 200;

export const MemberImportSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  /** checked → committing → committed. */
  status: z.enum(IMPORT_STATUSES),
  /** Data rows in the file (blank rows not counted). */
  totalRows: z.number().int(),
  /** Rows without any error. */
  validRows: z.number().int(),
  /** Rows written so far: the progress of a commit (out of validRows), the final count once committed. */
  importedRows: z.number().int(),
  errorCount: z.number().int(),
  /** The first 200 errors, by row. */
  errors: z.array(RowErrorSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberImportDto = z.infer<typeof MemberImportSchema>;

export const ImportIdParams = z.object({ id: idParam() });

export const ImportCommitSchema = z.strictObject({
  /** all: refused while any row has an error; valid-only: writes the rows without errors. */
  mode: z.enum(['all', 'valid-only']),
});
export type ImportCommitInput = z.infer<typeof ImportCommitSchema>;

export const ErrorReportQuerySchema = z.object({
  /** Rows without errors first (what a valid-only commit writes), then the rows to fix. */
  validFirst: z.stringbool().default(false),
  /** Only the rows that have errors (to fix and upload again). */
  onlyErrors: z.stringbool().default(false),
});
export type ErrorReportQuery = z.infer<typeof ErrorReportQuerySchema>;

/** The list filters without paging. */
export const MemberExportQuerySchema = MemberListQuerySchema.omit({ page: true, pageSize: true });
export type MemberExportQuery = z.infer<typeof MemberExportQuerySchema>;

/* ---------- the phone portal: who I am there (issue 24) ---------- */

/**
 * What the phone offers the signed-in person: a member record (member tiles), a worker record
 * (职工群众: what is open to workers), and whether they are in recruitment (入党进程). `name` is
 * the person's own name from that record, else the login's display name.
 */
export const PortalMeSchema = z.object({
  kind: z.enum(['member', 'worker', 'none']),
  name: z.string(),
  inRecruitment: z.boolean(),
});
export type PortalMeDto = z.infer<typeof PortalMeSchema>;
