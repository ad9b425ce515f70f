/**
 * Skill and speech contests (技能比赛、安全演讲比赛, issue 21 item 4): the judging rule as a ruleset,
 * pure. Default: with 5 or more judges the highest and the lowest score are dropped (one each), the
 * rest averaged to two decimals (half up, in hundredths to avoid binary rounding); ties are broken by
 * a named criterion's average, then share the rank. Only the rule is built so far (no module).
 */

export interface JudgingRuleset {
  version: string;
  /** Drop the single highest and lowest score from this many judges up. */
  dropExtremesFrom: number;
  /** The criterion whose average breaks a tie of totals (e.g. 内容 for a speech contest). */
  tieBreaker: string;
}

export const JUDGING_RULESETS: readonly JudgingRuleset[] = [{ version: '2026.1', dropExtremesFrom: 5, tieBreaker: 'content' }];

/** One judge's sheet: criterion key → points; the total is their sum. */
export type Sheet = Record<string, number>;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The mean of scores in hundredths after dropping the extremes when the rule says so (half up). */
export function judgedCents(scores: readonly number[], rs: JudgingRuleset = JUDGING_RULESETS[0]): number {
  if (scores.length === 0) return 0;
  const sorted = [...scores].sort((a, b) => a - b);
  const kept = sorted.length >= rs.dropExtremesFrom ? sorted.slice(1, -1) : sorted;
  // Scores carry at most two decimals: work in hundredths so 85.125 never appears as 85.12499….
  const cents = sum(kept.map((s) => Math.round(s * 100)));
  return Math.floor((cents * 2 + kept.length) / (2 * kept.length));
}

export interface Ranked {
  id: number;
  /** Final score, hundredths. */
  cents: number;
  /** The tie-breaker criterion's judged mean, hundredths. */
  tieCents: number;
  rank: number;
}

/** Ranks contestants by their judged total, then by the tie-breaker criterion; equal on both share a rank (1, 1, 3). */
export function rankContestants(sheets: ReadonlyMap<number, readonly Sheet[]>, rs: JudgingRuleset = JUDGING_RULESETS[0]): Ranked[] {
  const rows = [...sheets.entries()].map(([id, ss]) => ({
    id,
    cents: judgedCents(
      ss.map((s) => sum(Object.values(s))),
      rs,
    ),
    tieCents: judgedCents(
      ss.map((s) => s[rs.tieBreaker] ?? 0),
      rs,
    ),
    rank: 0,
  }));
  rows.sort((a, b) => b.cents - a.cents || b.tieCents - a.tieCents || a.id - b.id);
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && prev.cents === r.cents && prev.tieCents === r.tieCents ? prev.rank : i + 1;
  });
  return rows;
}
