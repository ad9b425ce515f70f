/**
 * Petitions (职工诉求 / 民情说事, issue 20): categories, statuses, the clock ruleset and the working-day
 * arithmetic. Periods are counted as the law counts them: the day of receipt is not counted, counting
 * starts with the next day (民法典第二百零一条), and only the mine's working days count (weekends and
 * holidays from its calendar; a shift Saturday can be marked a working day).
 */
import { addWorkingDays, type WorkCalendar } from './dates.js';

export const PETITION_CATEGORIES = {
  pay: '工资待遇',
  safety: '安全环境',
  canteen: '食堂住宿',
  commute: '通勤班车',
  protection: '劳动保护',
  family: '家庭困难',
  training: '技能培训',
  other: '其他',
} as const;
export type PetitionCategory = keyof typeof PETITION_CATEGORIES;

/** 待受理 → 处理中 → 已答复 → 已评价 / 重新办理 → 已办结 */
export const PETITION_STATUSES = {
  submitted: '待受理',
  in_progress: '处理中',
  replied: '已答复',
  rated: '已评价',
  reopened: '重新办理',
  closed: '已办结',
} as const;
export type PetitionStatus = keyof typeof PETITION_STATUSES;

export const PETITION_RATINGS = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const;
export type PetitionRating = keyof typeof PETITION_RATINGS;

export interface PetitionRuleset {
  version: string;
  effectiveFrom: string;
  /** 受理时限：收到后第 n 个工作日内。 */
  acceptWorkingDays: number;
  /** 答复时限：收到后第 n 个工作日内（重新办理：自转办之日起）。 */
  replyWorkingDays: number;
  /** 逾期未答复，提交上一级党组织；再过 n 个工作日仍未答复，再上一级。 */
  secondEscalationWorkingDays: number;
  /** 不满意可重新办理的次数。 */
  reopenLimit: number;
  maxPhotos: number;
  maxPhotoBytes: number;
  source: string;
}

export const PETITION_RULESETS: readonly PetitionRuleset[] = [
  {
    version: '2026.1',
    effectiveFrom: '2020-01-01',
    acceptWorkingDays: 1,
    replyWorkingDays: 3,
    secondEscalationWorkingDays: 3,
    reopenLimit: 1,
    maxPhotos: 9,
    maxPhotoBytes: 10 * 1024 * 1024,
    source: '煤矿民情说事通行做法（1 个工作日受理、3 个工作日答复，逾期提交上级党委）；期间计算依《民法典》第二百零一条、第二百零三条',
  },
];

/** The ruleset in force on a China day. */
export function petitionRulesetOn(day: string): PetitionRuleset {
  const found = [...PETITION_RULESETS].reverse().find((r) => r.effectiveFrom <= day);
  return found ?? PETITION_RULESETS[0];
}

export interface PetitionClock {
  acceptDueOn: string;
  replyDueOn: string;
}

/** Deadlines of a petition received (or reopened) on `day`. */
export function petitionDeadlines(day: string, cal: WorkCalendar, rs: PetitionRuleset = petitionRulesetOn(day)): PetitionClock {
  return { acceptDueOn: addWorkingDays(day, rs.acceptWorkingDays, cal), replyDueOn: addWorkingDays(day, rs.replyWorkingDays, cal) };
}

/** Open for handling: the clock runs. */
export const CLOCK_RUNNING: readonly PetitionStatus[] = ['submitted', 'in_progress', 'reopened'];

/**
 * The day after which the clock job escalates next: the reply day at first; once escalated, the
 * first escalation's day plus `secondEscalationWorkingDays` working days; after the second, never (null).
 */
export function nextEscalationAfter(
  escalations: number,
  replyDueOn: string,
  escalatedOn: string | null,
  cal: WorkCalendar,
  rs: PetitionRuleset,
): string | null {
  if (escalations === 0) return replyDueOn;
  if (escalations === 1 && escalatedOn) return addWorkingDays(escalatedOn, rs.secondEscalationWorkingDays, cal);
  return null;
}

/** The reply came by the end of the reply day. */
export const repliedOnTime = (repliedOn: string, replyDueOn: string): boolean => repliedOn <= replyDueOn;

// ── Cadre–worker contact (联系职工群众) ─────────────────────────────────────────────────────────────

export const CONTACT_KINDS = { talk: '谈心', visit: '走访', phone: '电话', help: '帮扶' } as const;
export type ContactKind = keyof typeof CONTACT_KINDS;

export const CONTACT_RULESET = {
  version: '2026.1',
  /** 每名党员联系 5–7 名职工群众。 */
  minWorkers: 5,
  maxWorkers: 7,
  source: '煤矿党员联系职工群众“1+N”做法（每名党员联系 5–7 名职工）',
} as const;

/** The warning for a member linked to `n` workers (null within the range). */
export function contactLoadWarning(n: number, rs: { minWorkers: number; maxWorkers: number } = CONTACT_RULESET): string | null {
  if (n < rs.minWorkers) return `联系职工 ${n} 人，少于 ${rs.minWorkers} 人`;
  if (n > rs.maxWorkers) return `联系职工 ${n} 人，多于 ${rs.maxWorkers} 人`;
  return null;
}
