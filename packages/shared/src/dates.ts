/**
 * Calendar arithmetic, the one copy for server, web and tests. A day is a `YYYY-MM-DD` string and
 * a month a `YYYY-MM` string, both calendar dates in China time; instants are `Date`s. Month
 * arithmetic clamps to the month's last day exactly as PostgreSQL's `date + interval 'n months'`
 * does (2026-08-31 − 6 months = 2026-02-28), so a SQL pre-filter and these functions agree.
 */

const DAY_MS = 86_400_000;
/** China Standard Time, UTC+8; China has kept no daylight saving time since 1991. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const pad2 = (n: number) => String(n).padStart(2, '0');
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Calendar day in China time of an instant (2026-03-01T16:00Z is already 2026-03-02). */
export function chinaDay(at: Date): string {
  return dayAt(at.getTime() + CHINA_OFFSET_MS);
}

/** China wall time of an instant, `YYYY-MM-DD HH:MM` (slice it for the date or the time). */
export function chinaDateTime(at: Date): string {
  const s = new Date(at.getTime() + CHINA_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** Midnight of a calendar day in China time, as an instant (for due dates and day ranges). */
export const startOfChinaDay = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** Days in month `m` (1–12) of year `y`. */
export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** `day` moved by `n` calendar days. */
export const addDays = (day: string, n: number): string => dayAt(dayMs(day) + n * DAY_MS);

/** `day` moved by `n` calendar months, clamped to the month's last day (PostgreSQL interval semantics). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${pad2(nm)}-${pad2(nd)}`;
}

/** `day` moved by `n` years (29 February becomes 28 February in a common year). */
export const addYears = (day: string, n: number): string => addMonths(day, n * 12);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

/** Whole calendar months from `from` to `to` (the largest n with from + n months ≤ to); 0 when `to` is earlier. */
export function wholeMonths(from: string, to: string): number {
  if (to < from) return 0;
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  let n = (ty - fy) * 12 + (tm - fm);
  while (n > 0 && addMonths(from, n) > to) n--;
  return n;
}

/** Months from month `from` to month `to` (`YYYY-MM`; negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

/** Month `ym` (`YYYY-MM`) moved by `n` months. */
export const addMonthsYm = (ym: string, n: number): string => addMonths(`${ym}-01`, n).slice(0, 7);

// ── Working days (petitions' and reports' time limits) ──

/** A mine's calendar: days marked off (holidays) or on (shift days on a weekend); otherwise Mon–Fri work. */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}
export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/**
 * The n-th working day after `day` (Monday to Friday unless the calendar says otherwise) (the day itself not counted, 民法典第二百零一条). The deadline is
 * the end of that day; since it is a working day, §203 (a last day on a holiday moves on) holds too.
 */
export function addWorkingDays(day: string, n: number, cal: WorkCalendar = EMPTY_CALENDAR): string {
  let d = day;
  let left = n;
  // A calendar with no working day in ten years is a configuration error, not an endless loop.
  for (let guard = 0; guard < 3660; guard++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal) && --left <= 0) return d;
  }
  throw new Error('dates: no working day found in the calendar');
}
