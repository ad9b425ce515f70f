import { z } from 'zod';
import { SEXES } from '../org-rules.js';
import { MEMBER_CATEGORIES } from '../orgs.js';
import { PageQuerySchema, pageOf } from './auth.js';
import { idRef, isoDate, timestamp } from './fields.js';

/**
 * The relations API contract (组织关系转接、介绍信、流动党员、失联党员): request and response schemas
 * of /api/v1/relation-* and /api/v1/me/relation-transfers, imported by the server's routes and,
 * as types (`z.input`: the JSON), by the web's client apps/web/src/api/relations.ts.
 */

const reason = z.string().trim().min(2, '请填写原因（至少 2 个字）').max(300, '原因不超过 300 个字');
const note = z.string().trim().max(300, '不超过 300 个字');
const orgName = (what: string) => z.string().trim().min(2, `请填写${what}`).max(100, `${what}不超过 100 个字`);
const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确');
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '党费交至年月格式应为 YYYY-MM');

// ── Transfers ────────────────────────────────────────────────────────────────────────────

export const TRANSFER_STATUSES = {
  requested: '党员申请，待支部办理',
  pending: '待接收',
  accepted: '已接收',
  rejected: '已退回',
  declined: '申请未予办理',
  cancelled: '已撤回',
  letter_issued: '已开具介绍信',
  completed: '回执已收到',
} as const;
export type TransferStatus = keyof typeof TRANSFER_STATUSES;

export const TransferStartSchema = z.strictObject({
  memberId: idRef('党员'),
  toOrgId: idRef('接收组织'),
  reason,
});
export type TransferStartInput = z.infer<typeof TransferStartSchema>;

export const TransferProceedSchema = z.strictObject({ toOrgId: idRef('接收组织') });
export const TransferAcceptSchema = z.strictObject({ effectiveOn: isoDate.optional() });
export const TransferRejectSchema = z.strictObject({ note: z.string().trim().min(2, '请填写退回理由').max(300) });

export const TransferListQuery = PageQuerySchema.extend({
  /** out: sent from orgs in my scope; in: coming to orgs I may receive into. */
  box: z.enum(['out', 'in']).default('out'),
  status: z.enum(Object.keys(TRANSFER_STATUSES) as [TransferStatus, ...TransferStatus[]]).optional(),
});
export type TransferListQuery = z.infer<typeof TransferListQuery>;

export const TransferSchema = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.string(),
  statusName: z.string(),
  memberId: z.number(),
  memberName: z.string(),
  memberSex: z.string(),
  memberCategory: z.string(),
  fromOrgId: z.number(),
  fromOrgName: z.string(),
  toOrgId: z.number().nullable(),
  toOrgName: z.string().nullable(),
  reason: z.string(),
  decisionNote: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  letterId: z.number().nullable(),
  createdAt: timestamp,
  decidedAt: timestamp.nullable(),
  /** What the viewer may do: start (a request), accept/reject (receiver), cancel (sender). */
  actions: z.array(z.enum(['start', 'decline', 'accept', 'reject', 'cancel', 'letter'])),
});
export type TransferDto = z.infer<typeof TransferSchema>;

export const MyRequestSchema = z.strictObject({
  toOrgName: orgName('想转入的组织'),
  reason,
});

export const DestinationQuery = z.object({ q: z.string().trim().max(30).optional() });
export const DestinationSchema = z.object({ id: z.number(), name: z.string(), parentName: z.string().nullable() });

// ── Letters ──────────────────────────────────────────────────────────────────────────────

export const LetterIssueSchema = z.strictObject({
  memberId: idRef('党员'),
  /** A member's request being answered with a letter (optional). */
  transferId: idRef('转接申请').optional(),
  addressee: orgName('抬头（接收的党组织）'),
  toOrgName: orgName('去往单位'),
  /** Omitted: the last month settled in the dues ledger. */
  duesPaidTo: yearMonth.optional(),
  /** Inside the group but outside this system, or outside the group: sets the default validity. */
  withinGroup: z.boolean().default(false),
  validityDays: z.number().int().min(1, '有效期至少 1 天').max(999).optional(),
  memberPhone: phone.nullable().optional(),
  committeeAddress: z.string().trim().max(100).nullable().optional(),
  committeePhone: phone.nullable().optional(),
  committeeFax: phone.nullable().optional(),
  committeePostcode: z
    .string()
    .regex(/^\d{6}$/, '邮编应为 6 位数字')
    .nullable()
    .optional(),
  reason,
});
export type LetterIssueInput = z.infer<typeof LetterIssueSchema>;

export const LetterReissueSchema = z.strictObject({ validityDays: z.number().int().min(1).max(999).optional() });

export const ReceiptSchema = z.strictObject({
  number: z.string().trim().min(1, '请填写介绍信编号').max(40),
  receiptOn: isoDate,
  receiptOrgName: orgName('回执单位'),
  receiptHandler: z.string().trim().max(30).nullable().optional(),
  note: note.nullable().optional(),
});
export type ReceiptInput = z.infer<typeof ReceiptSchema>;

export const IncomingSchema = z.strictObject({
  orgId: idRef('接收的党支部'),
  number: z.string().trim().min(1, '请填写介绍信编号').max(40),
  issuingCommittee: orgName('开具介绍信的党委'),
  fromOrgName: orgName('原所在单位'),
  issuedOn: isoDate,
  validityDays: z.number().int().min(1).max(999),
  duesPaidTo: yearMonth,
  name: z.string().trim().min(1, '请填写姓名').max(30),
  sex: z.enum(SEXES),
  ethnicity: z.string().trim().min(1).max(20).default('汉族'),
  birthDate: isoDate,
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, '身份证号应为 18 位')
    .nullable()
    .optional(),
  phone: phone.nullable().optional(),
  category: z.enum(Object.keys(MEMBER_CATEGORIES) as ['full', 'probationary']),
  admittedOn: isoDate,
  fullOn: isoDate.nullable().optional(),
  reportedOn: isoDate,
});
export type IncomingInput = z.infer<typeof IncomingSchema>;

export const LetterListQuery = PageQuerySchema.extend({
  direction: z.enum(['out', 'in']).default('out'),
  /** open: issued and not yet back; attention: receipt overdue or letter expired. */
  filter: z.enum(['all', 'open', 'attention']).default('all'),
});
export type LetterListQuery = z.infer<typeof LetterListQuery>;

export const LetterSchema = z.object({
  id: z.number(),
  direction: z.string(),
  number: z.string(),
  status: z.string(),
  statusName: z.string(),
  memberId: z.number().nullable(),
  transferId: z.number().nullable(),
  orgId: z.number(),
  committeeName: z.string(),
  addressee: z.string(),
  name: z.string(),
  sex: z.string(),
  age: z.number(),
  ethnicity: z.string(),
  category: z.string(),
  categoryName: z.string(),
  /** Masked unless revealed by someone allowed to (the print view asks for it; audited). */
  idNumber: z.string().nullable(),
  memberPhone: z.string().nullable(),
  fromOrgName: z.string(),
  toOrgName: z.string(),
  duesPaidTo: z.string(),
  duesPaidToCapital: z.string(),
  validityDays: z.number(),
  validityDaysCapital: z.string(),
  issuedOn: z.string(),
  issuedOnCapital: z.string(),
  validUntil: z.string(),
  receiptDueOn: z.string(),
  committeeAddress: z.string().nullable(),
  committeePhone: z.string().nullable(),
  committeeFax: z.string().nullable(),
  committeePostcode: z.string().nullable(),
  receiptOn: z.string().nullable(),
  receiptOnCapital: z.string().nullable(),
  receiptOrgName: z.string().nullable(),
  receiptHandler: z.string().nullable(),
  receiptNote: z.string().nullable(),
  reissueOfId: z.number().nullable(),
  isExpired: z.boolean(),
  isReceiptOverdue: z.boolean(),
  source: z.string(),
});
export type LetterDto = z.infer<typeof LetterSchema>;

export const LetterGetQuery = z.object({ reveal: z.stringbool().default(false) });

// ── Mobile members ───────────────────────────────────────────────────────────────────────

export const MobileCreateSchema = z.discriminatedUnion('direction', [
  z.strictObject({
    direction: z.literal('out'),
    memberId: idRef('党员'),
    place: orgName('外出地点'),
    reason,
    startOn: isoDate,
    expectedReturnOn: isoDate,
    fixedPlace: z.boolean(),
    contact: phone.nullable().optional(),
  }),
  z.strictObject({
    direction: z.literal('in'),
    orgId: idRef('联系的党支部'),
    personName: z.string().trim().min(1, '请填写姓名').max(30),
    homeOrgName: orgName('原所在党组织'),
    place: orgName('在本地的工作地点'),
    reason,
    startOn: isoDate,
    expectedReturnOn: isoDate,
    fixedPlace: z.boolean(),
    contact: phone.nullable().optional(),
  }),
]);
export type MobileCreateInput = z.infer<typeof MobileCreateSchema>;

export const MobileReturnSchema = z.strictObject({ returnedOn: isoDate });

export const MobileListQuery = PageQuerySchema.extend({
  direction: z.enum(['out', 'in']).default('out'),
  active: z.stringbool().default(true),
});
export type MobileListQuery = z.infer<typeof MobileListQuery>;

export const MobileSchema = z.object({
  id: z.number(),
  direction: z.string(),
  memberId: z.number().nullable(),
  personName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  place: z.string(),
  homeOrgName: z.string().nullable(),
  reason: z.string(),
  startOn: z.string(),
  expectedReturnOn: z.string(),
  fixedPlace: z.boolean(),
  form: z.string(),
  formName: z.string(),
  contact: z.string().nullable(),
  returnedOn: z.string().nullable(),
});
export type MobileDto = z.infer<typeof MobileSchema>;

// ── Lost contact ─────────────────────────────────────────────────────────────────────────

export const ContactFactSchema = z.strictObject({
  memberId: idRef('党员'),
  kind: z.enum(['life', 'dues'], { message: '类型应为组织生活（life）或交纳党费（dues）' }),
  on: isoDate,
  note: note.nullable().optional(),
});
export type ContactFactInput = z.infer<typeof ContactFactSchema>;

export const LostListQuery = PageQuerySchema;

export const LostCandidateSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  lastLifeOn: z.string().nullable(),
  lastDuesOn: z.string().nullable(),
  since: z.string(),
  months: z.number(),
  stage: z.string(),
  stageName: z.string(),
  caseId: z.number().nullable(),
  nextStep: z.string().nullable(),
  nextStepName: z.string().nullable(),
});

/** The 失联 list: candidates, with the members whose last contact is not known, and the rule's source. */
export const LostListSchema = pageOf(LostCandidateSchema).extend({ unknown: z.number(), source: z.string() });

export const ContactFactResultSchema = z.object({
  memberId: z.number(),
  lastLifeOn: z.string().nullable(),
  lastDuesOn: z.string().nullable(),
});

export const LostCaseOpenSchema = z.strictObject({ memberId: idRef('党员'), on: isoDate, note: note.nullable().optional() });
export const LostStepSchema = z.strictObject({
  step: z.enum([
    'identified',
    'searched',
    'correction',
    'removal_proposed',
    'filed',
    'investigated',
    'branch_meeting',
    'approved',
    'restored',
  ]),
  on: isoDate,
  deadline: isoDate.nullable().optional(),
  note: note.nullable().optional(),
});
export type LostStepInput = z.infer<typeof LostStepSchema>;

export const LostCaseSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  orgId: z.number(),
  status: z.string(),
  outcome: z.string().nullable(),
  since: z.string().nullable(),
  closedOn: z.string().nullable(),
  steps: z.array(
    z.object({ step: z.string(), stepName: z.string(), on: z.string(), deadline: z.string().nullable(), note: z.string().nullable() }),
  ),
  nextStep: z.string().nullable(),
  nextStepName: z.string().nullable(),
  source: z.string(),
});
export type LostCaseDto = z.infer<typeof LostCaseSchema>;
