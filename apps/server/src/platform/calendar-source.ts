import type { CalendarEvent } from '@vanguard/shared/api/calendar';
import type { Db } from '../db/client.js';

/**
 * A source of calendar entries: a module's function that reads its own tables for one person over a
 * range. Modules export theirs from their `index.ts`; `calendar.sources.ts` lists them (notices and
 * tasks add one line each).
 */
export type CalendarSource = (db: Db, who: { userId: number }, range: { from: Date; to: Date; now: Date }) => Promise<CalendarEvent[]>;

/** An entry with the fields a source leaves out set to null. */
export const entry = (e: Partial<CalendarEvent> & Pick<CalendarEvent, 'uid' | 'kind' | 'title'>): CalendarEvent => ({
  startsAt: null,
  endsAt: null,
  day: null,
  location: null,
  link: null,
  ...e,
});
