import { describe, expect, it } from 'vitest';
import { chinaDay } from './dates.js';
import {
  attendeeMinutes,
  checkCreditedMinutes,
  checkDetermination,
  checkSignInWindow,
  complianceOf,
  type Determination,
  excellentCap,
  hoursTarget,
  LIFE_RULESETS,
  lifeRulesetOn,
  minutesToHours,
  periodBounds,
  periodKey,
  periodStatus,
  tokenFresh,
  tokenSlot,
  yearMinutes,
} from './life-rules.js';

const rs = LIFE_RULESETS[0];
const start = new Date('2026-03-10T09:00:00+08:00');
const at = (s: string) => new Date(`2026-03-10T${s}+08:00`);

describe('ruleset', () => {
  it('is found by date and cites its source', () => {
    expect(lifeRulesetOn('2026-01-01').version).toBe('2018.1');
    expect(rs.source).toContain('支部工作条例');
  });
});

describe('sign-in window (20 minutes either side of the start)', () => {
  it.each([
    ['08:39:59', false, 'early'],
    ['08:40:00', true, null],
    ['09:00:00', true, null],
    ['09:20:00', true, null],
    ['09:20:01', false, 'late'],
  ])('%s → ok %s', (time, ok, reason) => {
    const r = checkSignInWindow(at(time), start, rs);
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.message).toContain('08:40–09:20');
    }
  });
});

describe('token expiry', () => {
  const shown = at('09:00:00');
  const slot = tokenSlot(shown, rs);
  it.each([
    [-31_000, false], // from the future beyond one slot of skew
    [-30_000, true],
    [0, true],
    [120_000, true],
    [120_001, false],
    [600_000, false],
  ])('used %i ms after shown → %s', (ms, ok) => {
    // The slot starts at or before `shown`; measure from the slot's start.
    const slotStart = slot * rs.tokenRotateSeconds * 1000;
    expect(tokenFresh(slot, new Date(slotStart + ms), rs)).toBe(ok);
  });
  it('rotates every 30 seconds', () => {
    expect(tokenSlot(new Date(shown.getTime() + 30_000), rs)).toBe(slot + 1);
  });
});

describe('periods across month and quarter boundaries (China time)', () => {
  it('places a late-evening meeting by its China day', () => {
    // 23:30 on 31 March in Beijing is 15:30 UTC the same day; 00:30 on 1 April is 16:30 UTC on 31 March.
    expect(chinaDay(new Date('2026-03-31T23:30:00+08:00'))).toBe('2026-03-31');
    expect(chinaDay(new Date('2026-04-01T00:30:00+08:00'))).toBe('2026-04-01');
  });
  it.each([
    ['2026-03-31', 'month', '2026-03'],
    ['2026-04-01', 'month', '2026-04'],
    ['2026-03-31', 'quarter', '2026-Q1'],
    ['2026-04-01', 'quarter', '2026-Q2'],
    ['2026-12-31', 'quarter', '2026-Q4'],
    ['2026-12-31', 'year', '2026'],
  ] as const)('%s %s → %s', (day, every, key) => expect(periodKey(day, every)).toBe(key));
  it('bounds', () => {
    expect(periodBounds('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodBounds('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodBounds('2028-Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(periodBounds('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
  it.each([
    ['2026-03', 0, '2026-03-31', 'due'],
    ['2026-03', 0, '2026-04-01', 'missing'],
    ['2026-03', 1, '2026-04-01', 'done'],
    ['2026-04', 0, '2026-03-31', 'future'],
    ['2026-Q1', 0, '2026-03-31', 'due'],
    ['2026-Q1', 0, '2026-04-01', 'missing'],
  ])('%s held %i on %s → %s', (key, held, today, status) => expect(periodStatus(key, held, today)).toBe(status));
});

describe('compliance counting', () => {
  const m = (type: string, iso: string, hasMinutes = true, bySecretary = false) => ({
    type,
    day: chinaDay(new Date(iso)),
    hasMinutes,
    bySecretary,
  });
  const meetings = [
    m('committee', '2026-03-31T23:30:00+08:00'), // March, Q1
    m('committee', '2026-04-01T00:30:00+08:00'), // April, Q2
    m('committee', '2026-05-10T09:00:00+08:00', false), // no minutes: not counted
    m('branch_assembly', '2026-03-31T20:00:00+08:00'),
    m('group', '2026-03-05T09:00:00+08:00'), // a branch holds no 党小组会 itself
    m('committee', '2025-12-31T23:59:00+08:00'), // previous year
  ];
  const cells = complianceOf('branch', 2026, meetings, '2026-06-15', rs);
  const cell = (type: string, period: string) => cells.find((c) => c.type === type && c.period === period);
  it('expects a branch to hold 支委会 and 主题党日 monthly, 党员大会 and 党课 quarterly, 组织生活会, 谈心谈话 and 书记讲党课 yearly', () => {
    expect(new Set(cells.map((c) => c.key))).toEqual(
      new Set(['committee', 'branch_assembly', 'lecture', 'lecture_secretary', 'theme_day', 'life_meeting', 'talk']),
    );
    expect(cells.filter((c) => c.key === 'committee')).toHaveLength(12);
    expect(cells.filter((c) => c.key === 'lecture')).toHaveLength(4);
    expect(cells.filter((c) => c.key === 'life_meeting')).toHaveLength(1);
    expect(cells.filter((c) => c.key === 'talk')).toHaveLength(1);
    expect(cells.filter((c) => c.key === 'lecture_secretary')).toEqual([
      { key: 'lecture_secretary', label: '书记讲党课', type: 'lecture', every: 'year', period: '2026', held: 0, status: 'due' },
    ]);
  });
  it('counts a 党课 for the secretary only when the secretary lectured; 谈心谈话 once a year', () => {
    const year = (list: ReturnType<typeof m>[], today: string) => complianceOf('branch', 2026, list, today, rs);
    const cellOf = (cs: ReturnType<typeof year>, key: string, period: string) => cs.find((c) => c.key === key && c.period === period);
    // A 党课 by someone else counts for the quarter, not for the secretary's yearly 党课.
    const other = year([m('lecture', '2026-02-10T09:00:00+08:00')], '2027-01-05');
    expect(cellOf(other, 'lecture', '2026-Q1')?.status).toBe('done');
    expect(cellOf(other, 'lecture_secretary', '2026')?.status).toBe('missing');
    // The secretary's 党课 on 31 Dec, 23:30 China time, still counts for that year (and for Q4).
    const sec = year([m('lecture', '2026-12-31T23:30:00+08:00', true, true)], '2027-01-05');
    expect(cellOf(sec, 'lecture_secretary', '2026')).toMatchObject({ held: 1, status: 'done' });
    expect(cellOf(sec, 'lecture', '2026-Q4')?.status).toBe('done');
    // …but not without minutes, nor on 1 Jan 00:30 of the next year.
    expect(cellOf(year([m('lecture', '2026-06-01T09:00:00+08:00', false, true)], '2027-01-05'), 'lecture_secretary', '2026')?.status).toBe(
      'missing',
    );
    expect(cellOf(year([m('lecture', '2027-01-01T00:30:00+08:00', true, true)], '2027-01-05'), 'lecture_secretary', '2026')?.status).toBe(
      'missing',
    );
    expect(cellOf(year([m('talk', '2026-09-01T09:00:00+08:00')], '2026-10-01'), 'talk', '2026')?.status).toBe('done');
    expect(cellOf(year([], '2026-10-01'), 'talk', '2026')?.status).toBe('due');
  });
  it('counts by month and quarter at the boundary', () => {
    expect(cell('committee', '2026-01')?.status).toBe('missing');
    expect(cell('committee', '2026-03')).toMatchObject({ held: 1, status: 'done' });
    expect(cell('committee', '2026-04')).toMatchObject({ held: 1, status: 'done' });
    expect(cell('committee', '2026-05')).toMatchObject({ held: 0, status: 'missing' });
    expect(cell('committee', '2026-06')?.status).toBe('due');
    expect(cell('committee', '2026-07')?.status).toBe('future');
    expect(cell('branch_assembly', '2026-Q1')).toMatchObject({ held: 1, status: 'done' });
    expect(cell('branch_assembly', '2026-Q2')?.status).toBe('due');
    expect(cell('lecture', '2026-Q1')?.status).toBe('missing');
    expect(cell('life_meeting', '2026')?.status).toBe('due');
  });
  it('expects a 党小组 to hold 党小组会 monthly only', () => {
    const g = complianceOf('group', 2026, meetings, '2026-06-15', rs);
    expect(new Set(g.map((c) => c.type))).toEqual(new Set(['group']));
    expect(g.find((c) => c.period === '2026-03')?.status).toBe('done');
  });
  it('expects nothing of a 党委', () => expect(complianceOf('committee', 2026, meetings, '2026-06-15', rs)).toEqual([]));
});

describe('training hours', () => {
  it('targets', () => {
    expect(hoursTarget(false, rs)).toBe(32);
    expect(hoursTarget(true, rs)).toBe(56);
  });
  it('sums one year by China day', () => {
    const attended = [
      { day: '2025-12-31', minutes: 120 },
      { day: '2026-01-01', minutes: 90 },
      { day: '2026-12-31', minutes: 45 },
      { day: '2027-01-01', minutes: 60 },
    ];
    expect(yearMinutes(2026, attended)).toBe(135);
    expect(minutesToHours(135)).toBe(2.3);
    expect(minutesToHours(32 * 60)).toBe(32);
  });
});

describe('hours per attendee', () => {
  it.each([
    [120, null, 120],
    [120, undefined, 120],
    [120, 60, 60],
    [120, 0, 0],
    [120, 180, 120],
  ])('meeting %i min, credited %s → %i', (meeting, credited, want) => expect(attendeeMinutes(meeting, credited)).toBe(want));
  it.each([
    [120, 120, undefined, null],
    [120, 60, '中途下井处理故障', null],
    [120, 60, '  ', 'reason'],
    [120, 121, 'x', 'minutes'],
    [120, -1, 'x', 'minutes'],
    [120, 1.5, 'x', 'minutes'],
    [0, 0, 'x', 'minutes'],
  ])('meeting %i, entered %i, reason %s → error at %s', (meeting, minutes, reason, path) =>
    expect(checkCreditedMinutes(meeting, minutes, reason as string | undefined)?.path ?? null).toBe(path),
  );
  it('a year total of one member: a full 党课, a 现场教学 left early, next year not counted; 32 h / 56 h', () => {
    const attended = [
      { day: '2026-03-05', minutes: attendeeMinutes(150, null) },
      { day: '2026-06-10', minutes: attendeeMinutes(240, 90) },
      { day: '2027-01-01', minutes: attendeeMinutes(120, null) },
    ];
    const total = minutesToHours(yearMinutes(2026, attended));
    expect(total).toBe(4);
    expect(total >= hoursTarget(false, rs)).toBe(false);
    expect(minutesToHours(yearMinutes(2026, [{ day: '2026-12-31', minutes: 32 * 60 }])) >= hoursTarget(false, rs)).toBe(true);
    expect(minutesToHours(yearMinutes(2026, [{ day: '2026-12-31', minutes: 32 * 60 }])) >= hoursTarget(true, rs)).toBe(false);
  });
});

describe('appraisal caps', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 1],
    [10, 3],
    [12, 4],
    [14, 4],
  ])('%i graded → at most %i 优秀', (graded, cap) => expect(excellentCap(graded, rs)).toBe(cap));

  const people = (grades: (string | null)[], probationary: number[] = []): Determination[] =>
    grades.map((g, i) => ({
      memberId: i + 1,
      name: `党员${i + 1}`,
      category: probationary.includes(i) ? 'probationary' : 'full',
      grade: g as Determination['grade'],
    }));
  it('accepts one third', () => {
    expect(checkDetermination(people(['excellent', 'qualified', 'qualified', null], [3]), rs)).toEqual([]);
  });
  it('refuses more than one third, counting only those graded', () => {
    const errs = checkDetermination(people(['excellent', 'excellent', 'qualified', 'qualified', 'qualified', null], [5]), rs);
    expect(errs).toEqual([{ path: 'grades', message: '评为优秀的有 2 人，超过参评正式党员 5 人的三分之一（最多 1 人）' }]);
  });
  it('refuses grading a probationary member and leaving a full member ungraded', () => {
    const errs = checkDetermination(people(['qualified', 'qualified', null, 'qualified'], [3]), rs);
    expect(errs.map((e) => e.path)).toEqual(['grades.2.grade', 'grades.3.grade']);
    expect(errs[1].message).toBe('党员4是预备党员，参加评议但不评定等次');
  });
});
