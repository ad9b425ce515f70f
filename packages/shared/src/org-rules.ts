/**
 * Organization ruleset: formation thresholds and leadership terms, as versioned data with sources
 * (RULES.md §Organization). Local committees may differ: a new version with its effective date is
 * added here, not a literal changed in code.
 */
export const ORG_RULESETS = [
  {
    version: '2018.1',
    effectiveFrom: '2018-10-28',
    source: '《中国共产党支部工作条例（试行）》第四、五、七条；中办《关于党的基层组织任期的意见》（2018）',
    /** A unit with at least this many full members should have a branch of its own. */
    branchMinFullMembers: 3,
    branchMaxMembers: 50,
    jointBranchMaxUnits: 5,
    committeeRequiredAtFullMembers: 7,
    committeeSize: { min: 3, max: 7 },
    /** More members than this may form a general branch (党总支); more than the next, a committee. */
    generalBranchAbove: 50,
    primaryCommitteeAbove: 100,
    termYears: { committee: 5, general_branch: 3, branch: 3, joint_branch: 3, temp_branch: 3 } as Record<string, number>,
    /** To-dos this many months before a term ends. */
    termReminderMonths: [6, 1],
  },
] as const;

export type OrgRuleset = (typeof ORG_RULESETS)[number];

/** The ruleset in force on a date (YYYY-MM-DD). */
export function orgRulesetOn(date: string): OrgRuleset {
  const inForce = ORG_RULESETS.filter((r) => r.effectiveFrom <= date);
  return inForce[inForce.length - 1] ?? ORG_RULESETS[0];
}

export const LEADERSHIP_POSTS = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organization: '组织委员',
  propaganda: '宣传委员',
  discipline: '纪检委员',
  youth: '青年委员',
  women: '妇女委员',
  member: '委员',
} as const;
export type LeadershipPost = keyof typeof LEADERSHIP_POSTS;

export const MEMBER_LABELS = ['困难', '流动', '失联', '退休', '党务工作者', '先锋岗'] as const;
export const SEXES = ['男', '女'] as const;
export const EDUCATIONS = ['研究生', '大学本科', '大专', '中专', '技校', '高中', '初中及以下'] as const;

/** The formation rules the rule check reports (codes are stable; messages are Chinese). */
export type FormationCode =
  | 'UNIT_NEEDS_OWN_BRANCH'
  | 'BRANCH_TOO_LARGE'
  | 'BRANCH_COMMITTEE_REQUIRED'
  | 'COMMITTEE_SIZE'
  | 'MAY_FORM_GENERAL_BRANCH'
  | 'MAY_FORM_COMMITTEE'
  | 'JOINT_BRANCH_TOO_MANY_UNITS';

export interface FormationWarning {
  orgId: number;
  orgName: string;
  /** The unit concerned, for unit rules. */
  unitId: number | null;
  code: FormationCode;
  message: string;
  numbers: Record<string, number>;
  source: string;
}
