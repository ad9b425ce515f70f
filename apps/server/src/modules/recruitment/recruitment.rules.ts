import {
  addMonths,
  approvalState,
  periodicState,
  type RecruitmentRuleset,
  type RecruitmentStage,
  stageReached,
  stepDef,
  talkDueOn,
  targetOpensOn,
} from '@vanguard/shared';

/** What the step engine needs to know about a case. */
export interface CaseFacts {
  status: string;
  lastStep: number;
  appliedOn: string;
  activistOn: string | null;
  admittedOn: string | null;
  probationEndsOn: string | null;
  /** Date of the last step done (steps are dated in order). */
  lastDoneOn: string;
  /** Date of the branch meeting awaiting approval (step 15 or 23 of the round), if any. */
  resolutionOn: string | null;
}

type NextState = 'ok' | 'blocked' | 'warning' | 'overdue';

export interface NextStep {
  no: number;
  name: string;
  actor: string;
  /** The first day the step may be done (blocked before). */
  opensOn: string | null;
  /** The day it should be done by. */
  dueOn: string | null;
  state: NextState;
  message: string | null;
}

/** The stage shown for a case (board, case, statistics, phone): the one its done steps reached. */
export function stageOf(c: { status: string; lastStep: number }): RecruitmentStage {
  return c.status === 'completed' ? 5 : stageReached(c.lastStep);
}

/** Step 6 before the year is up: in progress, concluded from the day the year is up. */
export const cultivationMessage = (activistOn: string, opensOn: string) =>
  `培养教育考察进行中：自确定为入党积极分子（${activistOn}）起不少于 1 年，期间每半年考察一次，${opensOn} 起可办理`;
export const targetMessage = (activistOn: string, opensOn: string) =>
  `确定为入党积极分子（${activistOn}）满 1 年后方可确定为发展对象，${opensOn} 起可办理`;

/**
 * The next step of a case on `today`, with when it opens and when it is due. The earliest date a
 * step may carry is the date of the step before it; some steps also open later (development target
 * one year after activist; the conversion meeting at the end of probation).
 */
export function nextStep(c: CaseFacts, today: string, rs: RecruitmentRuleset): NextStep | null {
  if (c.status !== 'active' || c.lastStep >= 25) return null;
  const def = stepDef(c.lastStep + 1);
  if (!def) return null;
  let opensOn: string | null = null;
  let dueOn: string | null = null;
  let state: NextState = 'ok';
  let message: string | null = null;
  if (def.no === 2) {
    dueOn = talkDueOn(c.appliedOn, rs);
    if (today > dueOn) {
      state = 'overdue';
      message = `应在收到入党申请书后 ${rs.talkWithinMonths} 个月内（${dueOn} 前）谈话，已逾期`;
    }
  }
  if ((def.no === 6 || def.no === 7) && c.activistOn) {
    // 经过一年以上培养教育和考察 (细则第十七条): the cultivation runs a year; before then it is in progress.
    opensOn = targetOpensOn(c.activistOn, rs);
    if (today < opensOn) {
      state = 'blocked';
      message = def.no === 6 ? cultivationMessage(c.activistOn, opensOn) : targetMessage(c.activistOn, opensOn);
    }
  }
  if ((def.no === 23 || def.no === 22) && c.probationEndsOn) {
    if (def.no === 23) opensOn = c.probationEndsOn;
    dueOn = c.probationEndsOn;
    if (def.no === 23 && today < c.probationEndsOn) {
      state = 'blocked';
      message = `预备期至 ${c.probationEndsOn} 期满，期满后方可讨论转正`;
    }
  }
  if ((def.no === 16 || def.no === 17 || def.no === 24) && c.resolutionOn) {
    dueOn = addMonths(c.resolutionOn, rs.approval.dueMonths);
    const s = approvalState(c.resolutionOn, today, rs);
    if (s === 'warning') {
      state = 'warning';
      message = `支部大会决议（${c.resolutionOn}）已满 ${rs.approval.warnMonths} 个月，请在 ${dueOn} 前审批`;
    } else if (s === 'overdue' || s === 'expired') {
      state = 'overdue';
      message =
        s === 'expired'
          ? `支部大会决议（${c.resolutionOn}）已超过 ${rs.approval.maxMonths} 个月未审批，须重新履行程序`
          : `应在支部大会决议后 ${rs.approval.dueMonths} 个月内（${dueOn} 前）审批，已逾期`;
    }
  }
  return { no: def.no, name: def.name, actor: def.actor, opensOn, dueOn, state, message };
}

export interface PeriodicDue {
  kind: 'review' | 'thought_report';
  dueOn: string;
  state: 'ok' | 'due' | 'late';
}

/**
 * Branch reviews (every 6 months) and thought reports (every quarter) while a person is an
 * activist or development target (from step 3 until admission) and while on probation (after
 * approval until conversion). Counted from the last one, or from the start of the period.
 */
export function periodicDue(
  c: Pick<CaseFacts, 'status' | 'lastStep' | 'activistOn' | 'admittedOn'>,
  last: { review: string | null; thought_report: string | null },
  today: string,
  rs: RecruitmentRuleset,
): PeriodicDue[] {
  if (c.status !== 'active') return [];
  const cultivating = c.lastStep >= 3 && c.lastStep < 15 && c.activistOn;
  const probation = c.lastStep >= 17 && c.lastStep < 24 && c.admittedOn;
  if (!cultivating && !probation) return [];
  const start = (cultivating ? c.activistOn : c.admittedOn) as string;
  const out: PeriodicDue[] = [];
  for (const [kind, every] of [
    ['review', rs.reviewEveryMonths],
    ['thought_report', rs.thoughtReportEveryMonths],
  ] as const) {
    const since = last[kind] && last[kind] >= start ? last[kind] : start;
    out.push({ kind, ...periodicState(since, every, today, rs) });
  }
  return out;
}
