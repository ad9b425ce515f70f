import { describe, expect, it } from 'vitest';
import { addMonths, wholeMonths } from './dates.js';
import {
  capitalDate,
  capitalNumber,
  capitalYear,
  capitalYearMonth,
  defaultValidityDays,
  isLetterExpired,
  isReceiptOverdue,
  type LostStepFact,
  letterValidUntil,
  lostContactStage,
  lostStepProblem,
  mobileFormFor,
  receiptDueOn,
  relationRulesetOn,
} from './relations-rules.js';

const rs = relationRulesetOn('2026-03-02');

describe('capital numerals (大写)', () => {
  it.each([
    [0, '零'],
    [1, '壹'],
    [9, '玖'],
    [10, '壹拾'],
    [11, '壹拾壹'],
    [12, '壹拾贰'],
    [20, '贰拾'],
    [30, '叁拾'],
    [31, '叁拾壹'],
    [90, '玖拾'],
    [100, '壹佰'],
    [101, '壹佰零壹'],
    [105, '壹佰零伍'],
    [110, '壹佰壹拾'],
    [180, '壹佰捌拾'],
    [1000, '壹仟'],
    [1001, '壹仟零壹'],
    [1010, '壹仟零壹拾'],
    [1100, '壹仟壹佰'],
    [2026, '贰仟零贰拾陆'],
    [9999, '玖仟玖佰玖拾玖'],
  ])('%i → %s', (n, s) => expect(capitalNumber(n)).toBe(s));
  it('refuses what the form cannot hold', () => {
    expect(() => capitalNumber(-1)).toThrow(RangeError);
    expect(() => capitalNumber(10000)).toThrow(RangeError);
    expect(() => capitalNumber(1.5)).toThrow(RangeError);
  });
  it.each([
    [2026, '贰零贰陆'],
    [2000, '贰零零零'],
    [1999, '壹玖玖玖'],
  ])('year %i digit by digit → %s', (y, s) => expect(capitalYear(y)).toBe(s));
  it.each([
    ['2026-03', '贰零贰陆年叁月'],
    ['2025-10', '贰零贰伍年壹拾月'],
    ['2025-12', '贰零贰伍年壹拾贰月'],
  ])('dues paid up to %s → %s', (ym, s) => expect(capitalYearMonth(ym)).toBe(s));
  it.each([
    ['2026-03-02', '贰零贰陆年叁月贰日'],
    ['2026-11-30', '贰零贰陆年壹拾壹月叁拾日'],
    ['2026-01-10', '贰零贰陆年壹月壹拾日'],
  ])('date %s → %s', (d, s) => expect(capitalDate(d)).toBe(s));
});

describe('calendar months', () => {
  it.each([
    ['2026-03-02', '2026-06-01', 2],
    ['2026-03-02', '2026-06-02', 3],
    ['2026-08-31', '2027-02-27', 5],
    ['2026-08-31', '2027-02-28', 6],
    ['2026-03-02', '2026-03-01', 0],
  ])('wholeMonths(%s, %s) = %i', (a, b, n) => expect(wholeMonths(a, b)).toBe(n));
  it('addMonths clamps to the month end like PostgreSQL', () => expect(addMonths('2026-01-31', 1)).toBe('2026-02-28'));
});

describe('letter validity (有效期)', () => {
  it('defaults: 30 days within the group, 90 outside', () => {
    expect(defaultValidityDays(true, rs)).toBe(30);
    expect(defaultValidityDays(false, rs)).toBe(90);
  });
  it.each([
    // issued, days, today, expired?
    ['2026-03-02', 30, '2026-03-02', false],
    ['2026-03-02', 30, '2026-03-31', false],
    ['2026-03-02', 30, '2026-04-01', true],
    ['2026-03-02', 90, '2026-05-30', false],
    ['2026-03-02', 90, '2026-05-31', true],
    ['2026-12-20', 30, '2027-01-18', false],
    ['2026-12-20', 30, '2027-01-19', true],
  ] as const)('issued %s valid %i days: on %s expired=%s', (issued, days, today, expired) => {
    expect(isLetterExpired(issued, days, today)).toBe(expired);
  });
  it('the day of issue counts as day one', () => expect(letterValidUntil('2026-03-02', 30)).toBe('2026-03-31'));
});

describe('receipt due within 1 month (回执)', () => {
  it.each([
    ['2026-03-02', null, '2026-04-01', false],
    ['2026-03-02', null, '2026-04-02', true],
    ['2026-03-02', null, '2026-05-10', true],
    ['2026-03-02', '2026-03-20', '2026-05-10', false],
    ['2026-01-31', null, '2026-02-27', false],
    ['2026-01-31', null, '2026-02-28', true],
  ] as const)('issued %s, received %s: on %s overdue=%s', (issued, received, today, overdue) => {
    expect(isReceiptOverdue(issued, received, today, rs)).toBe(overdue);
  });
  it('due date', () => expect(receiptDueOn('2026-03-02', rs)).toBe('2026-04-02'));
});

describe('mobile member form by duration (流动党员)', () => {
  it.each([
    // start, expected return, fixed place, form
    ['2026-03-02', '2026-04-02', true, 'card'],
    ['2026-03-02', '2026-06-01', true, 'card'],
    ['2026-03-02', '2026-06-02', true, 'certificate'],
    ['2026-03-02', '2026-06-02', false, 'certificate'],
    ['2026-03-02', '2026-09-01', true, 'certificate'],
    ['2026-03-02', '2026-09-02', true, 'transfer'],
    ['2026-03-02', '2026-09-02', false, 'card'],
    ['2026-03-02', '2027-03-02', true, 'transfer'],
    ['2026-03-02', '2027-03-02', false, 'card'],
  ] as const)('%s → %s, fixed=%s: %s', (start, end, fixed, form) => {
    expect(mobileFormFor(start, end, fixed, rs)).toBe(form);
  });
});

describe('lost contact (失联, ≥ 6 months without org life and dues)', () => {
  it.each([
    // last life, last dues, today, stage (null: no facts)
    [null, null, '2026-09-02', null],
    ['2026-03-02', null, '2026-09-01', 'in_contact'],
    ['2026-03-02', null, '2026-09-02', 'correction'],
    [null, '2026-03-02', '2026-09-02', 'correction'],
    ['2026-03-02', '2026-05-01', '2026-09-02', 'in_contact'],
    ['2026-05-01', '2026-03-02', '2026-09-02', 'in_contact'],
    ['2026-03-02', '2026-03-01', '2026-09-02', 'correction'],
    ['2024-09-02', null, '2026-09-01', 'correction'],
    ['2024-09-02', null, '2026-09-02', 'suspension'],
  ] as const)('life %s, dues %s, on %s → %s', (life, dues, today, stage) => {
    expect(lostContactStage(life, dues, today, rs)?.stage ?? null).toBe(stage);
  });
  it('reports the reference date and the months', () => {
    expect(lostContactStage('2026-01-15', '2026-02-10', '2026-09-02', rs)).toEqual({ stage: 'correction', since: '2026-02-10', months: 6 });
  });
});

describe('lost-contact handling steps (2024 rules)', () => {
  const steps: LostStepFact[] = [
    { step: 'identified', on: '2026-03-02' },
    { step: 'searched', on: '2026-03-10' },
    { step: 'correction', on: '2026-03-15', deadline: '2026-09-15' },
  ];
  it.each([
    [[], { step: 'identified', on: '2026-03-02' }, null],
    [[], { step: 'searched', on: '2026-03-02' }, '下一步应为：支委会认定失联'],
    [[], { step: 'restored', on: '2026-03-02' }, '请先认定失联'],
    [steps.slice(0, 1), { step: 'searched', on: '2026-03-01' }, '日期不能早于上一步（支委会认定失联，2026-03-02）'],
    [steps.slice(0, 2), { step: 'correction', on: '2026-03-15' }, '请填写改正期限'],
    [steps.slice(0, 2), { step: 'correction', on: '2026-03-15', deadline: '2026-03-15' }, '改正期限应晚于通知日期'],
    [steps.slice(0, 2), { step: 'correction', on: '2026-03-15', deadline: '2027-03-15' }, null],
    [steps.slice(0, 2), { step: 'correction', on: '2026-03-15', deadline: '2027-03-16' }, '改正期限最长不超过 12 个月'],
    [steps, { step: 'removal_proposed', on: '2026-09-15' }, '改正期限（2026-09-15）届满后才能提出除名意见'],
    [steps, { step: 'removal_proposed', on: '2026-09-16' }, null],
    [steps, { step: 'restored', on: '2026-09-10' }, null],
    [[...steps, { step: 'restored', on: '2026-09-10' }], { step: 'removal_proposed', on: '2026-09-20' }, '该失联处置已结案'],
    [steps, { step: 'removal_proposed', on: '2026-12-01' }, '日期不能晚于今天'],
  ] as [LostStepFact[], LostStepFact, string | null][])('%#: %j → %s', (done, next, problem) => {
    expect(lostStepProblem(done, next, '2026-11-30', rs)).toBe(problem);
  });
});
