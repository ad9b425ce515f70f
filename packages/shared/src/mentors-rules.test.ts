import { describe, expect, it } from 'vitest';
import { addMonths } from './dates.js';
import {
  checkPeriod,
  evaluationDue,
  isMeetingOverdue,
  MENTORS_RULESETS,
  meetingDueOn,
  mentorsRulesetOn,
  midTermDueOn,
} from './mentors-rules.js';

const rs = MENTORS_RULESETS[0];

describe('ruleset', () => {
  it('is found by date and states its assumption', () => {
    expect(mentorsRulesetOn('2025-06-01').version).toBe('2026.1');
    expect(mentorsRulesetOn('2027-01-01').meetingIntervalDays).toBe(31);
    expect(rs.source).toContain('假设');
  });
});

describe('overdue for a meeting (31 days after the last meeting, or the start)', () => {
  const pair = { status: 'active', startsOn: '2026-01-01', lastMeetingOn: '2026-03-01' };
  it.each([
    ['2026-03-31', false],
    ['2026-04-01', false],
    ['2026-04-02', true],
    ['2026-12-31', true],
  ])('today %s → overdue %s', (today, overdue) => {
    expect(meetingDueOn(pair, rs)).toBe('2026-04-01');
    expect(isMeetingOverdue(pair, today, rs)).toBe(overdue);
  });
  it.each([
    ['no meeting yet: counted from the start', { status: 'active', startsOn: '2026-01-01', lastMeetingOn: null }, '2026-02-01', false],
    ['no meeting yet, one day later', { status: 'active', startsOn: '2026-01-01', lastMeetingOn: null }, '2026-02-02', true],
    ['a closed pair is never overdue', { status: 'closed', startsOn: '2026-01-01', lastMeetingOn: null }, '2026-12-01', false],
    ['an ended pair is never overdue', { status: 'ended', startsOn: '2026-01-01', lastMeetingOn: null }, '2026-12-01', false],
  ])('%s', (_name, p, today, overdue) => {
    expect(isMeetingOverdue(p, today, rs)).toBe(overdue);
  });
});

describe('evaluations: mid-term at half of the period, final 14 days before the planned end', () => {
  const p = { status: 'active', startsOn: '2026-01-01', plannedEndOn: '2026-12-31' };
  it('mid-term day is half of the days, rounded down', () => {
    expect(midTermDueOn(p, rs)).toBe('2026-07-02');
    expect(midTermDueOn({ startsOn: '2026-01-01', plannedEndOn: '2026-01-04' }, rs)).toBe('2026-01-02');
  });
  it.each([
    ['2026-07-01', { mid: false, final: false }, null],
    ['2026-07-02', { mid: false, final: false }, 'mid'],
    ['2026-07-02', { mid: true, final: false }, null],
    ['2026-12-16', { mid: true, final: false }, null],
    ['2026-12-17', { mid: true, final: false }, 'final'],
    ['2026-12-17', { mid: false, final: false }, 'final'],
    ['2027-02-01', { mid: true, final: true }, null],
  ] as const)('today %s, done %o → %s', (today, done, due) => {
    expect(evaluationDue(p, done, today, rs)).toBe(due);
  });
  it('a pair that is no longer active is due for nothing', () => {
    expect(evaluationDue({ ...p, status: 'closed' }, { mid: false, final: false }, '2026-12-20', rs)).toBeNull();
  });
});

describe('planned period (3 to 36 months)', () => {
  it.each([
    ['2026-01-31', '2026-01-31', 'plannedEndOn'],
    ['2026-01-31', '2026-04-29', 'plannedEndOn'],
    ['2026-01-31', '2026-04-30', null],
    ['2026-01-01', '2029-01-01', null],
    ['2026-01-01', '2029-01-02', 'plannedEndOn'],
  ])('%s → %s: %s', (start, end, path) => {
    const problems = checkPeriod(start, end, rs);
    expect(problems[0]?.path ?? null).toBe(path);
  });
  it('adds months to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});
