import type { OrgRuleset } from '@vanguard/shared';
import { addMonths, addYears } from '@vanguard/shared';

/**
 * Leadership terms (RULES.md §Organization): 党委 5 years, 党总支 and 党支部 3 (ruleset.termYears);
 * remind 6 months and 1 month before the term ends (ruleset.termReminderMonths).
 */
export type TermStatus = 'ok' | 'due-soon' | 'overdue' | 'ended';

/** The day a term of `years` starting on `startedOn` is due to end. */
export const termEndsOn = (startedOn: string, years: number): string => addYears(startedOn, years);

/** Reminder months, the earliest first (6, then 1). */
const reminderMonths = (rs: OrgRuleset): number[] => [...rs.termReminderMonths].sort((a, b) => b - a);

/**
 * A term's status on `today`: ended (a past term), overdue (today is after endsOn), due-soon
 * (within the first reminder window, the day exactly 6 months before included), else ok.
 */
export function termStatus(t: { endsOn: string; endedOn: string | null }, today: string, rs: OrgRuleset): TermStatus {
  if (t.endedOn) return 'ended';
  if (today > t.endsOn) return 'overdue';
  const [first] = reminderMonths(rs);
  if (first !== undefined && today >= addMonths(t.endsOn, -first)) return 'due-soon';
  return 'ok';
}

/**
 * The most advanced reminder a current term has reached on `today`: `overdue`, `1m`, `6m`, or null.
 * Only the latest one is written, so a term first seen when already late gets one to-do, not three.
 */
export function reminderStage(endsOn: string, today: string, rs: OrgRuleset): string | null {
  if (today > endsOn) return 'overdue';
  const reached = reminderMonths(rs).filter((m) => today >= addMonths(endsOn, -m));
  const last = reached[reached.length - 1];
  return last === undefined ? null : `${last}m`;
}
