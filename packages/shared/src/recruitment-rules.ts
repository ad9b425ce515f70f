import { addDays, addMonths } from './dates.js';
import { ageOn } from './member-rules.js';

/**
 * Recruitment (发展党员) ruleset: the 5 stages and 25 steps and their time rules, as versioned data
 * with sources (RULES.md §Recruitment; reference §1.2). A local committee that differs adds a new
 * version with its effective date here; no number below is repeated in code.
 */
export const RECRUITMENT_RULESETS = [
  {
    version: '2014.1',
    effectiveFrom: '2014-06-11',
    source: '《中国共产党发展党员工作细则》（中办发〔2014〕23号）第五、十、十一、十三、十四、十六、十七、十九至二十三、二十六至三十三条',
    /** 年满十八岁 (第五条): to apply and on the day of the admitting branch meeting. */
    minAge: 18,
    /** 党组织应当在收到入党申请书后一个月内派人同入党申请人谈话 (第十条). */
    talkWithinMonths: 1,
    /** 培养联系人: 1–2 名正式党员 (第十四条). */
    contacts: { min: 1, max: 2 },
    /** 党支部每半年对入党积极分子进行一次考察 (第十六条). */
    reviewEveryMonths: 6,
    /** 思想汇报, commonly quarterly (local practice). */
    thoughtReportEveryMonths: 3,
    /** A periodic item is "due" this many days before its date; after the date it is late. */
    dueSoonDays: 15,
    /** 经过一年以上培养教育和考察 (第十七条). */
    activistMinMonths: 12,
    /** 入党介绍人: 2 名正式党员 (第二十条). */
    sponsors: 2,
    /** 集中培训: 不少于3天或不少于24个学时 (第十九条). */
    training: { minDays: 3, minHours: 24 },
    /** 发展对象未来3个月内将离开工作、学习单位的，一般不办理接收 (第二十二条). */
    leavingWithinMonths: 3,
    /** 上级党委审批 within 3 months of the branch resolution; warning at 2; 6 at most (第二十七、三十三条). */
    approval: { warnMonths: 2, dueMonths: 3, maxMonths: 6 },
    /** 预备期一年，从支部大会通过之日算起 (第三十条). */
    probationMonths: 12,
    /** 延长预备期只能一次，不能少于半年，最长不超过一年 (第三十一条). */
    extension: { minMonths: 6, maxMonths: 12, times: 1 },
  },
] as const;

export type RecruitmentRuleset = (typeof RECRUITMENT_RULESETS)[number];

/** The ruleset in force on a date (YYYY-MM-DD). */
export function recruitmentRulesetOn(date: string): RecruitmentRuleset {
  const inForce = RECRUITMENT_RULESETS.filter((r) => r.effectiveFrom <= date);
  return inForce[inForce.length - 1] ?? RECRUITMENT_RULESETS[0];
}

/** The five stages of 细则 (一 申请入党 … 五 预备党员的教育考察和转正), in short. */
export const RECRUITMENT_STAGES = {
  1: '申请入党',
  2: '入党积极分子',
  3: '发展对象',
  4: '接收预备党员',
  5: '预备党员考察和转正',
} as const;
export type RecruitmentStage = keyof typeof RECRUITMENT_STAGES;

/** Who confirms a step: the branch (members:write) or the committee above (recruitment:approve). */
export type StepActor = 'branch' | 'committee';

/** The system-filled printable forms. */
export const RECRUITMENT_FORMS = {
  talk: '谈话记录',
  activist: '入党积极分子登记表',
  review: '培养考察意见',
  political: '政治审查结论',
  training: '培训结业证明',
  prereview: '党委预审意见',
  volunteer: '入党志愿书摘要',
  resolution: '支部大会决议',
  approval: '党委审批意见',
  archive: '归档清单',
} as const;
export type RecruitmentForm = keyof typeof RECRUITMENT_FORMS;

export interface StepDef {
  no: number;
  stage: RecruitmentStage;
  name: string;
  actor: StepActor;
  /** Documents this step usually has (uploads). */
  documents: readonly string[];
  form?: RecruitmentForm;
}

export const RECRUITMENT_STEPS: readonly StepDef[] = [
  { no: 1, stage: 1, name: '递交入党申请书', actor: 'branch', documents: ['入党申请书', '身份证复印件'] },
  { no: 2, stage: 1, name: '党组织派人谈话', actor: 'branch', documents: [], form: 'talk' },
  { no: 3, stage: 2, name: '推荐和确定入党积极分子', actor: 'branch', documents: ['推荐票及统计', '支委会会议记录'], form: 'activist' },
  { no: 4, stage: 2, name: '上级党委备案', actor: 'committee', documents: ['备案报告及批复'] },
  { no: 5, stage: 2, name: '指定培养联系人', actor: 'branch', documents: [] },
  { no: 6, stage: 2, name: '培养教育考察', actor: 'branch', documents: ['思想汇报', '自传'], form: 'review' },
  { no: 7, stage: 3, name: '确定发展对象', actor: 'branch', documents: ['听取意见记录', '支委会会议记录'] },
  { no: 8, stage: 3, name: '报上级党委备案', actor: 'committee', documents: ['备案报告及批复'] },
  { no: 9, stage: 3, name: '确定入党介绍人', actor: 'branch', documents: [] },
  { no: 10, stage: 3, name: '进行政治审查', actor: 'branch', documents: ['政审函调材料'], form: 'political' },
  { no: 11, stage: 3, name: '开展集中培训', actor: 'branch', documents: ['培训结业证书'], form: 'training' },
  { no: 12, stage: 4, name: '支部委员会审查', actor: 'branch', documents: ['支委会审查记录', '公示材料'] },
  { no: 13, stage: 4, name: '上级党委预审', actor: 'committee', documents: [], form: 'prereview' },
  { no: 14, stage: 4, name: '填写入党志愿书', actor: 'branch', documents: ['入党志愿书'], form: 'volunteer' },
  { no: 15, stage: 4, name: '支部大会讨论', actor: 'branch', documents: ['支部大会记录', '表决票'], form: 'resolution' },
  { no: 16, stage: 4, name: '上级党委派人谈话', actor: 'committee', documents: [], form: 'talk' },
  { no: 17, stage: 4, name: '上级党委审批', actor: 'committee', documents: ['党委会议记录'], form: 'approval' },
  { no: 18, stage: 4, name: '再上一级党委组织部门备案', actor: 'committee', documents: ['备案材料'] },
  { no: 19, stage: 5, name: '编入党支部和党小组', actor: 'branch', documents: [] },
  { no: 20, stage: 5, name: '入党宣誓', actor: 'branch', documents: ['宣誓照片'] },
  { no: 21, stage: 5, name: '继续教育考察', actor: 'branch', documents: ['思想汇报'], form: 'review' },
  { no: 22, stage: 5, name: '提出转正申请', actor: 'branch', documents: ['转正申请书'] },
  { no: 23, stage: 5, name: '支部大会讨论', actor: 'branch', documents: ['支部大会记录', '表决票'], form: 'resolution' },
  { no: 24, stage: 5, name: '上级党委审批', actor: 'committee', documents: ['党委会议记录'], form: 'approval' },
  { no: 25, stage: 5, name: '材料归档', actor: 'branch', documents: ['归档清单'], form: 'archive' },
];

export const stepDef = (no: number): StepDef | undefined => RECRUITMENT_STEPS.find((s) => s.no === no);

/**
 * The stage a person has reached: the stage of the last step actually done (before any, 申请入党).
 * Never the stage of a step still to come: after 培养教育考察 (step 6) the person is still an
 * 入党积极分子 until 确定发展对象 (step 7) is done (issue 24).
 */
export function stageReached(lastStep: number): RecruitmentStage {
  return lastStep < 1 ? 1 : (stepDef(Math.min(lastStep, 25))?.stage ?? 5);
}

/** The last-step numbers of a stage reached, first and last (stage 1 includes 0: nothing done yet). */
export function stageStepRange(stage: RecruitmentStage): [number, number] {
  const nos = RECRUITMENT_STEPS.filter((s) => s.stage === stage).map((s) => s.no);
  return [stage === 1 ? 0 : Math.min(...nos), Math.max(...nos)];
}

/**
 * What an irreversible step means, shown in its confirmation: the rule (with its article) and what
 * happens when it is recorded. Steps without an entry only go into the record.
 */
export const STEP_CONSEQUENCES: Partial<Record<number, { rule: string; effect: string }>> = {
  3: {
    rule: '由支部委员会研究决定确定为入党积极分子，并报上级党委备案（发展党员工作细则）',
    effect: '确定后即为入党积极分子，培养教育考察期自本日起算，不少于 1 年',
  },
  6: {
    rule: '入党积极分子须经过一年以上培养教育和考察，期间党支部每半年考察一次（细则第十六、十七条）',
    effect: '记为培养教育考察结束，此后方可讨论确定为发展对象',
  },
  7: {
    rule: '经过一年以上培养教育和考察、基本具备党员条件的入党积极分子，经支部委员会讨论同意，并报上级党委备案后，可列为发展对象（细则第十七条）',
    effect: '确定后即为发展对象（报上级党委备案），开始确定入党介绍人、政治审查和集中培训',
  },
  10: { rule: '未经政治审查或政治审查不合格的，不能发展入党（发展党员工作细则）', effect: '结论为不合格时，发展程序终止' },
  15: {
    rule: '到会有表决权的正式党员超过应到会人数的半数，赞成人数超过应到会有表决权正式党员的半数，方为通过（细则第二十一条）',
    effect: '通过后报上级党委审批；预备期自支部大会通过之日起算',
  },
  17: {
    rule: '上级党委应在支部大会决议后 3 个月内审批（细则第二十七条）',
    effect: '批准后建立党员档案，身份为预备党员，预备期一年',
  },
  23: {
    rule: '预备期满，支部大会讨论转正，表决规则同接收预备党员（细则第三十三条）',
    effect: '通过后报上级党委审批转正、延长预备期或取消预备党员资格',
  },
  24: {
    rule: '上级党委应在 3 个月内审批预备党员转正（细则第三十三条）',
    effect: '档案中的党员类别随之改为正式党员（或延长预备期、取消预备党员资格），党龄自转正之日起算',
  },
  25: { rule: '入党材料归入本人人事档案（细则第三十七条）', effect: '发展程序完成，不能再办理' },
};

/** Steps 22–24 are done again, in a new round, after a probation is extended. */
export const CONVERSION_STEPS = [22, 23, 24] as const;

/**
 * The five kinds of absentees who may, with approval, be left out of 应到会有表决权人数
 * (中组部关于党员大会表决的解释; reference §1.8).
 */
export const EXCLUDED_ABSENCE_REASONS = {
  incapacity: '患有精神疾病或其他疾病导致不能表达本人意志',
  abroad: '自费出国半年以上',
  serving_sentence: '虽未受到留党察看以上党纪处分，但正在服刑',
  bedridden: '年老体弱卧床不起或长期生病生活不能自理',
  moved_away: '工作调动、下派锻炼、外出学习或工作半年以上，应转走而未转走组织关系',
} as const;
export type ExcludedAbsenceReason = keyof typeof EXCLUDED_ABSENCE_REASONS;

/* ---------- pure rule functions ---------- */

export interface RuleProblem {
  /** Field path of the request the problem is about. */
  path: string;
  message: string;
}

/** 年满十八岁 on `on`. */
export function checkAge(birthDate: string, on: string, rs: RecruitmentRuleset, what: string): RuleProblem | null {
  return ageOn(birthDate, on) < rs.minAge ? { path: 'doneOn', message: `${what}时须年满${rs.minAge}岁（${on} 时未满）` } : null;
}

/** The talk is due 1 month after the application; a later talk is recorded with its reason. */
export function talkDueOn(appliedOn: string, rs: RecruitmentRuleset): string {
  return addMonths(appliedOn, rs.talkWithinMonths);
}

/**
 * The first day the cultivation (培养教育考察, step 6) may be concluded and a development target
 * named (step 7): 1 year after becoming an activist (经过一年以上培养教育和考察, 细则第十七条).
 */
export function targetOpensOn(activistOn: string, rs: RecruitmentRuleset): string {
  return addMonths(activistOn, rs.activistMinMonths);
}

/** 1–2 cultivation contacts, 2 sponsors: all full members in normal standing. */
export interface PersonFacts {
  name: string;
  category: string;
  status: string;
}

export function checkContacts(people: PersonFacts[], rs: RecruitmentRuleset): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (people.length < rs.contacts.min || people.length > rs.contacts.max)
    out.push({ path: 'people', message: `培养联系人应为 ${rs.contacts.min}–${rs.contacts.max} 名正式党员（现为 ${people.length} 名）` });
  people.forEach((p, i) => {
    const bad = personProblem(p, '培养联系人');
    if (bad) out.push({ path: `people.${i}`, message: bad });
  });
  return out;
}

export function checkSponsors(people: PersonFacts[], rs: RecruitmentRuleset): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (people.length !== rs.sponsors)
    out.push({ path: 'people', message: `入党介绍人应为 ${rs.sponsors} 名正式党员（现为 ${people.length} 名）` });
  people.forEach((p, i) => {
    const bad = personProblem(p, '入党介绍人');
    if (bad) out.push({ path: `people.${i}`, message: bad });
  });
  return out;
}

function personProblem(p: PersonFacts, role: string): string | null {
  if (p.category !== 'full') return `${p.name}是预备党员，${role}须为正式党员`;
  if (p.status !== 'normal') return `${p.name}党籍状态不正常，不能担任${role}`;
  return null;
}

/** 集中培训 ≥ 3 days or ≥ 24 class hours. */
export function trainingEnough(days: number, hours: number, rs: RecruitmentRuleset): boolean {
  return days >= rs.training.minDays || hours >= rs.training.minHours;
}

export type DeadlineState = 'ok' | 'warning' | 'overdue' | 'expired';

/**
 * Approval by the committee above, counted from the branch resolution: ok before 2 months,
 * warning from 2, overdue from 3 (the day the 3 months are up counts as in time), expired after
 * 6 (must be redone). `on` is the approval date, or today for a pending one.
 */
export function approvalState(resolutionOn: string, on: string, rs: RecruitmentRuleset): DeadlineState {
  if (on > addMonths(resolutionOn, rs.approval.maxMonths)) return 'expired';
  if (on > addMonths(resolutionOn, rs.approval.dueMonths)) return 'overdue';
  if (on >= addMonths(resolutionOn, rs.approval.warnMonths)) return 'warning';
  return 'ok';
}

/** Probation ends 1 year after the admitting meeting, or at the end of its one extension. */
export function probationEndsOn(admittedOn: string, extensionMonths: number | null, rs: RecruitmentRuleset): string {
  return addMonths(admittedOn, rs.probationMonths + (extensionMonths ?? 0));
}

export function checkExtension(months: number, extensionsSoFar: number, rs: RecruitmentRuleset): RuleProblem | null {
  if (extensionsSoFar >= rs.extension.times) return { path: 'outcome', message: '预备期只能延长一次' };
  if (!Number.isInteger(months) || months < rs.extension.minMonths || months > rs.extension.maxMonths)
    return { path: 'extensionMonths', message: `延长预备期不能少于${rs.extension.minMonths}个月，最长不超过${rs.extension.maxMonths}个月` };
  return null;
}

export type PeriodicState = 'ok' | 'due' | 'late';

/**
 * A periodic item (branch review every 6 months, thought report every 3) counted from `since`
 * (the last one, or the start of the period): due from `dueSoonDays` before the date, late after it.
 */
export function periodicState(
  since: string,
  everyMonths: number,
  today: string,
  rs: RecruitmentRuleset,
): { dueOn: string; state: PeriodicState } {
  const dueOn = addMonths(since, everyMonths);
  const state: PeriodicState = today > dueOn ? 'late' : today >= addDays(dueOn, -rs.dueSoonDays) ? 'due' : 'ok';
  return { dueOn, state };
}

/* ---------- votes at the branch general meeting ---------- */

export type Ballot = 'for' | 'against' | 'abstain';

export interface VoteAbsentee {
  memberId: number;
  /** One of the five reasons that, with approval, leave the member out of the entitled count. */
  excludedReason?: ExcludedAbsenceReason | null;
  /** Who approved the exclusion (required with a reason). */
  approvedBy?: string | null;
  /** A written opinion handed in before the meeting (counts for approval; not for the quorum). */
  writtenOpinion?: Ballot | null;
}

export interface VoteInput {
  /** Full members of the branch in normal standing (from the archive). */
  fullMemberIds: number[];
  absentees: VoteAbsentee[];
  /** Ballots of those present. */
  forCount: number;
  againstCount: number;
  abstainCount: number;
  /** What the secretary says the meeting decided. */
  result: 'pass' | 'fail';
}

export interface VoteTally {
  fullMembers: number;
  excluded: number;
  /** 应到会有表决权人数 */
  entitled: number;
  /** 实到会有表决权人数 */
  present: number;
  absentOpinionsFor: number;
  /** 赞成 (present + written opinions) */
  totalFor: number;
  quorum: boolean;
  majority: boolean;
  passed: boolean;
}

/**
 * The arithmetic of 第二十一条: present voting members > half of those entitled (quorum);
 * 赞成 (with absentees' written opinions) > half of the entitled full members (majority). Returns
 * the tally and the problems; a claimed pass the numbers do not support is a problem.
 */
export function tallyVote(v: VoteInput): { tally: VoteTally; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const full = new Set(v.fullMemberIds);
  const seen = new Set<number>();
  let excluded = 0;
  let absentOpinionsFor = 0;
  v.absentees.forEach((a, i) => {
    if (!full.has(a.memberId)) problems.push({ path: `absentees.${i}.memberId`, message: '缺席人员不是本支部有表决权的正式党员' });
    if (seen.has(a.memberId)) problems.push({ path: `absentees.${i}.memberId`, message: '缺席人员重复' });
    seen.add(a.memberId);
    if (a.excludedReason) {
      if (!(a.excludedReason in EXCLUDED_ABSENCE_REASONS))
        problems.push({ path: `absentees.${i}.excludedReason`, message: '不计入应到会人数的原因只能是规定的五种情形之一' });
      else if (!a.approvedBy?.trim())
        problems.push({ path: `absentees.${i}.approvedBy`, message: '不计入应到会人数须经批准，请填写批准人或批准机关' });
      else {
        excluded++;
        if (a.writtenOpinion) problems.push({ path: `absentees.${i}.writtenOpinion`, message: '不计入应到会人数的党员，其书面意见不计票' });
      }
    } else if (a.writtenOpinion === 'for') absentOpinionsFor++;
  });
  const entitled = full.size - excluded;
  const present = full.size - v.absentees.length;
  const counts = [v.forCount, v.againstCount, v.abstainCount];
  if (counts.some((n) => !Number.isInteger(n) || n < 0)) problems.push({ path: 'forCount', message: '票数应为非负整数' });
  else if (v.forCount + v.againstCount + v.abstainCount !== present)
    problems.push({
      path: 'forCount',
      message: `赞成 ${v.forCount}、反对 ${v.againstCount}、弃权 ${v.abstainCount} 合计 ${v.forCount + v.againstCount + v.abstainCount} 票，与实到会有表决权人数 ${present} 不符`,
    });
  const quorum = present * 2 > entitled;
  const totalFor = v.forCount + absentOpinionsFor;
  const majority = totalFor * 2 > entitled;
  const tally: VoteTally = {
    fullMembers: full.size,
    excluded,
    entitled,
    present,
    absentOpinionsFor,
    totalFor,
    quorum,
    majority,
    passed: quorum && majority,
  };
  if (problems.length === 0 && v.result === 'pass') {
    if (!quorum)
      problems.push({
        path: 'absentees',
        message: `实到会有表决权的正式党员 ${present} 人，未超过应到会人数 ${entitled} 人的半数，不能进行表决`,
      });
    else if (!majority)
      problems.push({
        path: 'forCount',
        message: `赞成票 ${totalFor}（含书面意见 ${absentOpinionsFor}）未超过应到会有表决权正式党员 ${entitled} 人的半数，不能记为通过`,
      });
  }
  if (problems.length === 0 && v.result === 'fail' && quorum && majority)
    problems.push({ path: 'result', message: `赞成票 ${totalFor} 已超过应到会人数 ${entitled} 人的半数，表决结果应为通过` });
  if (problems.length === 0 && v.result === 'fail' && !quorum)
    problems.push({
      path: 'absentees',
      message: `实到会有表决权的正式党员 ${present} 人，未超过应到会人数 ${entitled} 人的半数，会议不能表决`,
    });
  return { tally, problems };
}
