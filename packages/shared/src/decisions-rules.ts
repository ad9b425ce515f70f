/**
 * 三重一大 decision rules (RULES.md spirit: versioned data with sources; pure functions below are
 * used by the server and the pages). A committee (党委 / 党总支) records each matter with its kind and
 * takes it through an ordered procedure; the meeting's quorum and the passing majority are data.
 */

export const DECISION_KINDS = {
  major_decision: '重大决策',
  personnel: '重要人事任免',
  project: '重大项目安排',
  funds: '大额度资金运作',
} as const;
export type DecisionKind = keyof typeof DECISION_KINDS;
export const DECISION_KIND_CODES = Object.keys(DECISION_KINDS) as DecisionKind[];

/** The procedure, in order (关于进一步推进国有企业贯彻落实"三重一大"决策制度的意见, 2010). */
export const DECISION_STEPS = {
  research: '调查研究/论证',
  consult: '征求意见',
  legal_review: '合法性审查',
  pre_communication: '会前沟通',
  discussion: '集体讨论',
  vote: '表决',
  decision: '决定',
  execution: '执行',
  publication: '公开',
  feedback: '执行情况反馈',
} as const;
export type DecisionStep = keyof typeof DECISION_STEPS;
export const DECISION_STEP_CODES = Object.keys(DECISION_STEPS) as DecisionStep[];

export const OPINIONS = { agree: '同意', disagree: '不同意', defer: '缓议' } as const;
export type Opinion = keyof typeof OPINIONS;
export const OPINION_CODES = Object.keys(OPINIONS) as Opinion[];

/** Meeting types a 集体讨论 may be held at (the life module's 支委会 is a committee's 党委会 when the host is a 党委). */
export const DISCUSSION_MEETING_TYPES = ['committee'] as const;

export const DECISION_RULESETS = [
  {
    version: '2010-07',
    effectiveFrom: '2010-07-15',
    sources: [
      '中共中央办公厅 国务院办公厅《关于进一步推进国有企业贯彻落实“三重一大”决策制度的意见》（2010）',
      '《党委（党组）讨论决定干部任免事项守则》（2019）第十一条：到会成员须超过应到会成员的三分之二',
      '《中国共产党章程》第十条、《中国共产党支部工作条例（试行）》：会议须有半数以上成员到会，赞成人数超过应到会成员半数为通过',
    ],
    /** Steps that every kind must take; legal review only where `legalReviewFor` lists the kind. */
    legalReviewFor: ['major_decision'] as DecisionKind[],
    /** Present committee members must exceed this share of all members (strictly more than a half; personnel: at least two thirds). */
    quorum: { default: { num: 1, den: 2, strict: true }, personnel: { num: 2, den: 3, strict: false } } as Record<
      'default' | 'personnel',
      { num: number; den: number; strict: boolean }
    >,
    /** Passing: agree strictly more than this share of ALL committee members (not of those present). */
    pass: { num: 1, den: 2 },
    /** 大额度资金 default threshold in yuan; the group setting `decisions.largeAmountYuan` overrides it. */
    largeAmountYuan: 500_000,
  },
] as const;
export type DecisionRuleset = (typeof DECISION_RULESETS)[number];

export function decisionRulesetOn(day: string): DecisionRuleset {
  const inForce = DECISION_RULESETS.filter((r) => r.effectiveFrom <= day);
  return inForce[inForce.length - 1] ?? DECISION_RULESETS[0];
}

/** The steps a matter of `kind` must take, in order. */
export function requiredSteps(kind: DecisionKind, rules: DecisionRuleset = DECISION_RULESETS[0]): DecisionStep[] {
  return DECISION_STEP_CODES.filter((s) => s !== 'legal_review' || (rules.legalReviewFor as readonly string[]).includes(kind));
}

/**
 * The first required step before `step` that is not done (the one to name when `step` is refused),
 * or null when `step` may be recorded now. A step already done cannot be recorded twice (`done`).
 */
export function missingBefore(
  kind: DecisionKind,
  done: readonly DecisionStep[],
  step: DecisionStep,
  rules: DecisionRuleset = DECISION_RULESETS[0],
) {
  const order = DECISION_STEP_CODES;
  const required = requiredSteps(kind, rules);
  for (const s of order) {
    if (s === step) return null;
    if (required.includes(s) && !done.includes(s)) return s;
  }
  return null;
}

/** Whether `present` of `members` committee members make a quorum for a matter of `kind`. */
export function quorumMet(kind: DecisionKind, members: number, present: number, rules: DecisionRuleset = DECISION_RULESETS[0]): boolean {
  if (members <= 0 || present > members) return false;
  const q = kind === 'personnel' ? rules.quorum.personnel : rules.quorum.default;
  return q.strict ? present * q.den > members * q.num : present * q.den >= members * q.num;
}

/** The least number present that makes a quorum (for the page's hint). */
export function quorumNeeded(kind: DecisionKind, members: number, rules: DecisionRuleset = DECISION_RULESETS[0]): number {
  for (let n = 0; n <= members; n++) if (quorumMet(kind, members, n, rules)) return n;
  return members + 1;
}

/** Passed: those in favour are more than half of ALL committee members. */
export function decisionPasses(members: number, agree: number, rules: DecisionRuleset = DECISION_RULESETS[0]): boolean {
  return members > 0 && agree * rules.pass.den > members * rules.pass.num;
}

/** 末位表态: the secretary, when present, states their opinion last. */
export function secretaryLast(order: readonly number[], secretaryMemberId: number | null): boolean {
  if (secretaryMemberId === null || !order.includes(secretaryMemberId)) return true;
  return order[order.length - 1] === secretaryMemberId;
}
