import { describe, expect, it } from 'vitest';
import { ELECTION_RULESETS, entitledCount, minCandidates, outcome, quorumMet, strokeOrder } from './rules.js';

describe('election ruleset cpc-2020', () => {
  it.each([
    [3, 4],
    [5, 6],
    [7, 9],
    [9, 11],
  ])('%i seats need at least %i candidates (20 %, rounded up)', (seats, min) => {
    expect(minCandidates(seats)).toBe(min);
  });

  it('quorum: exactly 4/5 fails, just above passes; exclusions lower the entitled count', () => {
    expect(quorumMet(40, 50)).toBe(false);
    expect(quorumMet(41, 50)).toBe(true);
    expect(quorumMet(8, 10)).toBe(false);
    expect(quorumMet(9, 10)).toBe(true);
    expect(quorumMet(0, 0)).toBe(false);
    expect(entitledCount(12, 2)).toBe(10);
    expect(quorumMet(9, entitledCount(12, 2))).toBe(true);
  });

  it('majority of those entitled: even and odd rolls', () => {
    // 10 entitled: 5 is not more than half, 6 is
    expect(outcome([6, 5, 2], 2, { entitled: 10, present: 9 }).elected).toEqual([0]);
    expect(outcome([6, 5, 2], 2, { entitled: 10, present: 9 }).shortfall).toBe(1);
    // 9 entitled: 5 is more than 4.5
    expect(outcome([6, 5, 2], 2, { entitled: 9, present: 8 }).elected).toEqual([0, 1]);
    // the basis is the ruleset's: present instead of entitled
    const present = { ...ELECTION_RULESETS['cpc-2020'], majorityBasis: 'present' as const };
    expect(outcome([5, 5, 2], 2, { entitled: 10, present: 9 }, present).elected).toEqual([0, 1]);
    expect(outcome([5, 5, 2], 2, { entitled: 10, present: 9 }).elected).toEqual([]);
  });

  it('a tie at the last seat → run-off among the tied; a tie that fits → all elected', () => {
    const o = outcome([9, 8, 7, 7, 1], 3, { entitled: 10, present: 10 });
    expect(o.elected).toEqual([0, 1]);
    expect(o.tied).toEqual([2, 3]);
    expect(o.runoffSeats).toBe(1);
    expect(outcome([9, 7, 7, 1], 3, { entitled: 10, present: 10 })).toMatchObject({ elected: [0, 1, 2], tied: [], shortfall: 0 });
  });

  it('shortfall: fewer over half than seats', () => {
    expect(outcome([9, 4, 3, 2], 3, { entitled: 10, present: 10 })).toMatchObject({ elected: [0], shortfall: 2 });
  });

  it('stroke order: count first, then 横竖撇点折 stroke by stroke, then the given name', () => {
    // [count, classes…]: 李 starts with 横 (1), 张 with 横折 (5)
    const strokes: Record<string, number[]> = { 王: [4, 1], 刘: [6, 4], 李: [7, 1], 张: [7, 5], 马: [3, 5], 一: [1, 1], 二: [2, 1, 1] };
    const list = ['张二', '李一', '刘一', '王一', '马一', '张一'].map((name) => ({ name }));
    expect(strokeOrder(list, (c) => strokes[c]).map((x) => x.name)).toEqual(['马一', '王一', '刘一', '李一', '张一', '张二']);
  });
});
