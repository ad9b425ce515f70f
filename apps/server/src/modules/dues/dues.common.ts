import { chinaDay, DuesInputError } from '@vanguard/shared';
import { invalid } from '../../platform/errors.js';

/** The pure rule functions throw DuesInputError; the API answers 400 with the field. */
export function ruleCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DuesInputError) throw invalid(e.path, e.message);
    throw e;
  }
}

/** China time: the calendar day and month a rule sees. */
export const currentYm = (d: Date): string => chinaDay(d).slice(0, 7);
/** `YYYY-MM` ↔ the first day stored in `date` columns. */
export const monthDay = (ym: string): string => `${ym}-01`;
export const ymOf = (day: string): string => day.slice(0, 7);

export const likePrefix = (path: string) => `${path}%`;
