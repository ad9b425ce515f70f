import { addDays, addMonths, wholeMonths } from './dates.js';
/**
 * Organizational relations ruleset (组织关系转接, 流动党员, 失联): versioned data with sources
 * (RULES.md §Transfers, §Unqualified members; reference/rules-and-peers.md §1.7–1.8). A local
 * committee that differs adds a version with its effective date; code reads numbers only from here.
 */
export const RELATION_RULESETS = [
  {
    version: '2024.1',
    effectiveFrom: '2024-06-16',
    source:
      '中组部《中国共产党党员组织关系介绍信》（组通字〔2006〕45号）；《关于加强流动党员管理的意见》；中办《不合格党员组织处置办法》（2024）',
    /** 介绍信有效期（天）：集团（基层党委系统）内默认 30 天，系统外默认 90 天，最长不超过 180 天。 */
    letterValidityDays: { withinGroup: 30, outside: 90, max: 180 },
    letterSource: '组通字〔2006〕45号；有效期由开具党委视路程确定（实践：省内 30 天、全国系统 90 天）',
    /** 回执：接收的基层党委应在党员报到后 1 个月内寄回。 */
    receiptMonths: 1,
    /** 外出 ≥ 6 个月且地点固定 → 转正式组织关系；3–6 个月 → 党员证明信；其他 → 流动党员活动证。 */
    mobile: { transferMonths: 6, certificateMonths: 3 },
    mobileSource: '《关于加强和改进流动党员管理工作的意见》；组通字〔2006〕45号',
    /** 与党组织失去联系满 6 个月（以最后一次参加组织生活或交纳党费的日期为准）。 */
    lostContactMonths: 6,
    /** 失联 6 个月–2 年：限期改正；超过 2 年：按停止党籍程序处理。 */
    lostSuspendYears: 2,
    /** 限期改正期限：一般 6 个月，最长不超过 1 年。 */
    correctionMonths: { default: 6, max: 12 },
    lostSource: '《不合格党员组织处置办法》（中办 2024-06-16）第五、七、八条',
  },
] as const;

export type RelationRuleset = (typeof RELATION_RULESETS)[number];

/** The ruleset in force on a date (YYYY-MM-DD). */
export function relationRulesetOn(date: string): RelationRuleset {
  const inForce = RELATION_RULESETS.filter((r) => r.effectiveFrom <= date);
  return inForce[inForce.length - 1] ?? RELATION_RULESETS[0];
}

// ── Capital Chinese numerals (大写数字) for the letter ─────────────────────────────────────

const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CAPITAL_UNITS = ['', '拾', '佰', '仟'];

/**
 * An integer 0–9999 in capital numerals, written out in full as on financial and Party forms so it
 * cannot be altered: 10 → 壹拾, 30 → 叁拾, 105 → 壹佰零伍, 1010 → 壹仟零壹拾.
 */
export function capitalNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`capitalNumber: ${n} 不在 0–9999 之内`);
  if (n === 0) return CAPITAL_DIGITS[0];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = CAPITAL_UNITS[digits.length - 1 - i];
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += CAPITAL_DIGITS[0];
    zero = false;
    out += CAPITAL_DIGITS[d] + unit;
  });
  return out;
}

/** A year digit by digit: 2026 → 贰零贰陆. */
export function capitalYear(year: number): string {
  return String(year)
    .split('')
    .map((d) => CAPITAL_DIGITS[Number(d)])
    .join('');
}

/** 2026-03 → 贰零贰陆年叁月 (党费已交到…). */
export function capitalYearMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number);
  return `${capitalYear(y)}年${capitalNumber(m)}月`;
}

/** 2026-03-02 → 贰零贰陆年叁月贰日. */
export function capitalDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${capitalYear(y)}年${capitalNumber(m)}月${capitalNumber(d)}日`;
}

// ── Letters and receipts ──────────────────────────────────────────────────────────────────

/** Default validity of a letter: within the group (same top-level committee) or outside. */
export function defaultValidityDays(withinGroup: boolean, rs: RelationRuleset): number {
  return withinGroup ? rs.letterValidityDays.withinGroup : rs.letterValidityDays.outside;
}

/** The last day a letter is valid: the day of issue counts as day one (30 days from 03-02 → 03-31). */
export function letterValidUntil(issuedOn: string, validityDays: number): string {
  return addDays(issuedOn, validityDays - 1);
}

/** A letter not yet reported is expired the day after its last valid day; it must then be re-issued. */
export function isLetterExpired(issuedOn: string, validityDays: number, today: string): boolean {
  return today > letterValidUntil(issuedOn, validityDays);
}

/** The day the receipt is due: one month after the letter was issued. */
export function receiptDueOn(issuedOn: string, rs: RelationRuleset): string {
  return addMonths(issuedOn, rs.receiptMonths);
}

/** No receipt when the month is up (on the due day itself) → a to-do for the issuing committee. */
export function isReceiptOverdue(issuedOn: string, receivedOn: string | null, today: string, rs: RelationRuleset): boolean {
  return receivedOn === null && today >= receiptDueOn(issuedOn, rs);
}

// ── Mobile members (流动党员) ─────────────────────────────────────────────────────────────

export const MOBILE_FORMS = {
  transfer: '转接正式组织关系',
  certificate: '开具党员证明信',
  card: '发放流动党员活动证',
} as const;
export type MobileForm = keyof typeof MOBILE_FORMS;

/**
 * The right form for a member going out, by the planned length of the stay: ≥ 6 months at a fixed
 * place → a formal transfer; 3 months up to 6 → a certificate letter (证明信, temporary relation);
 * anything else (shorter, or long but without a fixed place) → the mobile member card.
 */
export function mobileFormFor(startOn: string, expectedReturnOn: string, fixedPlace: boolean, rs: RelationRuleset): MobileForm {
  const months = wholeMonths(startOn, expectedReturnOn);
  if (months >= rs.mobile.transferMonths && fixedPlace) return 'transfer';
  if (months >= rs.mobile.certificateMonths && months < rs.mobile.transferMonths) return 'certificate';
  return 'card';
}

// ── Lost contact (失联) ───────────────────────────────────────────────────────────────────

export type LostStage = 'in_contact' | 'correction' | 'suspension';
export const LOST_STAGES: Record<LostStage, string> = {
  in_contact: '保持联系',
  correction: '失联 6 个月至 2 年：限期改正',
  suspension: '失联超过 2 年：停止党籍程序',
};

/**
 * Whether a member counts as lost on `today`: the reference date is the later of the last
 * organizational life and the last dues payment; lost from the day 6 months after it (inclusive).
 * With neither date known the answer is null (no facts yet — not listed as lost).
 */
export function lostContactStage(
  lastLifeOn: string | null,
  lastDuesOn: string | null,
  today: string,
  rs: RelationRuleset,
): { stage: LostStage; since: string; months: number } | null {
  const known = [lastLifeOn, lastDuesOn].filter((d): d is string => Boolean(d)).sort();
  const ref = known[known.length - 1];
  if (!ref) return null;
  const months = wholeMonths(ref, today);
  if (addMonths(ref, rs.lostContactMonths) > today) return { stage: 'in_contact', since: ref, months };
  const stage = addMonths(ref, rs.lostSuspendYears * 12) <= today ? 'suspension' : 'correction';
  return { stage, since: ref, months };
}

/** The dated steps of handling a lost member (2024 rules), in order; `restored` may close a case at any time. */
export const LOST_STEPS = {
  identified: '支委会认定失联',
  searched: '多方查找联系（记录查找情况）',
  correction: '限期改正（书面通知，规定改正期限）',
  removal_proposed: '期满未改正：支委会提出除名意见',
  filed: '报基层党委事前备案',
  investigated: '调查核实，听取本人意见',
  branch_meeting: '支部党员大会讨论决定',
  approved: '基层党委审批除名',
  restored: '恢复联系，结案',
} as const;
export type LostStep = keyof typeof LOST_STEPS;
export const LOST_STEP_ORDER: LostStep[] = [
  'identified',
  'searched',
  'correction',
  'removal_proposed',
  'filed',
  'investigated',
  'branch_meeting',
  'approved',
];

export interface LostStepFact {
  step: LostStep;
  on: string;
  /** Only for `correction`: the last day to correct. */
  deadline?: string | null;
}

/**
 * Checks the next step of a case against the steps done (pure): steps go in order, each on or
 * after the previous one and not in the future; the correction deadline lies after the notice and
 * at most 1 year later; removal is proposed only after the deadline passed. Returns a Chinese
 * message naming the problem, or null.
 */
export function lostStepProblem(done: LostStepFact[], next: LostStepFact, today: string, rs: RelationRuleset): string | null {
  const last = done[done.length - 1];
  if (last && (last.step === 'approved' || last.step === 'restored')) return '该失联处置已结案';
  if (next.on > today) return '日期不能晚于今天';
  if (last && next.on < last.on) return `日期不能早于上一步（${LOST_STEPS[last.step]}，${last.on}）`;
  if (next.step === 'restored') return done.length ? null : '请先认定失联';
  const expected = LOST_STEP_ORDER[done.length];
  if (next.step !== expected) return `下一步应为：${LOST_STEPS[expected]}`;
  if (next.step === 'correction') {
    if (!next.deadline) return '请填写改正期限';
    if (next.deadline <= next.on) return '改正期限应晚于通知日期';
    if (next.deadline > addMonths(next.on, rs.correctionMonths.max)) return `改正期限最长不超过 ${rs.correctionMonths.max} 个月`;
  }
  if (next.step === 'removal_proposed') {
    const deadline = done.find((d) => d.step === 'correction')?.deadline;
    if (deadline && next.on <= deadline) return `改正期限（${deadline}）届满后才能提出除名意见`;
  }
  return null;
}
