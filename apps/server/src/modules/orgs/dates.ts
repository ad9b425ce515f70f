/** Calendar days as `YYYY-MM-DD`, in China time (the org rules count days, not instants). */
export const isoDay = (d: Date): string => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * `day` moved by `n` calendar months, clamped to the month's last day — the same answer as
 * PostgreSQL's `date + interval 'n months'` (2026-08-31 − 6 months = 2026-02-28), so the SQL
 * pre-filter and these functions agree.
 */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

export const addYears = (day: string, n: number): string => addMonths(day, n * 12);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Midnight of a calendar day in China time, as an instant (for due dates). */
export const startOfDay = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
