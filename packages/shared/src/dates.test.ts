import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsYm,
  addYears,
  chinaDay,
  daysBetween,
  daysInMonth,
  monthsBetween,
  startOfChinaDay,
  wholeMonths,
} from './dates.js';

describe('chinaDay', () => {
  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-03-01'], // 23:59:59.999 in Beijing
    ['2026-03-01T16:00:00.000Z', '2026-03-02'], // midnight in Beijing, still the 1st in UTC
    ['2026-12-31T16:00:00Z', '2027-01-01'], // new year in China first
    ['2028-02-28T16:00:00Z', '2028-02-29'], // leap day
    ['2026-06-15T00:00:00+08:00', '2026-06-15'],
  ])('%s is %s in China', (at, day) => expect(chinaDay(new Date(at))).toBe(day));

  it('agrees with the Asia/Shanghai time zone (which earlier copies asked Intl for) around every midnight of 2024–2026', () => {
    const intl = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' });
    for (let t = Date.parse('2024-01-01T15:59:59Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 86_400_000) {
      for (const at of [new Date(t), new Date(t + 1000)]) if (chinaDay(at) !== intl.format(at)) expect(chinaDay(at)).toBe(intl.format(at));
    }
  });
});

describe('startOfChinaDay', () => {
  it('is 16:00 UTC the day before', () => expect(startOfChinaDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z'));
  it('round-trips with chinaDay', () => expect(chinaDay(startOfChinaDay('2028-02-29'))).toBe('2028-02-29'));
});

describe('daysInMonth', () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2028, 2, 29],
    [2100, 2, 28], // divisible by 100, not by 400
    [2000, 2, 29], // divisible by 400
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (y, m, n) => expect(daysInMonth(y, m)).toBe(n));
});

describe('addDays', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-10', 0, '2026-03-10'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s + %i days = %s', (day, n, out) => expect(addDays(day, n)).toBe(out));
});

describe('addMonths (clamped like PostgreSQL date + interval)', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', -6, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-05-20', 0, '2026-05-20'],
    ['2026-05-20', 24, '2028-05-20'],
    ['0999-12-01', 1, '1000-01-01'],
  ])('%s + %i months = %s', (day, n, out) => expect(addMonths(day, n)).toBe(out));
});

describe('addYears', () => {
  it.each([
    ['2028-02-29', 1, '2029-02-28'],
    ['2028-02-29', 4, '2032-02-29'],
    ['2026-07-01', -1, '2025-07-01'],
  ])('%s + %i years = %s', (day, n, out) => expect(addYears(day, n)).toBe(out));
});

describe('daysBetween', () => {
  it.each([
    ['2026-02-28', '2026-03-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-03-01', '2026-02-28', -1],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2026-05-05', '2026-05-05', 0],
  ])('%s → %s is %i days', (a, b, n) => expect(daysBetween(a, b)).toBe(n));
});

describe('wholeMonths', () => {
  it.each([
    ['2026-01-31', '2026-02-28', 1], // clamped: Jan 31 + 1 month is Feb 28
    ['2026-01-31', '2026-02-27', 0],
    ['2026-01-15', '2026-07-14', 5],
    ['2026-01-15', '2026-07-15', 6],
    ['2026-07-15', '2026-01-15', 0], // `to` earlier
    ['2025-12-31', '2026-12-31', 12],
  ])('%s → %s is %i whole months', (a, b, n) => expect(wholeMonths(a, b)).toBe(n));
});

describe('months as YYYY-MM', () => {
  it.each([
    ['2025-11', '2026-02', 3],
    ['2026-02', '2025-11', -3],
    ['2026-01', '2026-01', 0],
  ])('monthsBetween(%s, %s) = %i', (a, b, n) => expect(monthsBetween(a, b)).toBe(n));
  it.each([
    ['2025-11', 3, '2026-02'],
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-03', -15, '2024-12'],
  ])('addMonthsYm(%s, %i) = %s', (ym, n, out) => expect(addMonthsYm(ym, n)).toBe(out));
});
