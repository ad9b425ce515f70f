import { describe, expect, it } from 'vitest';
import { inAudience, registrationOpen, seatFor } from './events-rules.js';
import {
  boardColumn,
  boardRoot,
  meanScoreCents,
  needsCommittee,
  PROPOSALS_RULESETS,
  proposalsRulesetOn,
  rewardFor,
  rewardTableProblems,
  scoreProblems,
  splitReward,
} from './proposals-rules.js';

const rs = PROPOSALS_RULESETS[0];

describe('the scoring rubric (创新性 30 / 可行性 30 / 预期效益 40)', () => {
  it('accepts every criterion at 0 and at its maximum', () => {
    expect(scoreProblems(rs, { innovation: 0, feasibility: 0, benefit: 0 })).toEqual([]);
    expect(scoreProblems(rs, { innovation: 30, feasibility: 30, benefit: 40 })).toEqual([]);
  });
  it('refuses one above the maximum, below 0, fractions, a missing or an unknown criterion, naming the field', () => {
    expect(scoreProblems(rs, { innovation: 31, feasibility: 30, benefit: 40 })).toEqual([
      { path: 'scores.innovation', message: '创新性得分应为 0–30 的整数' },
    ]);
    expect(scoreProblems(rs, { innovation: 30, feasibility: -1, benefit: 41 }).map((p) => p.path)).toEqual([
      'scores.feasibility',
      'scores.benefit',
    ]);
    expect(scoreProblems(rs, { innovation: 1.5, feasibility: 1, benefit: 1 })[0].path).toBe('scores.innovation');
    expect(scoreProblems(rs, { innovation: 1, feasibility: 1 })).toEqual([{ path: 'scores.benefit', message: '请给出预期效益得分' }]);
    expect(scoreProblems(rs, { innovation: 1, feasibility: 1, benefit: 1, cost: 3 })[0].path).toBe('scores.cost');
  });
  it('the mean of two reviewers in hundredths, half up', () => {
    expect(meanScoreCents([80, 81])).toBe(8050);
    expect(meanScoreCents([79, 80, 80])).toBe(7967);
    expect(meanScoreCents([])).toBe(0);
  });
  it('goes to the committee at a mean of 80 exactly or an expected benefit of 10万元 exactly, not just below', () => {
    expect(needsCommittee(rs, 8000, 0)).toBe(true);
    expect(needsCommittee(rs, 7999, 0)).toBe(false);
    expect(needsCommittee(rs, 0, 10_000_000)).toBe(true);
    expect(needsCommittee(rs, 7999, 9_999_999)).toBe(false);
  });
  it('the ruleset in force on a day', () => {
    expect(proposalsRulesetOn('2026-03-02').version).toBe('2026.1');
    expect(proposalsRulesetOn('2020-01-01').version).toBe('2026.1');
  });
});

describe('the reward table (grades by verified yearly benefit)', () => {
  const grade = (fen: number) => rewardFor(rs.rewards, fen).grade;
  it('each threshold belongs to its grade; one fen below is the grade below', () => {
    expect(grade(0)).toBe('鼓励奖');
    expect(grade(999_999)).toBe('鼓励奖');
    expect(grade(1_000_000)).toBe('三等奖');
    expect(grade(9_999_999)).toBe('三等奖');
    expect(grade(10_000_000)).toBe('二等奖');
    expect(grade(49_999_999)).toBe('二等奖');
    expect(grade(50_000_000)).toBe('一等奖');
    expect(grade(99_999_999)).toBe('一等奖');
    expect(grade(100_000_000)).toBe('特等奖');
    expect(rewardFor(rs.rewards, 100_000_000).rewardFen).toBe(1_000_000);
  });
  it('a split gives the remainder to the proposer and always sums to the reward', () => {
    expect(splitReward(50_000, 3)).toEqual([16_668, 16_666, 16_666]);
    expect(splitReward(10_000, 1)).toEqual([10_000]);
    expect(splitReward(7, 2).reduce((a, b) => a + b)).toBe(7);
  });
  it('a table must start at 0 and rise', () => {
    expect(rewardTableProblems(rs.rewards)).toEqual([]);
    expect(rewardTableProblems([{ grade: 'a', minBenefitFen: 5, rewardFen: 1 }])).toEqual(['第一档的效益下限应为 0']);
    expect(
      rewardTableProblems([
        { grade: 'a', minBenefitFen: 0, rewardFen: 1 },
        { grade: 'b', minBenefitFen: 0, rewardFen: -1 },
      ]),
    ).toEqual(['第 2 档的效益下限应高于上一档', '第 2 档的奖金不能为负']);
  });
});

describe('board and events rules', () => {
  it('the board root is the mine; the columns follow the status', () => {
    expect(boardRoot('/1/5/23/')).toBe('/1/5/');
    expect(boardRoot('/1/')).toBe('/1/');
    expect(boardColumn('implemented')).toBe('implemented');
    expect(boardColumn('partial')).toBe('adopted');
    expect(boardColumn('merged')).toBe('closed');
    expect(boardColumn('committee')).toBe('open');
  });
  it('registration window, seat and audience', () => {
    const e = { regOpensAt: new Date('2026-03-01T00:00:00Z'), regClosesAt: new Date('2026-03-05T00:00:00Z') };
    expect(registrationOpen(e, new Date('2026-02-28T23:59:59Z'))).toBe('before');
    expect(registrationOpen(e, new Date('2026-03-01T00:00:00Z'))).toBe('open');
    expect(registrationOpen(e, new Date('2026-03-05T00:00:00Z'))).toBe('after');
    expect(seatFor(1, 2)).toBe('registered');
    expect(seatFor(2, 2)).toBe('waitlisted');
    expect(inAudience('members', { member: false, worker: true })).toBe(false);
    expect(inAudience('both', { member: false, worker: true })).toBe(true);
  });
});
