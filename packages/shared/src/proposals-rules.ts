/**
 * 合理化建议 (proposals, issue 21 item 1): the scoring rubric and the reward table as a versioned
 * ruleset, and the pure rules built on them. Our assumption of a group's practice (no national rule
 * fixes the numbers): three criteria 创新性 30 / 可行性 30 / 预期效益 40, two reviewers, a second-level
 * committee review above a score or an expected benefit, rewards graded by the verified yearly benefit.
 * Money is in fen. The functions take the day (or the ruleset) as an argument.
 */

export const PROPOSAL_CATEGORIES = {
  safety: '安全',
  quality: '质量',
  cost: '成本',
  efficiency: '效率',
  environment: '环保',
  management: '管理',
} as const;
export type ProposalCategory = keyof typeof PROPOSAL_CATEGORIES;

/** reviewing → (committee) → decided: adopted | partial | rejected | merged; adopted/partial → implemented. */
export const PROPOSAL_STATUSES = {
  reviewing: '评审中',
  committee: '委员会评审',
  scored: '待决定',
  adopted: '已采纳',
  partial: '部分采纳',
  rejected: '不采纳',
  merged: '已合并',
  implemented: '已实施',
} as const;
export type ProposalStatus = keyof typeof PROPOSAL_STATUSES;

/** The public board's columns (like Fider's roadmap). */
export const BOARD_COLUMNS = { open: '评审中', adopted: '已采纳', implemented: '已实施', closed: '未采纳/已合并' } as const;
export type BoardColumn = keyof typeof BOARD_COLUMNS;

export function boardColumn(status: ProposalStatus): BoardColumn {
  if (status === 'implemented') return 'implemented';
  if (status === 'adopted' || status === 'partial') return 'adopted';
  if (status === 'rejected' || status === 'merged') return 'closed';
  return 'open';
}

export interface RubricCriterion {
  key: string;
  name: string;
  max: number;
}

export interface RewardGrade {
  grade: string;
  /** Verified yearly benefit from which this grade applies (inclusive), fen. */
  minBenefitFen: number;
  rewardFen: number;
}

export interface ProposalsRuleset {
  version: string;
  validFrom: string;
  source: string;
  criteria: readonly RubricCriterion[];
  /** Reviewers per proposal. */
  reviewers: number;
  /** A mean total at or above this goes to the second-level committee. */
  committeeScore: number;
  /** An expected benefit at or above this (fen/year) goes to the committee too. */
  committeeBenefitFen: number;
  /** Learning points for an adopted proposal (each proposer). */
  adoptedPoints: number;
  /** Ascending by minBenefitFen. */
  rewards: readonly RewardGrade[];
}

export const PROPOSALS_RULESETS: readonly ProposalsRuleset[] = [
  {
    version: '2026.1',
    validFrom: '2026-01-01',
    source:
      '集团合理化建议管理办法（假设）：评分 创新性30、可行性30、预期效益40，两名评审；均分≥80 或预期年效益≥10万元 报二级评审委员会；奖励按核定年效益分级',
    criteria: [
      { key: 'innovation', name: '创新性', max: 30 },
      { key: 'feasibility', name: '可行性', max: 30 },
      { key: 'benefit', name: '预期效益', max: 40 },
    ],
    reviewers: 2,
    committeeScore: 80,
    committeeBenefitFen: 10_000_000,
    adoptedPoints: 5,
    rewards: [
      { grade: '鼓励奖', minBenefitFen: 0, rewardFen: 10_000 },
      { grade: '三等奖', minBenefitFen: 1_000_000, rewardFen: 50_000 },
      { grade: '二等奖', minBenefitFen: 10_000_000, rewardFen: 200_000 },
      { grade: '一等奖', minBenefitFen: 50_000_000, rewardFen: 500_000 },
      { grade: '特等奖', minBenefitFen: 100_000_000, rewardFen: 1_000_000 },
    ],
  },
];

export function proposalsRulesetOn(day: string, rulesets: readonly ProposalsRuleset[] = PROPOSALS_RULESETS): ProposalsRuleset {
  const inForce = rulesets.filter((r) => r.validFrom <= day);
  return inForce[inForce.length - 1] ?? rulesets[0];
}

export function proposalsRulesetByVersion(version: string): ProposalsRuleset {
  return PROPOSALS_RULESETS.find((r) => r.version === version) ?? PROPOSALS_RULESETS[0];
}

/** Problems with one reviewer's scores (empty = valid): every criterion, whole numbers within 0..max. */
export function scoreProblems(rs: ProposalsRuleset, scores: Record<string, number>): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const c of rs.criteria) {
    const v = scores[c.key];
    if (v === undefined) out.push({ path: `scores.${c.key}`, message: `请给出${c.name}得分` });
    else if (!Number.isInteger(v) || v < 0 || v > c.max)
      out.push({ path: `scores.${c.key}`, message: `${c.name}得分应为 0–${c.max} 的整数` });
  }
  for (const k of Object.keys(scores)) {
    if (!rs.criteria.some((c) => c.key === k)) out.push({ path: `scores.${k}`, message: `评分项 ${k} 不在评分细则中` });
  }
  return out;
}

export const scoreTotal = (scores: Record<string, number>): number => Object.values(scores).reduce((a, b) => a + b, 0);

/** The mean of the reviewers' totals in hundredths (85.5 → 8550), rounded half up. */
export function meanScoreCents(totals: readonly number[]): number {
  if (totals.length === 0) return 0;
  return Math.round((totals.reduce((a, b) => a + b, 0) * 100) / totals.length);
}

/** Whether a scored proposal goes to the second-level committee. */
export function needsCommittee(rs: ProposalsRuleset, meanCents: number, expectedBenefitFen: number): boolean {
  return meanCents >= rs.committeeScore * 100 || expectedBenefitFen >= rs.committeeBenefitFen;
}

/** The reward grade for a verified yearly benefit (the highest grade whose threshold it reaches). */
export function rewardFor(rewards: readonly RewardGrade[], benefitFen: number): RewardGrade {
  let out = rewards[0];
  for (const g of rewards) if (benefitFen >= g.minBenefitFen) out = g;
  return out;
}

/** A reward split among the proposers: equal shares in fen, the remainder to the first (the proposer). */
export function splitReward(totalFen: number, people: number): number[] {
  if (people <= 0) return [];
  const share = Math.floor(totalFen / people);
  const out = Array.from({ length: people }, () => share);
  out[0] += totalFen - share * people;
  return out;
}

/** A reward table as the group sets it: grades ascending from 0, thresholds strictly rising, amounts ≥ 0. */
export function rewardTableProblems(rewards: readonly RewardGrade[]): string[] {
  const out: string[] = [];
  if (rewards.length === 0) return ['奖励标准至少一档'];
  if (rewards[0].minBenefitFen !== 0) out.push('第一档的效益下限应为 0');
  rewards.forEach((g, i) => {
    if (i > 0 && g.minBenefitFen <= rewards[i - 1].minBenefitFen) out.push(`第 ${i + 1} 档的效益下限应高于上一档`);
    if (g.rewardFen < 0) out.push(`第 ${i + 1} 档的奖金不能为负`);
  });
  return out;
}

/** The board root of an org path: the mine (the first two levels, `/1/5/`); the group itself for a group-level org. */
export function boardRoot(orgPath: string): string {
  const ids = orgPath.split('/').filter(Boolean);
  return `/${ids.slice(0, 2).join('/')}/`;
}
