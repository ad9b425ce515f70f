import { z } from 'zod';
import { DUES_CATEGORIES } from '../dues-rules.js';
import { PageQuerySchema } from './auth.js';
import { method, needsTxn, txnMessage, txnNo } from './dues-payment-fields.js';
import { dbId, idParam, isoDate, timestamp, ym } from './fields.js';

/**
 * The dues API contract (党费): request and response schemas of /api/v1/dues/*, imported by the
 * server's routes and, as types (`z.input` of a response: its JSON), by the web's client
 * apps/web/src/api/dues.ts. Money is integer fen.
 */

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number, what: string) => z.string().trim().max(max, `${what}不超过 ${max} 个字`);
const fen = (what: string) =>
  z
    .number({ message: `${what}应为整数（分）` })
    .int({ message: `${what}应为整数（分）` })
    .min(0, `${what}不能为负数`)
    .max(100_000_000, `${what}超出合理范围`);
const category = z.enum(keys(DUES_CATEGORIES), { message: '党费类别应为在职、离退休、学生、下岗失业/低保/救济或农民' });
const rounding = z.enum(['fen', 'jiao-up'], { message: '取整方式应为 fen（到分）或 jiao-up（进位到角）' });

export const OrgQuery = z.object({ orgId: idParam() });

const BracketSchema = z.object({ upToFen: z.number().nullable(), rateBp: z.number() });
/** One version of the dues rules (packages/shared/src/dues-rules.ts), with its source. */
export const DuesRulesetSchema = z.object({
  version: z.string(),
  effectiveFrom: z.string(),
  source: z.string(),
  employed: z.array(BracketSchema).readonly(),
  retired: z.array(BracketSchema).readonly(),
  fixedFen: z.partialRecord(category, z.number()),
  farmerFen: z.object({ min: z.number(), max: z.number(), default: z.number() }),
  capFen: z.number(),
  largeDuesAboveFen: z.number(),
  backPayMaxMonths: z.number(),
  prepayMaxMonths: z.number(),
  arrears: z.object({ remindMember: z.number(), escalate: z.number(), withdrawal: z.number() }),
  maxBaseFen: z.number(),
  rounding,
  remitEveryMonths: z.number(),
});
export const DuesRulesetsSchema = z.object({
  current: DuesRulesetSchema,
  all: z.array(DuesRulesetSchema).readonly(),
  categories: z.record(z.string(), z.string()),
});

/** Loose on purpose: the pure rule function gives the Chinese message for each bad value. */
export const CalculateSchema = z.object({
  category: z.unknown(),
  baseFen: z.unknown().optional(),
  farmerFen: z.unknown().optional(),
  rounding: rounding.optional(),
});
export const CalculateResultSchema = z.object({
  monthlyFen: z.number(),
  rate: z.number().nullable(),
  ruleVersion: z.string(),
  capped: z.boolean(),
  basis: z.string(),
});

export const HardshipSchema = z
  .strictObject({
    kind: z.enum(['reduce', 'exempt'], { message: '困难党员处理应为 reduce（少交）或 exempt（免交）' }),
    monthlyFen: fen('少交后的月交纳额').optional(),
    branchReview: text(200, '支部研究意见').min(2, '请填写支部研究意见（会议日期与结论）'),
    approval: text(200, '上级党委批准情况').min(2, '请填写上级党委批准情况（批准日期与文号）'),
  })
  .refine((h) => h.kind === 'exempt' || h.monthlyFen !== undefined, { message: '少交须填写每月交纳额', path: ['monthlyFen'] });

export const BaseDeclareSchema = z.strictObject({
  memberId: dbId('请选择党员'),
  /** From this month (January for the annual declaration; the month the new pay is paid for a salary change). */
  fromMonth: ym,
  category,
  baseFen: fen('计算基数').optional(),
  farmerFen: fen('农民党员月交纳额').optional(),
  hardship: HardshipSchema.nullable().optional(),
  /** Default: the system setting `dues.rounding`, else the ruleset's (to the fen). */
  rounding: rounding.optional(),
  note: text(200, '备注').nullable().optional(),
});
export type BaseDeclareInput = z.infer<typeof BaseDeclareSchema>;

export const BaseListQuery = PageQuerySchema.extend({
  orgId: idParam(),
  year: z.coerce.number().int().min(2008).max(2100),
  q: z.string().trim().max(30).optional(),
  reveal: z.stringbool().default(false),
});
export type BaseListQueryInput = z.infer<typeof BaseListQuery>;

export const BaseRowSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  memberCategory: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  baseId: z.number().nullable(),
  category: z.string().nullable(),
  /** Only with reveal and members:read-sensitive; otherwise null and `baseMasked` shows ****. */
  baseFen: z.number().nullable(),
  baseMasked: z.string().nullable(),
  standardFen: z.number().nullable(),
  monthlyFen: z.number().nullable(),
  rateBp: z.number().nullable(),
  hardshipKind: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  source: z.string().nullable(),
  ruleVersion: z.string().nullable(),
  basis: z.string().nullable(),
  declaredThisYear: z.boolean(),
});

export const BaseSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  category: z.string(),
  source: z.string(),
  standardFen: z.number(),
  monthlyFen: z.number(),
  rateBp: z.number().nullable(),
  ruleVersion: z.string(),
  basis: z.string(),
  hardshipKind: z.string().nullable(),
  /** Unpaid bills from the month on that took the new amount. */
  rebilled: z.number(),
});

export const BaseImportResultSchema = z.object({ imported: z.number(), rebilled: z.number() });

export const GenerateSchema = z.strictObject({ orgId: dbId(), month: ym });
export const GenerateResultSchema = z.object({
  month: z.string(),
  created: z.number(),
  existing: z.number(),
  /** Members in scope without any declared base (not billed). */
  withoutBase: z.number(),
  totalDueFen: z.number(),
});

export const LedgerQuery = PageQuerySchema.extend({
  orgId: idParam(),
  month: ym,
  status: z.enum(['unpaid', 'paid', 'waived', 'backpaid', 'prepaid']).optional(),
});
export const TotalsSchema = z.object({
  members: z.number(),
  standardFen: z.number(),
  dueFen: z.number(),
  paidFen: z.number(),
  owedFen: z.number(),
  waivedFen: z.number(),
  extraFen: z.number(),
});
export const LedgerRowSchema = z.object({
  billId: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  orgName: z.string(),
  month: z.string(),
  standardFen: z.number(),
  dueFen: z.number(),
  paidFen: z.number(),
  status: z.string(),
  paidOn: z.string().nullable(),
  paymentId: z.number().nullable(),
  receiptNo: z.string().nullable(),
});
export const LedgerSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  month: z.string(),
  totals: TotalsSchema,
  items: z.array(LedgerRowSchema),
  total: z.number(),
});

export const YearQuery = z.object({ orgId: idParam(), year: z.coerce.number().int().min(2008).max(2100) });
export const YearSummarySchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  months: z.array(TotalsSchema.extend({ month: z.string() })),
  totals: TotalsSchema,
  largeFen: z.number(),
  expensesFen: z.number(),
});

export const PublicationSchema = YearSummarySchema.extend({
  expenses: z.array(z.object({ spentOn: z.string(), purpose: z.string(), amountFen: z.number(), note: z.string().nullable() })),
  paidMembers: z.number(),
  source: z.string(),
});

export const RemittanceQuery = z.object({ orgId: idParam(), from: ym, to: ym });
export const RemittanceSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  everyMonths: z.number(),
  rows: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      duesFen: z.number(),
      extraFen: z.number(),
      largeFen: z.number(),
      remitFen: z.number(),
    }),
  ),
  totals: z.object({ duesFen: z.number(), extraFen: z.number(), largeFen: z.number(), remitFen: z.number() }),
});

export const ArrearsQuery = PageQuerySchema.extend({
  orgId: idParam(),
  minMonths: z.coerce.number().int().min(1).max(120).default(1),
});
export const ArrearsRowSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  monthsUnpaid: z.number(),
  owedFen: z.number(),
  sinceMonth: z.string(),
  lastPaidMonth: z.string().nullable(),
  stage: z.string().nullable(),
});

export const PaymentCreateSchema = z
  .strictObject({
    memberId: dbId('请选择党员'),
    /** dues: the months listed (back pay / current / prepay) plus optional extra; extra: voluntary, no month; large: 大额党费. */
    kind: z.enum(['dues', 'extra', 'large'], { message: '缴费类型应为党费（dues）、自愿多交（extra）或大额党费（large）' }).default('dues'),
    months: z.array(ym).max(24, '一次最多 24 个月').default([]),
    extraFen: fen('自愿多交金额').default(0),
    /** For extra and large (for dues, a cross-check of the total when given). */
    amountFen: fen('金额').optional(),
    method,
    paidOn: isoDate,
    txnNo,
    /** Deprecated: the receipt number is always the system's (DF + year + 7 digits); a number given here is kept as the 凭证号 (txnNo). */
    receiptNo: text(40, '收据号').min(1, '请填写收据号').nullable().optional(),
    proxyMemberId: dbId().nullable().optional(),
    proxyConsent: text(200, '代缴同意情况').nullable().optional(),
    approval: text(200, '党委批准情况').nullable().optional(),
    note: text(200, '备注').nullable().optional(),
    requestKey: z.string().trim().min(8).max(64).optional(),
  })
  .refine(needsTxn, txnMessage);
export type PaymentCreateInput = z.infer<typeof PaymentCreateSchema>;

export const PaymentReportSchema = z
  .strictObject({
    months: z.array(ym).min(1, '请选择要缴纳的月份').max(12, '一次最多 12 个月'),
    extraFen: fen('自愿多交金额').default(0),
    method,
    paidOn: isoDate,
    txnNo,
    proofFileId: z.uuid({ message: '请上传缴费凭证照片' }),
    /** 代缴: the member of my branch who consented that I pay for them. */
    forMemberId: dbId().optional(),
    note: text(200, '备注').nullable().optional(),
    requestKey: z.string().trim().min(8).max(64).optional(),
  })
  .refine(needsTxn, txnMessage);
export type PaymentReportInput = z.infer<typeof PaymentReportSchema>;

export const ConfirmSchema = z.strictObject({ receiptNo: text(40, '收据号').min(1, '请填写收据号').nullable().optional() });
export const ReasonSchema = z.strictObject({ reason: text(200, '原因').min(2, '请填写原因') });

export const PaymentListQuery = PageQuerySchema.extend({
  orgId: idParam(),
  status: z.enum(['reported', 'confirmed', 'rejected']).optional(),
  kind: z.enum(['regular', 'backpay', 'prepay', 'extra', 'large', 'reversal']).optional(),
  year: z.coerce.number().int().min(2008).max(2100).optional(),
});

export const PaymentSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.string(),
  method: z.string(),
  status: z.string(),
  months: z.array(z.string()),
  amountFen: z.number(),
  duesFen: z.number(),
  extraFen: z.number(),
  paidOn: z.string(),
  receiptNo: z.string().nullable(),
  /** 交易单号 / 凭证号 of 微信, 支付宝, a transfer or a paper receipt. */
  txnNo: z.string().nullable(),
  proofFileId: z.string().nullable(),
  proxyMemberId: z.number().nullable(),
  proxyMemberName: z.string().nullable(),
  proxyConsent: z.string().nullable(),
  approval: z.string().nullable(),
  note: z.string().nullable(),
  confirmedAt: timestamp.nullable(),
  confirmedByName: z.string().nullable(),
  rejectedReason: z.string().nullable(),
  reversesId: z.number().nullable(),
  reversedById: z.number().nullable(),
  reason: z.string().nullable(),
  createdAt: timestamp,
});
export type PaymentDto = z.infer<typeof PaymentSchema>;

export const ExpenseCreateSchema = z.strictObject({
  orgId: dbId(),
  spentOn: isoDate,
  purpose: text(60, '用途').min(2, '请填写用途'),
  amountFen: fen('金额').refine((v) => v > 0, '金额应大于 0'),
  note: text(200, '备注').nullable().optional(),
});

export const CaseSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  orgName: z.string(),
  sinceMonth: z.string(),
  monthsUnpaid: z.number(),
  status: z.string(),
  outcome: z.string().nullable(),
  decidedOn: z.string().nullable(),
  approval: z.string().nullable(),
  resolution: z.string().nullable(),
  createdAt: timestamp,
});

export const CaseResolveSchema = z.strictObject({
  outcome: z.enum(['continued', 'removed'], { message: '审查结果应为“继续保留党籍”（continued）或“按自行脱党除名”（removed）' }),
  resolution: text(200, '审查意见').min(2, '请填写审查意见'),
  decidedOn: isoDate.optional(),
  approval: text(200, '支部大会决定和上级批准情况').nullable().optional(),
});
export type CaseResolveInput = z.infer<typeof CaseResolveSchema>;

export const DuesSettingsSchema = z.object({
  rounding,
  remitEveryMonths: z.number(),
  defaults: z.object({ rounding, remitEveryMonths: z.number() }),
  roundings: z.record(z.string(), z.string()),
  canEdit: z.boolean(),
});
export const DuesSettingsUpdateSchema = z.strictObject({
  rounding,
  remitEveryMonths: z
    .number({ message: '上缴周期应为月数' })
    .int('上缴周期应为整月数')
    .refine((n) => [1, 3, 6, 12].includes(n), '上缴周期应为 1、3、6 或 12 个月'),
});

export const ProxyConsentSchema = z.strictObject({
  proxyMemberId: dbId('请选择代缴人'),
  untilMonth: ym,
});
const ProxyBillSchema = z.object({ month: z.string(), dueFen: z.number() });
export const MyProxySchema = z.object({
  given: z.object({ proxyMemberId: z.number(), proxyName: z.string(), untilMonth: z.string() }).nullable(),
  forMe: z.array(z.object({ memberId: z.number(), memberName: z.string(), untilMonth: z.string(), openBills: z.array(ProxyBillSchema) })),
});
export const PrepaySchema = z.array(ProxyBillSchema);

export const LedgerXlsxQuery = z.object({ orgId: idParam(), month: ym });
export const CaseListQuery = z.object({ orgId: idParam(), status: z.enum(['open', 'closed']).optional() });
export const ExpenseSchema = z.object({
  id: z.number(),
  spentOn: z.string(),
  purpose: z.string(),
  amountFen: z.number(),
  note: z.string().nullable(),
});
export const BranchMateSchema = z.object({ id: z.number(), name: z.string() });

/** 我的党费 on the phone: the standard and how it was computed, bills, arrears, payments, proxy. */
export const MyDuesSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  orgName: z.string(),
  today: z.string(),
  standard: z
    .object({
      category: z.string(),
      categoryName: z.string(),
      baseFen: z.number().nullable(),
      standardFen: z.number(),
      monthlyFen: z.number(),
      rateBp: z.number().nullable(),
      effectiveFrom: z.string(),
      ruleVersion: z.string(),
      basis: z.string(),
      hardshipKind: z.string().nullable(),
      source: z.string(),
    })
    .nullable(),
  bills: z.array(
    z.object({
      id: z.number(),
      month: z.string(),
      standardFen: z.number(),
      dueFen: z.number(),
      paidFen: z.number(),
      status: z.string(),
      paidOn: z.string().nullable(),
      paymentId: z.number().nullable(),
    }),
  ),
  arrears: z.object({
    monthsUnpaid: z.number(),
    owedFen: z.number(),
    sinceMonth: z.string().nullable(),
    lastPaidMonth: z.string().nullable(),
  }),
  payments: z.array(PaymentSchema),
  prepay: PrepaySchema,
  proxy: MyProxySchema,
});

export * from './dues-payment-fields.js';
