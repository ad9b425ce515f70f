import { LIFE_RULESETS } from '@vanguard/shared';
import { describe, expect, it } from 'vitest';
import { expectedEnded, periodsHeld } from './compliance.service.js';

const rs = LIFE_RULESETS[0];
const bit = (month: number) => 1 << (month - 1);

describe('month masks to periods', () => {
  it('months, quarters across the March/April boundary, the year', () => {
    const mask = bit(3) | bit(4) | bit(12);
    expect(periodsHeld(mask, 'month').flatMap((f, i) => (f ? [i + 1] : []))).toEqual([3, 4, 12]);
    expect(periodsHeld(mask, 'quarter')).toEqual([true, true, false, true]);
    expect(periodsHeld(bit(1) | bit(2) | bit(3), 'quarter')).toEqual([true, false, false, false]);
    expect(periodsHeld(mask, 'year')).toEqual([true]);
    expect(periodsHeld(0, 'year')).toEqual([false]);
  });
  it('ended cells of a branch and a 党小组 by a day', () => {
    // 2 April: Jan–Mar ended (支委会 and 主题党日: 3 each), Q1 ended (党员大会, 党课: 1 each), the year not.
    expect(expectedEnded('branch', 2026, '2026-04-02', rs)).toBe(8);
    expect(expectedEnded('group', 2026, '2026-04-02', rs)).toBe(3);
    // A whole past year: 支委会 12, 主题党日 12, 党员大会 4, 党课 4, 书记讲党课 1, 组织生活会 1, 谈心谈话 1.
    expect(expectedEnded('branch', 2025, '2026-04-02', rs)).toBe(12 + 12 + 4 + 4 + 1 + 1 + 1);
    expect(expectedEnded('committee', 2026, '2026-04-02', rs)).toBe(0);
  });
});
