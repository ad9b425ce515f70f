import { describe, expect, it } from 'vitest';
import { addMonthsYm, monthsBetween } from './dates.js';
import {
  applyRate,
  arrearsStage,
  checkPaymentMonths,
  DUES_RULESETS,
  DuesInputError,
  dueAfterHardship,
  duesRulesetOn,
  duesStandard,
} from './dues-rules.js';

const rs = DUES_RULESETS[0];
const std = (category: string, baseFen?: number, rounding?: 'fen' | 'jiao-up') => duesStandard({ category, baseFen }, rs, rounding);

describe('dues standard — brackets and boundaries (RULES.md §Dues)', () => {
  it.each([
    // category, base (fen), rate, monthly (fen)
    ['employed', 0, 0.005, 0],
    ['employed', 100, 0.005, 1], // 1.00 元 × 0.5 % = 0.005 元 → half up to 0.01
    ['employed', 99, 0.005, 0], // 0.99 × 0.5 % = 0.00495 → 0.00
    ['employed', 299_999, 0.005, 1500],
    ['employed', 300_000, 0.005, 1500], // 3000 exactly is 0.5 %
    ['employed', 300_001, 0.01, 3000], // 3000.01 × 1 % = 30.0001 → 30.00
    ['employed', 450_050, 0.01, 4501], // 4500.50 × 1 % = 45.005 → 45.01 (half up)
    ['employed', 500_000, 0.01, 5000], // 5000 exactly is 1 %
    ['employed', 500_001, 0.015, 7500],
    ['employed', 1_000_000, 0.015, 15000], // 10000 exactly is 1.5 %
    ['employed', 1_000_001, 0.02, 20000],
    ['employed', 5_000_000, 0.02, 100_000], // 50000 × 2 % = 1000 exactly: not capped
    ['employed', 5_000_050, 0.02, 100_000], // 1000.001 → capped at 1000
    ['employed', 8_000_000, 0.02, 100_000], // cap
    ['retired', 500_000, 0.005, 2500], // 5000 exactly 0.5 %
    ['retired', 500_001, 0.01, 5000], // 5000.01 × 1 % = 50.0001 → 50.00
    ['retired', 300_000, 0.005, 1500],
    ['retired', 20_000_000, 0.01, 100_000], // cap applies to retirees too
  ] as const)('%s base %i fen → rate %d, %i fen', (category, base, rate, fen) => {
    const s = std(category, base);
    expect(s.rate).toBe(rate);
    expect(s.monthlyFen).toBe(fen);
    expect(s.ruleVersion).toBe('2017.1');
  });

  it.each([
    ['student', 20],
    ['unemployed', 20],
    ['farmer', 20],
  ] as const)('%s pays a fixed %i fen whatever the base', (category, fen) => {
    expect(std(category, 900_000).monthlyFen).toBe(fen);
    expect(std(category).rate).toBeNull();
  });

  it('farmers: 0.20–1.00 元 as set locally, outside refused', () => {
    expect(duesStandard({ category: 'farmer', farmerFen: 100 }).monthlyFen).toBe(100);
    expect(() => duesStandard({ category: 'farmer', farmerFen: 101 })).toThrow(DuesInputError);
    expect(() => duesStandard({ category: 'farmer', farmerFen: 19 })).toThrow(DuesInputError);
  });

  it('the cap is flagged in the result', () => {
    expect(std('employed', 8_000_000).capped).toBe(true);
    expect(std('employed', 5_000_000).capped).toBe(false);
  });

  it.each([
    [300_000, 1500, 1500], // 15.00 stays
    [300_001, 3000, 3010], // 30.0001 → 30.00 / 30.10
    [123_456, 617, 620], // 1234.56 × 0.5 % = 6.1728 → 6.17 / 6.20
    [100, 1, 10], // 0.005 元 → 0.01 / 0.10
    [1, 0, 10], // 0.0005 → 0.00 / 0.10 (jiao-up never rounds a positive amount to zero)
    [0, 0, 0],
    [600_001, 9000, 9010], // 6000.01 × 1.5 % = 90.00015 → 90.00 / 90.10
  ])('rounding: base %i → fen %i, jiao-up %i', (base, fen, jiao) => {
    expect(std('employed', base, 'fen').monthlyFen).toBe(fen);
    expect(std('employed', base, 'jiao-up').monthlyFen).toBe(jiao);
  });

  it.each([
    [-1, '计算基数不能为负数'],
    [1e12, '计算基数超出合理范围'],
    [100.5, '计算基数应为整数'],
    [Number.NaN, '计算基数应为整数'],
  ])('bad base %s → %s', (base, msg) => {
    expect(() => std('employed', base)).toThrow(msg);
  });

  it('unknown category is refused with the list of categories', () => {
    expect(() => std('manager', 1000)).toThrow(/党费类别应为/);
  });

  it('applyRate is exact in integers (no float drift)', () => {
    expect(applyRate(1_000_000, 150, 'fen')).toBe(15000);
    expect(applyRate(333_333, 100, 'fen')).toBe(3333);
    expect(applyRate(333_350, 100, 'fen')).toBe(3334);
  });
});

describe('hardship, arrears stages, payment months', () => {
  it('hardship: exempt → 0, reduce → lower of the two', () => {
    expect(dueAfterHardship(5000, { kind: 'exempt' })).toBe(0);
    expect(dueAfterHardship(5000, { kind: 'reduce', monthlyFen: 1000 })).toBe(1000);
    expect(dueAfterHardship(500, { kind: 'reduce', monthlyFen: 1000 })).toBe(500);
    expect(dueAfterHardship(500, null)).toBe(500);
  });

  it.each([
    [0, null],
    [2, null],
    [3, 'remind'],
    [4, 'remind'],
    [5, 'escalate'],
    [6, 'withdrawal'],
    [9, 'withdrawal'],
  ] as const)('%i months unpaid → %s', (n, stage) => expect(arrearsStage(n)).toBe(stage));

  it('back pay up to 6 months; more needs approval; prepay up to 6 months ahead', () => {
    expect(checkPaymentMonths(['2026-01'], '2026-07', {})).toBeNull();
    expect(checkPaymentMonths(['2025-12'], '2026-07', {})?.message).toMatch(/补交一般不得超过 6 个月/);
    expect(checkPaymentMonths(['2025-12'], '2026-07', { approved: true })).toBeNull();
    expect(checkPaymentMonths(['2027-01'], '2026-07', {})).toBeNull();
    expect(checkPaymentMonths(['2027-02'], '2026-07', {})?.message).toMatch(/预交一般不超过 6 个月/);
  });

  it('month arithmetic', () => {
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
    expect(addMonthsYm('2025-11', 3)).toBe('2026-02');
    expect(addMonthsYm('2026-01', -1)).toBe('2025-12');
  });

  it('ruleset by date', () => expect(duesRulesetOn('2026-01-01').version).toBe('2017.1'));
});

describe('how it was computed (shown to the member)', () => {
  it.each([
    [250_000, '3000.00 元（含）以下档 0.5%'],
    [680_000, '5000.00 元以上至 10000.00 元（含）档 1.5%'],
    [1_000_001, '10000.00 元以上档 2%'],
  ])('base %i → %s', (baseFen, text) => {
    const s = duesStandard({ category: 'employed', baseFen });
    expect(s.basis).toContain(text);
    expect(s.rule).toContain(text);
    expect(s.rule).not.toContain(String(baseFen / 100));
  });
});
