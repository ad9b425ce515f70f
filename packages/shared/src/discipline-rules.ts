/**
 * 党纪处分 and 组织处理 (《中国共产党纪律处分条例》2023, 第八条 and 第四十一条): the kinds, their effect on the
 * member's rights, and the period of 留党察看. Versioned with its source; pure functions below.
 */
import { addMonths } from './dates.js';

export const DISCIPLINE_KINDS = {
  warning: '警告',
  serious_warning: '严重警告',
  removal_from_post: '撤销党内职务',
  probation: '留党察看',
  expulsion: '开除党籍',
  admonishment: '诫勉（组织处理）',
} as const;
export type DisciplineKind = keyof typeof DISCIPLINE_KINDS;
export const DISCIPLINE_KIND_CODES = Object.keys(DISCIPLINE_KINDS) as DisciplineKind[];

export const DISCIPLINE_RULESETS = [
  {
    version: '2023-12',
    effectiveFrom: '2024-01-01',
    source:
      '《中国共产党纪律处分条例》（2023年修订）第八条、第十一条：留党察看分为一年、两年；受留党察看处分期间没有表决权、选举权和被选举权',
    probationYears: [1, 2] as readonly number[],
  },
] as const;

/** What a record does to the member's rights: no vote (during 留党察看), membership ended, or nothing beyond the record. */
export type DisciplineEffect = 'no_vote' | 'expelled' | 'none';

export function effectOf(kind: DisciplineKind): DisciplineEffect {
  if (kind === 'probation') return 'no_vote';
  if (kind === 'expulsion') return 'expelled';
  return 'none';
}

/**
 * The days a 留党察看 runs: from the decision day for `years`; `until` is the first day the rights are
 * back (exclusive end), so a vote on that day counts the member again.
 */
export function probationPeriod(decidedOn: string, years: number): { from: string; until: string } {
  return { from: decidedOn, until: addMonths(decidedOn, 12 * years) };
}

/** Under the no-vote effect on `day`. */
export const withoutVoteOn = (r: { effect: string; effectFrom: string; effectUntil: string | null }, day: string): boolean =>
  r.effect === 'no_vote' && r.effectFrom <= day && (r.effectUntil === null || day < r.effectUntil);
