import { describe, expect, it } from 'vitest';
import { combine, periodRange, ranks, spearman, valueProblem } from './analytics-rules.js';

describe('analytics rules', () => {
  it('periods: month, quarter and year around a month', () => {
    expect(periodRange('month', '2026-05')).toEqual({ from: '2026-05', to: '2026-05' });
    expect(periodRange('quarter', '2026-05')).toEqual({ from: '2026-04', to: '2026-06' });
    expect(periodRange('quarter', '2026-12')).toEqual({ from: '2026-10', to: '2026-12' });
    expect(periodRange('year', '2026-01')).toEqual({ from: '2026-01', to: '2026-12' });
  });

  it('combine: sum adds months, last takes the latest month, avg per unit-month, max the largest', () => {
    const cells = [
      { month: '2026-02', sum: 30, n: 3, max: 20 },
      { month: '2026-01', sum: 10, n: 1, max: 10 },
    ];
    expect(combine('sum', cells)).toBe(40);
    expect(combine('last', cells)).toBe(30);
    expect(combine('avg', cells)).toBe(10);
    expect(combine('max', cells)).toBe(20);
    expect(combine('sum', [])).toBeNull();
  });

  it('ranks share ties', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it('spearman: none below 8 units or without variation; ±1 for monotone; a hand-checked case', () => {
    const line = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ x: i, y: f(i) }));
    expect(spearman(line(7, (i) => i))).toBeNull();
    expect(spearman(line(8, (i) => i * i))).toBe(1);
    expect(spearman(line(8, (i) => -i))).toBe(-1);
    expect(spearman(line(8, () => 3))).toBeNull();
    // y ranks [1,2,4,3,5,6,8,7] against x 1…8: Σd² = 4, ρ = 1 − 6·4 / (8·63) = 0.952.
    expect(spearman([1, 2, 4, 3, 5, 6, 9, 7].map((y, i) => ({ x: i + 1, y })))).toBe(0.952);
  });

  it('values: not negative, a finite number', () => {
    expect(valueProblem(0)).toBeNull();
    expect(valueProblem(-0.5)).toBe('数值不能为负数');
    expect(valueProblem(Number.NaN)).toBe('数值须为数字');
  });
});
