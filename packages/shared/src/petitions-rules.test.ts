import { describe, expect, it } from 'vitest';
import { addWorkingDays, EMPTY_CALENDAR, isWorkingDay, type WorkCalendar } from './dates.js';
import { contactLoadWarning, nextEscalationAfter, PETITION_RULESETS, petitionDeadlines } from './petitions-rules.js';

const rs = PETITION_RULESETS[0];
const cal = (holidays: string[] = [], workdays: string[] = []): WorkCalendar => ({
  holidays: new Set(holidays),
  workdays: new Set(workdays),
});

describe('working days (民法典第二百零一条: the day of receipt is not counted)', () => {
  it.each([
    // received on, n, calendar, due
    ['2026-03-02', 1, EMPTY_CALENDAR, '2026-03-03'], // Monday → Tuesday
    ['2026-03-06', 1, EMPTY_CALENDAR, '2026-03-09'], // Friday → Monday (the weekend is not counted)
    ['2026-03-07', 1, EMPTY_CALENDAR, '2026-03-09'], // received on Saturday → Monday
    ['2026-03-06', 3, EMPTY_CALENDAR, '2026-03-11'], // Friday + 3 → Wednesday
    ['2026-03-06', 3, cal(['2026-03-10']), '2026-03-12'], // a holiday on Tuesday moves it to Thursday
    ['2026-03-06', 1, cal([], ['2026-03-07']), '2026-03-07'], // a shift Saturday counts
    ['2026-09-30', 1, cal(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']), '2026-10-08'],
  ] as const)('%s + %i working day(s) → %s', (from, n, c, due) => {
    expect(addWorkingDays(from, n, c)).toBe(due);
  });

  it('weekends are off unless marked; holidays are off', () => {
    expect(isWorkingDay('2026-03-07', EMPTY_CALENDAR)).toBe(false);
    expect(isWorkingDay('2026-03-07', cal([], ['2026-03-07']))).toBe(true);
    expect(isWorkingDay('2026-03-09', cal(['2026-03-09']))).toBe(false);
  });

  it('deadlines: accept on the 1st working day after receipt, reply on the 3rd', () => {
    expect(petitionDeadlines('2026-03-06', cal(['2026-03-10']), rs)).toEqual({ acceptDueOn: '2026-03-09', replyDueOn: '2026-03-12' });
  });

  it('escalation: after the reply day, then 3 working days after the first escalation, then never', () => {
    expect(nextEscalationAfter(0, '2026-03-12', null, EMPTY_CALENDAR, rs)).toBe('2026-03-12');
    expect(nextEscalationAfter(1, '2026-03-12', '2026-03-13', EMPTY_CALENDAR, rs)).toBe('2026-03-18');
    expect(nextEscalationAfter(2, '2026-03-12', '2026-03-19', EMPTY_CALENDAR, rs)).toBeNull();
  });
});

describe('5–7 workers per member', () => {
  it.each([
    [0, '联系职工 0 人，少于 5 人'],
    [4, '联系职工 4 人，少于 5 人'],
    [5, null],
    [7, null],
    [8, '联系职工 8 人，多于 7 人'],
  ] as const)('%i → %s', (n, w) => expect(contactLoadWarning(n)).toBe(w));
});
