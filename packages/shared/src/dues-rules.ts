import { monthsBetween } from './dates.js';
/**
 * Dues (党费) ruleset: categories, brackets, fixed amounts, the monthly cap, back pay and prepay
 * limits and the arrears stages, as versioned data with sources (RULES.md §Dues). Money is integer
 * fen (分) throughout; rates are basis points (1 % = 100 bp) so no float ever touches an amount.
 * A local committee that differs adds a version with its effective date; code never holds a literal.
 */

/** 党费交纳类别. */
export const DUES_CATEGORIES = {
  employed: '在职',
  retired: '离退休',
  student: '学生',
  unemployed: '下岗失业/低保/救济',
  farmer: '农民',
} as const;
export type DuesCategory = keyof typeof DUES_CATEGORIES;
export const DUES_CATEGORY_CODES = Object.keys(DUES_CATEGORIES) as DuesCategory[];

/** One bracket: bases up to and including `upToFen` (null = no upper end) pay `rateBp` of the whole base. */
export interface DuesBracket {
  upToFen: number | null;
  rateBp: number;
}

export type DuesRounding = 'fen' | 'jiao-up';
export const DUES_ROUNDINGS: Record<DuesRounding, string> = {
  fen: '四舍五入到分（默认）',
  'jiao-up': '进位到角',
};

export const DUES_RULESETS = [
  {
    version: '2017.1',
    effectiveFrom: '2008-04-01',
    source:
      '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）第一至第十三条；中组部办公厅《关于进一步规范党费工作的通知》（组电明字〔2017〕5号）',
    /** 在职：按税后月工资收入全额适用一个比例（非累进）。第二条. 3000 整为 0.5 %，5000 整为 1 %，10000 整为 1.5 %. */
    employed: [
      { upToFen: 300_000, rateBp: 50 },
      { upToFen: 500_000, rateBp: 100 },
      { upToFen: 1_000_000, rateBp: 150 },
      { upToFen: null, rateBp: 200 },
    ] as readonly DuesBracket[],
    /** 离退休：5000 元以下（含）0.5 %，以上 1 %。第五条. */
    retired: [
      { upToFen: 500_000, rateBp: 50 },
      { upToFen: null, rateBp: 100 },
    ] as readonly DuesBracket[],
    /** 学生、下岗失业、依靠抚恤或救济、领取最低生活保障金的：每月 0.2 元。第六条. */
    fixedFen: { student: 20, unemployed: 20 } as Partial<Record<DuesCategory, number>>,
    /** 农民党员每月 0.2–1 元，由基层党组织确定；默认 0.2 元。第六条. */
    farmerFen: { min: 20, max: 100, default: 20 },
    /** 每名党员月交纳党费数额一般不超过 1000 元（组电明字〔2017〕5号）；自愿多交不限. */
    capFen: 100_000,
    /** 自愿一次多交纳 1000 元以上的党费（大额党费），全部上缴. */
    largeDuesAboveFen: 100_000,
    /** 补交一般不得超过 6 个月（第十二条）；超过须经党委批准. */
    backPayMaxMonths: 6,
    /** 预交一般不超过 6 个月. */
    prepayMaxMonths: 6,
    /** 无正当理由连续 6 个月不交纳党费按自行脱党处理（第十三条）：3 个月提醒本人，5 个月提醒书记，6 个月立案. */
    arrears: { remindMember: 3, escalate: 5, withdrawal: 6 },
    /** 计算基数的合理范围（元为单位的上限 100 万元），超出视为录入错误. */
    maxBaseFen: 100_000_000,
    rounding: 'fen' as DuesRounding,
    /** 支部向上级党委上缴的周期（各地不同，可配置）. */
    remitEveryMonths: 6,
  },
] as const;

export type DuesRuleset = (typeof DUES_RULESETS)[number];

/** The ruleset in force on a date (YYYY-MM-DD). */
export function duesRulesetOn(date: string): DuesRuleset {
  const inForce = DUES_RULESETS.filter((r) => r.effectiveFrom <= date);
  return inForce[inForce.length - 1] ?? DUES_RULESETS[0];
}

export interface DuesStandard {
  monthlyFen: number;
  /** The bracket's rate as a fraction (0.005 = 0.5 %); null for fixed amounts. */
  rate: number | null;
  rateBp: number | null;
  ruleVersion: string;
  capped: boolean;
  /** How it was computed, in Chinese (shown to the member; names the base). */
  basis: string;
  /** The rule applied without the base (safe to store in clear next to the encrypted base). */
  rule: string;
}

export class DuesInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export const yuan = (fen: number): string =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

const pct = (bp: number) => `${bp / 100}%`;

function bracketOf(brackets: readonly DuesBracket[], baseFen: number): DuesBracket {
  return brackets.find((b) => b.upToFen === null || baseFen <= b.upToFen) ?? brackets[brackets.length - 1];
}

/** base × rate in integer fen: round half up to the fen, or up to the jiao (never below 0.1 元 then). */
export function applyRate(baseFen: number, rateBp: number, rounding: DuesRounding): number {
  const product = baseFen * rateBp; // fen × 1/10000
  if (rounding === 'jiao-up') {
    if (product === 0) return 0;
    return Math.ceil(product / 100_000) * 10;
  }
  return Math.floor((product + 5_000) / 10_000);
}

export function checkBaseFen(baseFen: unknown, rs: DuesRuleset = DUES_RULESETS[0]): number {
  if (typeof baseFen !== 'number' || !Number.isFinite(baseFen) || !Number.isInteger(baseFen))
    throw new DuesInputError('baseFen', '计算基数应为整数（以分为单位）');
  if (baseFen < 0) throw new DuesInputError('baseFen', '计算基数不能为负数');
  if (baseFen > rs.maxBaseFen) throw new DuesInputError('baseFen', `计算基数超出合理范围（不超过 ${yuan(rs.maxBaseFen)} 元/月），请核对`);
  return baseFen;
}

/**
 * The monthly standard of a member: category and monthly base (fen) → amount (fen). Pure; the
 * ruleset and rounding are arguments so every boundary is testable.
 */
export function duesStandard(
  input: { category: string; baseFen?: number | null; farmerFen?: number | null },
  rs: DuesRuleset = DUES_RULESETS[0],
  rounding: DuesRounding = rs.rounding,
): DuesStandard {
  const category = input.category as DuesCategory;
  if (!(category in DUES_CATEGORIES)) {
    throw new DuesInputError('category', `党费类别应为 ${DUES_CATEGORY_CODES.map((c) => `${c}（${DUES_CATEGORIES[c]}）`).join('、')}`);
  }
  const fixed = rs.fixedFen[category];
  if (fixed !== undefined) {
    return {
      monthlyFen: fixed,
      rate: null,
      rateBp: null,
      ruleVersion: rs.version,
      capped: false,
      basis: `${DUES_CATEGORIES[category]}党员每月固定交纳 ${yuan(fixed)} 元`,
      rule: `${DUES_CATEGORIES[category]}党员每月固定交纳 ${yuan(fixed)} 元`,
    };
  }
  if (category === 'farmer') {
    const f = input.farmerFen ?? rs.farmerFen.default;
    if (!Number.isInteger(f) || f < rs.farmerFen.min || f > rs.farmerFen.max) {
      throw new DuesInputError('farmerFen', `农民党员每月交纳 ${yuan(rs.farmerFen.min)}–${yuan(rs.farmerFen.max)} 元`);
    }
    return {
      monthlyFen: f,
      rate: null,
      rateBp: null,
      ruleVersion: rs.version,
      capped: false,
      basis: `农民党员每月交纳 ${yuan(f)} 元（${yuan(rs.farmerFen.min)}–${yuan(rs.farmerFen.max)} 元，由基层党组织确定）`,
      rule: `农民党员每月交纳 ${yuan(f)} 元（${yuan(rs.farmerFen.min)}–${yuan(rs.farmerFen.max)} 元，由基层党组织确定）`,
    };
  }
  const base = checkBaseFen(input.baseFen, rs);
  const brackets = category === 'retired' ? rs.retired : rs.employed;
  const bracket = bracketOf(brackets, base);
  const lower = brackets[brackets.indexOf(bracket) - 1]?.upToFen ?? null;
  const raw = applyRate(base, bracket.rateBp, rounding);
  const capped = raw > rs.capFen;
  const monthlyFen = capped ? rs.capFen : raw;
  const what = category === 'retired' ? '离退休费（养老金）' : '税后月工资收入';
  // 档次的写法：3000 元（含）以下；3000 元以上至 5000 元（含）；10000 元以上.
  const range =
    bracket.upToFen === null
      ? `${yuan(lower ?? 0)} 元以上档`
      : lower === null
        ? `${yuan(bracket.upToFen)} 元（含）以下档`
        : `${yuan(lower)} 元以上至 ${yuan(bracket.upToFen)} 元（含）档`;
  return {
    monthlyFen,
    rate: bracket.rateBp / 10_000,
    rateBp: bracket.rateBp,
    ruleVersion: rs.version,
    capped,
    rule: `按${what}全额适用 ${range} ${pct(bracket.rateBp)}${capped ? `，超过每月 ${yuan(rs.capFen)} 元按 ${yuan(rs.capFen)} 元交纳` : ''}${rounding === 'jiao-up' ? '（进位到角）' : ''}`,
    basis: `${what} ${yuan(base)} 元，适用 ${range} ${pct(bracket.rateBp)}，全额计算 ${yuan(raw)} 元${capped ? `，超过每月 ${yuan(rs.capFen)} 元按 ${yuan(rs.capFen)} 元交纳` : ''}${rounding === 'jiao-up' ? '（进位到角）' : ''}`,
  };
}

/** Hardship (困难党员): reduced to an amount, or exempt; both need branch review and committee approval. */
export type DuesHardship = { kind: 'reduce'; monthlyFen: number } | { kind: 'exempt' } | null;

/** The amount billed after hardship: 0 when exempt, the reduced amount when lower than the standard. */
export function dueAfterHardship(standardFen: number, hardship: DuesHardship): number {
  if (!hardship) return standardFen;
  if (hardship.kind === 'exempt') return 0;
  return Math.min(standardFen, hardship.monthlyFen);
}

export type DuesArrearsStage = 'remind' | 'escalate' | 'withdrawal' | null;

/** Which reminder a run of consecutive unpaid months reaches (3 → member, 5 → secretary, 6 → case). */
export function arrearsStage(monthsUnpaid: number, rs: DuesRuleset = DUES_RULESETS[0]): DuesArrearsStage {
  if (monthsUnpaid >= rs.arrears.withdrawal) return 'withdrawal';
  if (monthsUnpaid >= rs.arrears.escalate) return 'escalate';
  if (monthsUnpaid >= rs.arrears.remindMember) return 'remind';
  return null;
}

/**
 * Which months a payment may cover, relative to the current month (`YYYY-MM`): back pay of past
 * months no further back than the limit unless the committee approved; prepay of future months
 * no further ahead than the limit.
 */
export function checkPaymentMonths(
  months: readonly string[],
  currentMonth: string,
  opts: { approved?: boolean },
  rs: DuesRuleset = DUES_RULESETS[0],
): { path: string; message: string } | null {
  for (const m of months) {
    const back = monthsBetween(m, currentMonth);
    if (back > rs.backPayMaxMonths && !opts.approved) {
      return {
        path: 'months',
        message: `${m} 已超过 ${rs.backPayMaxMonths} 个月，补交一般不得超过 ${rs.backPayMaxMonths} 个月；确需补交须经党委批准并填写批准情况`,
      };
    }
    if (-back > rs.prepayMaxMonths) {
      return { path: 'months', message: `${m} 超出预交期限：预交一般不超过 ${rs.prepayMaxMonths} 个月` };
    }
  }
  return null;
}
