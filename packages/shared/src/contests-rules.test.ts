import { describe, expect, it } from 'vitest';
import { judgedCents, rankContestants, type Sheet } from './contests-rules.js';

describe('judging: drop the highest and lowest from 5 judges, average to two decimals', () => {
  it('4 judges: nothing dropped', () => {
    expect(judgedCents([90, 80, 70, 60])).toBe(7500);
  });
  it('5 judges: one highest and one lowest dropped', () => {
    expect(judgedCents([99, 85, 86, 87, 60])).toBe(8600);
    // (85 + 86 + 86.5) / 3 = 85.8333… → 85.83
    expect(judgedCents([85, 86, 86.5, 100, 10])).toBe(8583);
  });
  it('7 judges: only one of each extreme dropped, even when repeated', () => {
    expect(judgedCents([100, 100, 90, 80, 70, 60, 60])).toBe(8000);
    // (91.25 + 91.5 + 92 + 92.75 + 93) / 5 = 92.1 exactly
    expect(judgedCents([91.25, 91.5, 92, 92.75, 93, 99, 50])).toBe(9210);
  });
  it('half up at the third decimal', () => {
    // (85.12 + 85.13) / 2 = 85.125 → 85.13
    expect(judgedCents([85.12, 85.13])).toBe(8513);
    expect(judgedCents([])).toBe(0);
  });
});

describe('ranking: ties broken by the named criterion (content), then shared', () => {
  const sheet = (content: number, delivery: number): Sheet => ({ content, delivery });
  it('equal totals: the higher content average ranks first; equal on both share the rank', () => {
    const five = (c: number, d: number) => Array.from({ length: 5 }, () => sheet(c, d));
    const ranked = rankContestants(
      new Map([
        [1, five(50, 40)],
        [2, five(55, 35)],
        [3, five(55, 35)],
        [4, five(40, 40)],
      ]),
    );
    expect(ranked.map((r) => [r.id, r.cents, r.rank])).toEqual([
      [2, 9000, 1],
      [3, 9000, 1],
      [1, 9000, 3],
      [4, 8000, 4],
    ]);
  });
  it('with 5 judges one outlier judge cannot decide the order', () => {
    const a = [sheet(45, 45), sheet(45, 45), sheet(45, 45), sheet(45, 45), sheet(10, 10)];
    const b = [sheet(44, 44), sheet(44, 44), sheet(44, 44), sheet(44, 44), sheet(50, 50)];
    expect(
      rankContestants(
        new Map([
          [1, a],
          [2, b],
        ]),
      ).map((r) => r.id),
    ).toEqual([1, 2]);
  });
});
