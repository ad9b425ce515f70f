import { addMonths, addYears, daysBetween, ORG_RULESETS } from '@vanguard/shared';
import { describe, expect, it } from 'vitest';
import { reminderStage, termEndsOn, termStatus } from './terms.rules.js';

describe('term dates (任期: 党委 5 年, 党总支/党支部 3 年; remind 6 and 1 months ahead)', () => {
  const rs = ORG_RULESETS[0];
  it.each([
    ['2026-08-31', -6, '2026-02-28'],
    ['2028-08-31', -6, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', 13, '2027-02-15'],
  ])('%s %+d months = %s (PostgreSQL interval semantics)', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  it('a term ends the same calendar day `years` later; a 29 February start ends on 28 February', () => {
    expect(termEndsOn('2023-05-10', 3)).toBe('2026-05-10');
    expect(termEndsOn('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(daysBetween('2026-03-02', '2026-09-02')).toBe(184);
  });

  it.each([
    ['2026-02-28', null, 'ok'],
    ['2026-03-01', null, 'ok'],
    ['2026-03-02', '6m', 'due-soon'],
    ['2026-08-01', '6m', 'due-soon'],
    ['2026-08-02', '1m', 'due-soon'],
    ['2026-09-02', '1m', 'due-soon'],
    ['2026-09-03', 'overdue', 'overdue'],
  ])('ending 2026-09-02, on %s: reminder %s, status %s', (today, stage, status) => {
    expect(reminderStage('2026-09-02', today, rs)).toBe(stage);
    expect(termStatus({ endsOn: '2026-09-02', endedOn: null }, today, rs)).toBe(status);
  });

  it('a past term is ended, whatever the date', () => {
    expect(termStatus({ endsOn: '2020-01-01', endedOn: '2020-01-01' }, '2026-01-01', rs)).toBe('ended');
  });
});
