/**
 * Points for learning (学习积分, issue 7 item 8). RULES.md §Points calls member points "local
 * practice; make it configurable": a year of about 100 points, caps per item, leaderboards per
 * branch. The numbers below are our assumption of such a local practice (学习强国-style daily
 * caps, so that points reward regular study and not one long session), versioned with the date
 * they apply from; the daily caps can be overridden by the group (settings `points.caps`).
 * The functions are pure and take the day as an argument.
 */

export const POINT_ACTIVITIES = {
  study: '课程学习',
  exam: '在线考试',
  competition: '知识竞赛',
  challenge: '答题挑战',
  mentor_meeting: '导师带徒谈心',
  proposal: '合理化建议采纳',
} as const;
export type PointActivity = keyof typeof POINT_ACTIVITIES;
export const POINT_ACTIVITY_CODES = Object.keys(POINT_ACTIVITIES) as PointActivity[];

/** Daily caps per activity and over all activities (`total`). */
export type PointCaps = Record<PointActivity, number> & { total: number };

export interface PointsRuleset {
  version: string;
  /** First China day the ruleset applies to (inclusive). */
  validFrom: string;
  source: string;
  /** Points for one unit of each activity (study: one block of `studyMinutesPerPoint` credited minutes). */
  points: Record<PointActivity, number>;
  /** Extra points when a submitted exam is passed (score ≥ the exam's pass score). */
  examPassBonus: number;
  /** One study point per this many effective (credited) minutes of a China day. */
  studyMinutesPerPoint: number;
  caps: PointCaps;
}

export const POINTS_RULESETS: readonly PointsRuleset[] = [
  {
    version: '2026.1',
    validFrom: '2026-01-01',
    source:
      'RULES.md §Points（本地做法，可配置）；假设：学习每有效 10 分钟 1 分、每日上限 6 分；考试交卷 2 分、及格另加 3 分；竞赛 5 分；挑战 1 分；导师带徒谈心 2 分；合理化建议采纳 5 分（issue 21，每日上限 10 分）；每日合计上限 20 分',
    points: { study: 1, exam: 2, competition: 5, challenge: 1, mentor_meeting: 2, proposal: 5 },
    examPassBonus: 3,
    studyMinutesPerPoint: 10,
    caps: { study: 6, exam: 10, competition: 10, challenge: 5, mentor_meeting: 2, proposal: 10, total: 20 },
  },
];

/** The ruleset in force on a China day (the first one for days before all of them). */
export function pointsRulesetOn(day: string, rulesets: readonly PointsRuleset[] = POINTS_RULESETS): PointsRuleset {
  const inForce = rulesets.filter((r) => r.validFrom <= day);
  return inForce[inForce.length - 1] ?? rulesets[0];
}

/** The caps of a ruleset with the group's overrides (only known keys, whole numbers ≥ 0). */
export function effectiveCaps(rs: PointsRuleset, overrides: Partial<Record<string, unknown>> | null | undefined): PointCaps {
  const out = { ...rs.caps };
  for (const k of [...POINT_ACTIVITY_CODES, 'total'] as const) {
    const v = overrides?.[k];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[k] = v;
  }
  return out;
}

/**
 * How many of the requested points count today: what is left under the activity's cap and under
 * the day's total cap, never negative.
 */
export function cappedPoints(
  requested: number,
  today: { activity: number; total: number },
  caps: { activity: number; total: number },
): number {
  if (requested <= 0) return 0;
  const room = Math.min(caps.activity - today.activity, caps.total - today.total);
  return Math.max(0, Math.min(requested, room));
}

/** Study points earned by adding `seconds` of credited time to the day's `before` seconds (whole blocks only). */
export function studyBlocks(beforeSeconds: number, seconds: number, minutesPerPoint: number): { from: number; to: number } {
  const block = minutesPerPoint * 60;
  return { from: Math.floor(beforeSeconds / block), to: Math.floor((beforeSeconds + Math.max(0, seconds)) / block) };
}

/** Per-capita points and participation of a branch, rounded to one decimal / a whole percent. */
export function branchMeasures(totalPoints: number, members: number, participants: number) {
  if (members <= 0) return { perCapita: 0, participationPct: 0 };
  return { perCapita: Math.round((totalPoints / members) * 10) / 10, participationPct: Math.round((participants / members) * 100) };
}
