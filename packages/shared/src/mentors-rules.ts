import { addDays, addMonths, daysBetween } from './dates.js';
/**
 * Mentors (导师制, issue 7 item 5). Neither RULES.md nor the Party rules fix the numbers for 导师带徒
 * or 青年党员导师; the ruleset below states our assumption from common mine practice (师带徒协议:
 * a pair meets at least monthly, a mid-term check at half of the agreed period, a final
 * evaluation at its end). Versioned with the date it applies from; the functions are pure and take
 * "today" (a China day) as an argument.
 */

export const MENTOR_KINDS = {
  apprentice: '导师带徒',
  youth: '青年党员导师',
  contact: '培养联系人',
} as const;
export type MentorKind = keyof typeof MENTOR_KINDS;
/** Kinds kept by the mentors module; `contact` is read from recruitment (step 5). */
export const MENTOR_PAIR_KINDS = ['apprentice', 'youth'] as const;

export const MENTOR_STATUSES = { active: '进行中', closed: '已结业', ended: '已终止' } as const;
export type MentorStatus = keyof typeof MENTOR_STATUSES;

export const MENTOR_RATINGS = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' } as const;
export type MentorRating = keyof typeof MENTOR_RATINGS;

export const MENTOR_STAGES = { mid: '中期评价', final: '结业评价' } as const;
export type MentorStage = keyof typeof MENTOR_STAGES;

export interface MentorsRuleset {
  version: string;
  validFrom: string;
  source: string;
  /** A pair is overdue when no meeting was recorded for more than this many days (from the start if none). */
  meetingIntervalDays: number;
  /** The mid-term evaluation is due once this share of the planned period has passed. */
  midTermShare: number;
  /** A to-do for the final evaluation this many days before the planned end. */
  finalNoticeDays: number;
  /** The planned period must lie within these bounds (months). */
  minMonths: number;
  maxMonths: number;
}

export const MENTORS_RULESETS: readonly MentorsRuleset[] = [
  {
    version: '2026.1',
    validFrom: '2026-01-01',
    source:
      '假设（本地做法，可配置）：师徒每月至少谈心或指导 1 次（超过 31 天未记录即逾期）；期中评价在计划期过半时；结业前 14 天提醒结业评价；带徒期 3–36 个月',
    meetingIntervalDays: 31,
    midTermShare: 0.5,
    finalNoticeDays: 14,
    minMonths: 3,
    maxMonths: 36,
  },
];

export function mentorsRulesetOn(day: string, rulesets: readonly MentorsRuleset[] = MENTORS_RULESETS): MentorsRuleset {
  const inForce = rulesets.filter((r) => r.validFrom <= day);
  return inForce[inForce.length - 1] ?? rulesets[0];
}

/** The day a pair's next meeting is due by: the last meeting (or the start) + the interval. */
export function meetingDueOn(p: { startsOn: string; lastMeetingOn: string | null }, rs: MentorsRuleset): string {
  return addDays(p.lastMeetingOn ?? p.startsOn, rs.meetingIntervalDays);
}

/** An active pair is overdue for a meeting once today is after the day it was due by. */
export function isMeetingOverdue(
  p: { status: string; startsOn: string; lastMeetingOn: string | null },
  today: string,
  rs: MentorsRuleset,
): boolean {
  return p.status === 'active' && today > meetingDueOn(p, rs);
}

/** The mid-term evaluation is due from half of the planned period (rounded down to a day). */
export function midTermDueOn(p: { startsOn: string; plannedEndOn: string }, rs: MentorsRuleset): string {
  return addDays(p.startsOn, Math.floor(daysBetween(p.startsOn, p.plannedEndOn) * rs.midTermShare));
}

/** Which evaluation an active pair is due for today, given those done. */
export function evaluationDue(
  p: { status: string; startsOn: string; plannedEndOn: string },
  done: { mid: boolean; final: boolean },
  today: string,
  rs: MentorsRuleset,
): MentorStage | null {
  if (p.status !== 'active') return null;
  if (!done.final && today >= addDays(p.plannedEndOn, -rs.finalNoticeDays)) return 'final';
  if (!done.mid && today >= midTermDueOn(p, rs)) return 'mid';
  return null;
}

/** Problems with a planned period (field, message), empty when fine. */
export function checkPeriod(startsOn: string, plannedEndOn: string, rs: MentorsRuleset): { path: string; message: string }[] {
  if (plannedEndOn <= startsOn) return [{ path: 'plannedEndOn', message: '计划结束日期应晚于开始日期' }];
  if (plannedEndOn < addMonths(startsOn, rs.minMonths))
    return [{ path: 'plannedEndOn', message: `带徒期至少 ${rs.minMonths} 个月（${addMonths(startsOn, rs.minMonths)} 或以后）` }];
  if (plannedEndOn > addMonths(startsOn, rs.maxMonths))
    return [{ path: 'plannedEndOn', message: `带徒期最长 ${rs.maxMonths} 个月（${addMonths(startsOn, rs.maxMonths)} 或以前）` }];
  return [];
}
