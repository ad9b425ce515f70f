/**
 * The election rules as a versioned ruleset (RULES.md §Elections: 中国共产党基层组织选举工作条例, 2020).
 * Pure functions, used by the server, the console and the verifier.
 */
export type MajorityBasis = 'entitled' | 'present';
export type ElectionRuleset = {
  version: string;
  source: string;
  /** candidates ≥ seats × (1 + margin), rounded up — kept as a fraction to stay exact */
  marginNum: number;
  marginDen: number;
  /** present voters must be MORE than quorumNum/quorumDen of those entitled */
  quorumNum: number;
  quorumDen: number;
  /** elected = votes in favour more than half of this basis */
  majorityBasis: MajorityBasis;
  minTellers: number;
  threshold: number;
};

export const ELECTION_RULESETS: Record<string, ElectionRuleset> = {
  'cpc-2020': {
    version: 'cpc-2020',
    source: '中国共产党基层组织选举工作条例（2020）第十四、二十、二十八条',
    marginNum: 1,
    marginDen: 5,
    quorumNum: 4,
    quorumDen: 5,
    majorityBasis: 'entitled',
    minTellers: 3,
    threshold: 2,
  },
};
export const CURRENT_RULESET = 'cpc-2020';

/** 差额选举：候选人数多于应选人数 20%，向上取整（5 名 → 至少 6 名）. */
export function minCandidates(seats: number, rs: ElectionRuleset = ELECTION_RULESETS[CURRENT_RULESET]): number {
  return seats + Math.ceil((seats * rs.marginNum) / rs.marginDen);
}

/** Entitled after approved exclusions (the five kinds of absentees, 2024 rules). */
export const entitledCount = (roll: number, approvedExclusions: number): number => Math.max(0, roll - approvedExclusions);

/** 到会有选举权的党员超过应到会人数的五分之四 — exactly 4/5 is not enough. */
export function quorumMet(present: number, entitled: number, rs: ElectionRuleset = ELECTION_RULESETS[CURRENT_RULESET]): boolean {
  return entitled > 0 && present * rs.quorumDen > entitled * rs.quorumNum;
}

export type Outcome = {
  /** candidate indexes elected, by votes descending */
  elected: number[];
  /** tied at the last seat: a run-off among these for `runoffSeats` seats */
  tied: number[];
  runoffSeats: number;
  /** seats neither filled nor in a run-off (too few over half): another round or fewer seats */
  shortfall: number;
  /** the count votes must exceed half of */
  basis: number;
};

/** 得票超过应到会有选举权人数的半数始得当选；末位票数相等 → 再次投票；不足 → 另行选举或减少名额. */
export function outcome(
  votes: number[],
  seats: number,
  counts: { entitled: number; present: number },
  rs: ElectionRuleset = ELECTION_RULESETS[CURRENT_RULESET],
): Outcome {
  const basis = rs.majorityBasis === 'entitled' ? counts.entitled : counts.present;
  const over = votes.map((v, i) => ({ v, i })).filter((x) => x.v * 2 > basis);
  over.sort((x, y) => y.v - x.v || x.i - y.i);
  if (over.length <= seats) return { elected: over.map((x) => x.i), tied: [], runoffSeats: 0, shortfall: seats - over.length, basis };
  const last = over[seats - 1].v;
  const sure = over.filter((x) => x.v > last).map((x) => x.i);
  const atLast = over.filter((x) => x.v === last).map((x) => x.i);
  const left = seats - sure.length;
  if (atLast.length === left) return { elected: [...sure, ...atLast], tied: [], runoffSeats: 0, shortfall: 0, basis };
  return { elected: sure, tied: atLast, runoffSeats: left, shortfall: 0, basis };
}

/**
 * 候选人按姓氏笔画为序: compare character by character — the stroke count first, then, at equal counts, the
 * strokes in writing order by the five classes 横、竖、撇、点、折 (the GB 13000.1 stroke-order rule) — then by
 * the code point as the last, stable resort. `strokes(ch)` gives [count, class of stroke 1, 2, …]; the server
 * takes it from a maintained data package (cnchar + cnchar-order).
 */
export function strokeOrder<T extends { name: string }>(list: T[], strokes: (ch: string) => number[]): T[] {
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };
  return [...list].sort((a, b) => {
    const ca = [...a.name];
    const cb = [...b.name];
    for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
      const d = cmp(strokes(ca[i]), strokes(cb[i]));
      if (d) return d;
    }
    return ca.length - cb.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
}
