import {
  approvalState,
  checkContacts,
  checkSponsors,
  type RecruitmentRuleset,
  type RuleProblem,
  talkDueOn,
  targetOpensOn,
  trainingEnough,
} from '@vanguard/shared';
import type { StepCompleteInput } from '@vanguard/shared/api/recruitment';
import { inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { members, type recruitmentCases } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { type CaseRow, one, stepRecord } from './recruitment.common.js';
import { cultivationMessage, targetMessage } from './recruitment.rules.js';
import { branchMeetingVote } from './recruitment-votes.service.js';

/** What a step's rule is given: the locked case, the input, its ruleset and the parsed form. */
export interface StepCall {
  tx: Tx;
  ctx: ActorCtx;
  c: CaseRow;
  stepNo: number;
  input: StepCompleteInput;
  rs: RecruitmentRuleset;
  form: Record<string, unknown>;
}

export type StepPerson = { memberId: number; name: string; role: string };
export type CasePatch = Partial<typeof recruitmentCases.$inferInsert>;

/** What a step's rule adds to the step record and the case; `vote` when a branch meeting voted. */
export interface StepOutcome {
  late?: boolean;
  people?: StepPerson[];
  /** Replaces the parsed form (the vote's decision and tally are added to it). */
  form?: Record<string, unknown>;
  patch?: CasePatch;
  vote?: { id: number; passed: boolean };
}

/** The step's own rule for the steps that have one (the others only check order and dates). */
export type StepRule = (s: StepCall) => Promise<StepOutcome> | StepOutcome;

/** Past its deadline a step is recorded as late, and only with a reason. */
function lateUnless(overdue: boolean, reason: string | null | undefined, message: string): StepOutcome {
  if (!overdue) return {};
  if (!reason) throw one('lateReason', message);
  return { late: true };
}

/** Step 2: the talk (谈话) within the ruleset's months of the application; later only with a reason. */
const talk: StepRule = ({ c, input, rs }) => {
  const due = talkDueOn(c.appliedOn, rs);
  return lateUnless(
    input.doneOn > due,
    input.lateReason,
    `谈话应在收到申请书后 ${rs.talkWithinMonths} 个月内（${due} 前）进行，逾期谈话请填写逾期原因`,
  );
};

/** Members chosen for a role: in the case's branch; facts for the rule check. */
async function peopleOf(tx: DbOrTx, c: CaseRow, ids: number[]) {
  const rows = ids.length ? await tx.select().from(members).where(inArray(members.id, ids)) : [];
  const problems: RuleProblem[] = [];
  if (new Set(ids).size !== ids.length) problems.push({ path: 'people', message: '人员重复' });
  const people = ids.map((id, i) => {
    const m = rows.find((r) => r.id === id);
    if (!m?.orgPath.startsWith(c.orgPath)) problems.push({ path: `people.${i}`, message: '所选党员不在本支部' });
    return { id, name: m?.name ?? '', category: m?.category ?? '', status: m?.status ?? '' };
  });
  return { people, problems };
}

/** Steps 5 and 9: two contacts (培养联系人) or two sponsors (入党介绍人), members of the branch. */
const chosenPeople: StepRule = async ({ tx, c, stepNo, input, rs }) => {
  const { people: ps, problems: pp } = await peopleOf(tx, c, input.people);
  const rule = stepNo === 5 ? checkContacts(ps, rs) : checkSponsors(ps, rs);
  const all = [...pp, ...rule];
  if (all.length) throw invalid(all);
  return { people: ps.map((p) => ({ memberId: p.id, name: p.name, role: stepNo === 5 ? '培养联系人' : '入党介绍人' })) };
};

/**
 * Steps 6 and 7: a year of cultivation as activist (经过一年以上培养教育和考察, 细则第十七条). Step 6
 * concludes that year, so it cannot be dated before the year is up (until then it is in progress,
 * with the half-yearly reviews recorded as checks); step 7 names the development target after it.
 */
const afterAYear: StepRule = ({ c, stepNo, input, rs }) => {
  const since = c.activistOn ?? c.appliedOn;
  const opens = targetOpensOn(since, rs);
  if (input.doneOn < opens) throw one('doneOn', stepNo === 6 ? cultivationMessage(since, opens) : targetMessage(since, opens));
  return {};
};

/** Step 10: political review failed, the case stops here (未经政审或政审不合格的，不能发展入党). */
const politicalReview: StepRule = ({ input, form }) =>
  (form as { conclusion: string }).conclusion === 'fail'
    ? { patch: { status: 'stopped', endedOn: input.doneOn, endReason: '政治审查不合格，不能发展入党' } }
    : {};

/** Step 11: the short training (集中培训) long enough. */
const training: StepRule = ({ rs, form }) => {
  const f = form as { days: number; hours: number };
  if (!trainingEnough(f.days, f.hours, rs))
    throw one(
      'form.days',
      `集中培训不少于 ${rs.training.minDays} 天或不少于 ${rs.training.minHours} 个学时（现为 ${f.days} 天、${f.hours} 学时）`,
    );
  return {};
};

/** Step 13: the pre-review (预审) refuses someone about to leave the workplace. */
const notLeavingSoon: StepRule = ({ rs, form }) => {
  if ((form as { leavingSoon: boolean }).leavingSoon)
    throw one('form.leavingSoon', `发展对象未来 ${rs.leavingWithinMonths} 个月内将离开工作单位的，一般不办理接收`);
  return {};
};

/** Steps 17 and 24: the committee approves within its months of the branch meeting, or the procedure restarts. */
const committeeApproval: StepRule = async ({ tx, c, stepNo, input, rs }) => {
  const meeting = await stepRecord(tx, c, stepNo === 17 ? 15 : 23);
  const state = approvalState(meeting.doneOn, input.doneOn, rs);
  if (state === 'expired')
    throw one('doneOn', `支部大会决议（${meeting.doneOn}）后超过 ${rs.approval.maxMonths} 个月未审批，须重新履行程序`);
  return lateUnless(state === 'overdue', input.lateReason, `应在支部大会决议后 ${rs.approval.dueMonths} 个月内审批，逾期审批请填写原因`);
};

/** Step 25: filing (材料归档) completes the case of a full member. */
const filing: StepRule = ({ c, input }) => ({ patch: { status: c.fullOn ? 'completed' : c.status, endedOn: input.doneOn } });

/** The rule of each step that has one, by step number. */
export const STEP_RULES: Partial<Record<number, StepRule>> = {
  2: talk,
  3: ({ input }) => ({ patch: { activistOn: input.doneOn } }), // 确定为入党积极分子: the cultivation year starts
  5: chosenPeople,
  6: afterAYear,
  7: afterAYear,
  8: ({ input }) => ({ patch: { targetOn: input.doneOn } }), // 发展对象 on the committee's filing
  9: chosenPeople,
  10: politicalReview,
  11: training,
  13: notLeavingSoon,
  15: branchMeetingVote,
  17: committeeApproval,
  23: branchMeetingVote,
  24: committeeApproval,
  25: filing,
};
