import { addMonthsYm, chinaDay } from '@vanguard/shared';
import type { Db } from '../../db/client.js';
import { refreshMonth } from './rollups.service.js';

/**
 * The periodic rollup (main.ts, on the queue): this month and the one before, from every source, so
 * members, dues, meetings, exams and recruitment reach the dashboards within the job's interval.
 */
export async function refreshRollups(db: Db, now: Date): Promise<number> {
  const month = chinaDay(now).slice(0, 7);
  return (await refreshMonth(db, addMonthsYm(month, -1), now)) + (await refreshMonth(db, month, now));
}
