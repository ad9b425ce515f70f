/**
 * Safety-knowledge competitions (安全知识竞赛): the scoring ruleset as data and the pure functions
 * that rank players and branches. Live quizzes follow the common 知识竞赛 practice (and Kahoot's
 * "accuracy first, then speed"): the number of right answers decides; among equals, the one who
 * answered those questions faster ranks higher. A branch (党支部) is ranked by its members' average,
 * so a big branch does not win by headcount alone.
 */
export const COMPETITION_RULESETS = [
  {
    version: '2026.1',
    effectiveFrom: '2020-01-01',
    source:
      '知识竞赛通行做法：先比答对题数，答对题数相同再比答对各题的用时之和（服务器计时：推题至收到答案），用时也相同则名次并列；' +
      '支部排名按参赛党员的平均答对题数，再比平均用时，再比参赛人数；每周挑战赛按答对题数，再比整卷用时（服务器计时：开始至交卷）',
    /** Seconds a live question may count down (the host picks within these bounds). */
    minSeconds: 5,
    maxSeconds: 120,
    /** An answer is accepted up to and including the countdown's end by the server clock; never after. */
    lateGraceMs: 0,
    /** Questions in one competition. */
    maxQuestions: 50,
    /** Challenge: bounds of the attempt's time limit (seconds). */
    minChallengeSeconds: 30,
    maxChallengeSeconds: 3600,
    /** Question types a competition may use (one tap on the phone). */
    types: ['single', 'multiple', 'judge'],
    /** The ranking of players, key by key: right answers (more first), then time (less first). */
    playerOrder: [
      ['correct', 'desc'],
      ['timeMs', 'asc'],
    ],
    /** The ranking of branches: average right answers, average time, participants. */
    branchOrder: [
      ['avgCorrect', 'desc'],
      ['avgTimeMs', 'asc'],
      ['players', 'desc'],
    ],
  },
] as const;

export type CompetitionRuleset = (typeof COMPETITION_RULESETS)[number];

export function competitionRulesetOn(date: string): CompetitionRuleset {
  const inForce = COMPETITION_RULESETS.filter((r) => r.effectiveFrom <= date);
  return inForce[inForce.length - 1] ?? COMPETITION_RULESETS[0];
}

export const COMPETITION_KINDS = { live: '现场竞赛', challenge: '每周挑战' } as const;
export type CompetitionKind = keyof typeof COMPETITION_KINDS;
export const COMPETITION_STATUSES = {
  draft: '未开始',
  lobby: '候场中',
  running: '进行中',
  open: '进行中',
  finished: '已结束',
} as const;
export type CompetitionStatus = keyof typeof COMPETITION_STATUSES;

/** Whether an answer arriving `at` is within a question's countdown ending `endsAt` (server clock). */
export function answerInTime(at: Date, endsAt: Date, rs: CompetitionRuleset = COMPETITION_RULESETS[0]): boolean {
  return at.getTime() <= endsAt.getTime() + rs.lateGraceMs;
}

/** Milliseconds left on a countdown (never negative). */
export function remainingMs(now: Date, endsAt: Date): number {
  return Math.max(0, endsAt.getTime() - now.getTime());
}

/** What the ranking of a player reads: right answers and the time (ms) taken over them. */
export interface PlayerScore {
  playerId: number;
  name: string;
  branchId: number;
  branchName: string;
  correct: number;
  /** Live: sum of the server-timed answer times of the right answers; challenge: the attempt's duration. */
  timeMs: number;
  answered: number;
}

export interface RankedPlayer extends PlayerScore {
  rank: number;
}

type Order = readonly (readonly [string, 'asc' | 'desc'])[];

/** Compares two records key by key as the ruleset's order says (numbers only). */
function byOrder<T>(order: Order, a: T, b: T): number {
  for (const [key, dir] of order) {
    const x = (a as Record<string, number>)[key];
    const y = (b as Record<string, number>)[key];
    if (x !== y) return dir === 'desc' ? y - x : x - y;
  }
  return 0;
}

/** Accuracy first, then speed (ruleset.playerOrder); 0 means they share a rank. */
export function comparePlayers(a: PlayerScore, b: PlayerScore, rs: CompetitionRuleset = COMPETITION_RULESETS[0]): number {
  return byOrder(rs.playerOrder, a, b);
}

/** Standard competition ranking (1, 2, 2, 4): equal right answers and equal time share a rank; the name only orders equals on screen. */
export function rankPlayers(rows: readonly PlayerScore[], rs: CompetitionRuleset = COMPETITION_RULESETS[0]): RankedPlayer[] {
  const comparePlayers = (a: PlayerScore, b: PlayerScore) => byOrder(rs.playerOrder, a, b);
  const sorted = [...rows].sort((a, b) => comparePlayers(a, b) || a.name.localeCompare(b.name, 'zh-CN') || a.playerId - b.playerId);
  const out: RankedPlayer[] = [];
  sorted.forEach((r, i) => {
    const prev = out[i - 1];
    const rank = prev && comparePlayers(prev, r) === 0 ? prev.rank : i + 1;
    out.push({ ...r, rank });
  });
  return out;
}

export interface RankedBranch {
  branchId: number;
  branchName: string;
  players: number;
  /** Average right answers per participant, two decimals. */
  avgCorrect: number;
  /** Average time per participant (ms, rounded). */
  avgTimeMs: number;
  rank: number;
}

/** Branches by their participants' average right answers, then average time, then more participants (ruleset.branchOrder). */
export function rankBranches(rows: readonly PlayerScore[], rs: CompetitionRuleset = COMPETITION_RULESETS[0]): RankedBranch[] {
  const by = new Map<number, { branchName: string; n: number; correct: number; time: number }>();
  for (const r of rows) {
    const b = by.get(r.branchId) ?? { branchName: r.branchName, n: 0, correct: 0, time: 0 };
    b.n++;
    b.correct += r.correct;
    b.time += r.timeMs;
    by.set(r.branchId, b);
  }
  const list = [...by.entries()].map(([branchId, b]) => ({
    branchId,
    branchName: b.branchName,
    players: b.n,
    avgCorrect: b.correct / b.n,
    avgTimeMs: b.time / b.n,
  }));
  // Compared on the exact averages; rounded only for display.
  const cmp = (a: (typeof list)[number], b: (typeof list)[number]) => byOrder(rs.branchOrder, a, b);
  list.sort((a, b) => cmp(a, b) || a.branchName.localeCompare(b.branchName, 'zh-CN') || a.branchId - b.branchId);
  const out: RankedBranch[] = [];
  list.forEach((b, i) => {
    const rank = i > 0 && cmp(list[i - 1], b) === 0 ? out[i - 1].rank : i + 1;
    out.push({
      branchId: b.branchId,
      branchName: b.branchName,
      players: b.players,
      avgCorrect: Math.round(b.avgCorrect * 100) / 100,
      avgTimeMs: Math.round(b.avgTimeMs),
      rank,
    });
  });
  return out;
}

/** Whether a response is exactly the right set of keys (all or nothing, as the exams grade). */
export function isRightChoice(rightKeys: readonly string[], keys: readonly string[]): boolean {
  return [...new Set(keys)].sort().join('|') === [...rightKeys].sort().join('|');
}

/** The deadline of a challenge attempt: start + limit, never after the challenge closes. */
export function challengeDeadline(startedAt: Date, limitSeconds: number, closesAt: Date): Date {
  return new Date(Math.min(startedAt.getTime() + limitSeconds * 1000, closesAt.getTime()));
}
