import { RECRUITMENT_RULESETS } from '@vanguard/shared';
import { describe, expect, it } from 'vitest';
import { type CaseFacts, nextStep, periodicDue, stageOf } from './recruitment.rules.js';

const rs = RECRUITMENT_RULESETS[0];
const base: CaseFacts = {
  status: 'active',
  lastStep: 1,
  appliedOn: '2026-01-15',
  activistOn: null,
  admittedOn: null,
  probationEndsOn: null,
  lastDoneOn: '2026-01-15',
  resolutionOn: null,
};

describe('the stage reached: the stage of the last step done (2 / 4 / 5 / 7 / 7)', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 1],
    [3, 2],
    [5, 2],
    // 培养教育考察 done: still an 入党积极分子 until 确定发展对象 (issue 24).
    [6, 2],
    [7, 3],
    [11, 3],
    [12, 4],
    [18, 4],
    [19, 5],
    [25, 5],
  ])('after step %d → stage %d', (last, stage) => {
    expect(stageOf({ status: 'active', lastStep: last })).toBe(stage);
  });
});

describe('the next step and its deadline', () => {
  it.each([
    ['2026-02-15', 'ok'],
    ['2026-02-16', 'overdue'],
  ])('talk, applied 2026-01-15, on %s → %s (due 2026-02-15)', (today, state) => {
    expect(nextStep(base, today, rs)).toMatchObject({ no: 2, dueOn: '2026-02-15', state });
  });

  it.each([
    ['2027-02-28', 'blocked'],
    ['2027-03-01', 'ok'],
  ])('development target, activist 2026-03-01, on %s → %s (opens 2027-03-01)', (today, state) => {
    expect(nextStep({ ...base, lastStep: 6, activistOn: '2026-03-01' }, today, rs)).toMatchObject({ no: 7, opensOn: '2027-03-01', state });
  });

  it.each([
    ['2026-08-01', 'blocked'],
    ['2027-02-28', 'blocked'],
    ['2027-03-01', 'ok'],
  ])('培养教育考察 (a year at least), activist 2026-03-01, on %s → %s (opens 2027-03-01)', (today, state) => {
    expect(nextStep({ ...base, lastStep: 5, activistOn: '2026-03-01' }, today, rs)).toMatchObject({ no: 6, opensOn: '2027-03-01', state });
  });

  it.each([
    [15, '2026-03-09', 'ok'],
    [16, '2026-03-10', 'warning'],
    [16, '2026-04-10', 'warning'],
    [16, '2026-04-11', 'overdue'],
    [23, '2026-04-11', 'overdue'],
  ])('after step %d, resolution 2026-01-10, on %s → %s', (last, today, state) => {
    expect(nextStep({ ...base, lastStep: last, resolutionOn: '2026-01-10' }, today, rs)).toMatchObject({ dueOn: '2026-04-10', state });
  });

  it.each([
    ['2027-06-30', 'blocked'],
    ['2027-07-01', 'ok'],
  ])('conversion meeting, probation ends 2027-07-01, on %s → %s', (today, state) => {
    expect(nextStep({ ...base, lastStep: 22, probationEndsOn: '2027-07-01' }, today, rs)).toMatchObject({
      no: 23,
      opensOn: '2027-07-01',
      state,
    });
  });

  it('no next step when done or ended', () => {
    expect(nextStep({ ...base, lastStep: 25 }, '2027-01-01', rs)).toBeNull();
    expect(nextStep({ ...base, status: 'stopped' }, '2027-01-01', rs)).toBeNull();
  });
});

describe('periodic reviews and thought reports', () => {
  const activist = { status: 'active', lastStep: 5, activistOn: '2026-01-01', admittedOn: null };
  it.each([
    [{ review: null, thought_report: null }, '2026-03-20', ['ok', 'due']],
    [{ review: null, thought_report: '2026-03-25' }, '2026-04-02', ['ok', 'ok']],
    [{ review: null, thought_report: null }, '2026-07-02', ['late', 'late']],
    // A report from before the period does not count.
    [{ review: '2025-12-01', thought_report: null }, '2026-06-20', ['due', 'late']],
  ])('last %j, on %s → %j', (last, today, states) => {
    expect(periodicDue(activist, last, today, rs).map((p) => p.state)).toEqual(states);
  });
  it('none before activist, none between admission vote and approval, again on probation, none after conversion', () => {
    const none = { review: null, thought_report: null };
    expect(periodicDue({ ...activist, lastStep: 2 }, none, '2026-07-01', rs)).toEqual([]);
    expect(periodicDue({ ...activist, lastStep: 16, admittedOn: '2026-06-01' }, none, '2026-07-01', rs)).toEqual([]);
    expect(periodicDue({ ...activist, lastStep: 19, admittedOn: '2026-06-01' }, none, '2026-09-01', rs)).toEqual([
      { kind: 'review', dueOn: '2026-12-01', state: 'ok' },
      { kind: 'thought_report', dueOn: '2026-09-01', state: 'due' },
    ]);
    expect(periodicDue({ ...activist, lastStep: 24, admittedOn: '2026-06-01' }, none, '2027-09-01', rs)).toEqual([]);
  });
});
