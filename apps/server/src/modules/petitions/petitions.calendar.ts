import type { WorkCalendar } from '@vanguard/shared';
import { asc, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { petitionCalendarDays } from '../../db/schema/index.js';

/** Org ids on a path `/1/5/23/` → [1, 5, 23]. */
export const idsOnPath = (path: string): number[] =>
  path
    .split('/')
    .filter(Boolean)
    .map((x) => Number(x));

/**
 * The working calendar for an org: the days marked by any org on its path (the mine's, the group's);
 * where two orgs mark the same day, the deeper one (the mine) wins.
 */
export async function calendarFor(db: DbOrTx, orgPath: string): Promise<WorkCalendar> {
  const rows = await db
    .select({ day: petitionCalendarDays.day, kind: petitionCalendarDays.kind })
    .from(petitionCalendarDays)
    .where(inArray(petitionCalendarDays.orgId, idsOnPath(orgPath)))
    .orderBy(asc(sql`length(${petitionCalendarDays.orgPath})`));
  const kindOf = new Map<string, string>();
  for (const r of rows) kindOf.set(r.day, r.kind);
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const [day, kind] of kindOf) (kind === 'holiday' ? holidays : workdays).add(day);
  return { holidays, workdays };
}
