// Tables of the dues module (RULES.md §Dues). Money is integer fen (分) everywhere.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * A member's dues base and the standard derived from it, valid from `effective_from` (the first
 * day of a month) until `effective_to` (exclusive; NULL while current). The annual declaration
 * starts in January; a salary change starts a new row from the month the new pay is paid. The
 * base itself is sensitive (salary): encrypted, never needed for billing — the derived
 * `monthly_fen` (after hardship) is what bills copy.
 */
export const duesBases = pgTable(
  'dues_bases',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    category: text('category').notNull(),
    /** Monthly base in fen, encrypted (members data key); NULL for fixed-amount categories. */
    baseEnc: text('base_enc'),
    /** 'declare' (annual), 'import' (payroll Excel), 'change' (salary change). */
    source: text('source').notNull(),
    ruleVersion: text('rule_version').notNull(),
    rounding: text('rounding').notNull(),
    rateBp: integer('rate_bp'),
    /** The standard before hardship. */
    standardFen: integer('standard_fen').notNull(),
    /** What is billed each month (after hardship reduction or exemption). */
    monthlyFen: integer('monthly_fen').notNull(),
    basis: text('basis').notNull(),
    /** 困难党员：'reduce' | 'exempt', with the branch review and the committee approval recorded. */
    hardshipKind: text('hardship_kind'),
    hardshipBranchReview: text('hardship_branch_review'),
    hardshipApproval: text('hardship_approval'),
    note: text('note'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('dues_bases_member_from_idx').on(t.memberId, t.effectiveFrom),
    index('dues_bases_current_idx').on(t.memberId).where(sql`${t.effectiveTo} IS NULL`),
    index('dues_bases_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.year),
  ],
);

/**
 * One bill per member per month (`month` = first day). Status: unpaid 未缴, paid 已缴, waived 减免,
 * backpaid 补缴 (paid after its month), prepaid 预缴 (paid before its month). `standard_fen` is the
 * standard before hardship, `due_fen` what is owed; 减免 = standard − due.
 */
export const duesBills = pgTable(
  'dues_bills',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: date('month').notNull(),
    standardFen: integer('standard_fen').notNull(),
    dueFen: integer('due_fen').notNull(),
    paidFen: integer('paid_fen').notNull().default(0),
    status: text('status').notNull(),
    baseId: integer('base_id'),
    paymentId: integer('payment_id'),
    paidOn: date('paid_on'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('dues_bills_member_month_idx').on(t.memberId, t.month),
    index('dues_bills_month_path_idx').using('btree', t.month, sql`${t.orgPath} text_pattern_ops`),
  ],
);

/**
 * Payments and their reversals. A confirmed payment is never edited: a mistake is undone by a
 * reversal row (`kind` = 'reversal', negative amount, `reverses_id`, reason). Members report
 * payments with a proof image (status 'reported') that the treasurer confirms or rejects.
 * kind: regular | backpay | prepay | extra (voluntary, no month) | large (大额党费, own ledger) | reversal.
 */
export const duesPayments = pgTable(
  'dues_payments',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    method: text('method').notNull(),
    status: text('status').notNull(),
    /** Months covered (first days), in order. */
    months: date('months').array().notNull().default(sql`'{}'::date[]`),
    /** Total paid = the covered months' dues + extra. */
    amountFen: integer('amount_fen').notNull(),
    duesFen: integer('dues_fen').notNull().default(0),
    extraFen: integer('extra_fen').notNull().default(0),
    paidOn: date('paid_on').notNull(),
    receiptNo: text('receipt_no'),
    proofFileId: uuid('proof_file_id'),
    /** 代缴: the member (same branch) who paid, with the consent recorded. */
    proxyMemberId: integer('proxy_member_id'),
    proxyConsent: text('proxy_consent'),
    /** Committee approval for back pay beyond the limit. */
    approval: text('approval'),
    note: text('note'),
    reportedBy: integer('reported_by'),
    recordedBy: integer('recorded_by'),
    confirmedBy: integer('confirmed_by'),
    confirmedAt: tstz('confirmed_at'),
    rejectedReason: text('rejected_reason'),
    reversesId: integer('reverses_id'),
    reason: text('reason'),
    /** A client-chosen key: a retried request returns the payment already recorded. */
    requestKey: text('request_key'),
    /** Online channels: the provider and its order id (none is wired yet). */
    provider: text('provider'),
    providerRef: text('provider_ref'),
    ...timestamps(),
  },
  (t) => [
    index('dues_payments_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.paidOn),
    index('dues_payments_member_idx').on(t.memberId, t.paidOn),
    uniqueIndex('dues_payments_reverses_idx').on(t.reversesId).where(sql`${t.reversesId} IS NOT NULL`),
    uniqueIndex('dues_payments_request_key_idx').on(t.requestKey).where(sql`${t.requestKey} IS NOT NULL`),
    uniqueIndex('dues_payments_receipt_idx').on(t.orgId, t.receiptNo).where(sql`${t.receiptNo} IS NOT NULL`),
  ],
);

/** 自行脱党 review opened when a member reaches 6 consecutive unpaid months. */
export const duesWithdrawalCases = pgTable(
  'dues_withdrawal_cases',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** First unpaid month of the run that reached the threshold. */
    sinceMonth: date('since_month').notNull(),
    monthsUnpaid: integer('months_unpaid').notNull(),
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    /** continued (有正当理由或已补交，继续保留党籍) | removed (按自行脱党除名，经支部大会讨论、上级党组织批准). */
    outcome: text('outcome'),
    decidedOn: date('decided_on'),
    /** For `removed`: the branch meeting's decision and the approval above (who, when, document). */
    approval: text('approval'),
    resolvedBy: integer('resolved_by'),
    resolvedAt: tstz('resolved_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('dues_withdrawal_cases_member_since_idx').on(t.memberId, t.sinceMonth),
    index('dues_withdrawal_cases_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
  ],
);

/** Use of dues (党费使用), for the yearly publication (公示) of collection and use. */
export const duesExpenses = pgTable(
  'dues_expenses',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    spentOn: date('spent_on').notNull(),
    purpose: text('purpose').notNull(),
    amountFen: integer('amount_fen').notNull(),
    note: text('note'),
    details: jsonb('details').notNull().default({}),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [index('dues_expenses_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.spentOn)],
);

/**
 * A member's consent that another member of the same branch pays dues on their behalf (代缴),
 * given by the member on the phone until a month (inclusive) or revoked. One live consent per member.
 * The branch's consent is the treasurer's confirmation of each payment the proxy reports.
 */
export const duesProxyConsents = pgTable(
  'dues_proxy_consents',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    proxyMemberId: integer('proxy_member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** The last month (first day) the proxy may pay for. */
    untilMonth: date('until_month').notNull(),
    givenAt: tstz('given_at').notNull(),
    revokedAt: tstz('revoked_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('dues_proxy_consents_live_idx').on(t.memberId).where(sql`${t.revokedAt} IS NULL`),
    index('dues_proxy_consents_proxy_idx').on(t.proxyMemberId),
  ],
);
