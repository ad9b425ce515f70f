import { describe, expect, it } from 'vitest';
import {
  answerInTime,
  COMPETITION_RULESETS,
  challengeDeadline,
  competitionRulesetOn,
  isRightChoice,
  type PlayerScore,
  rankBranches,
  rankPlayers,
  remainingMs,
} from './competitions-rules.js';

const p = (playerId: number, name: string, correct: number, timeMs: number, branchId = 1, branchName = '一队支部'): PlayerScore => ({
  playerId,
  name,
  branchId,
  branchName,
  correct,
  timeMs,
  answered: correct,
});

describe('rankPlayers: accuracy first, then speed; equals share a rank (1, 2, 2, 4)', () => {
  it.each<[string, PlayerScore[], [string, number][]]>([
    [
      'more right answers beat a faster time',
      [p(1, '甲', 2, 1_000), p(2, '乙', 3, 90_000)],
      [
        ['乙', 1],
        ['甲', 2],
      ],
    ],
    [
      'same right answers: less time first',
      [p(1, '甲', 3, 12_001), p(2, '乙', 3, 12_000)],
      [
        ['乙', 1],
        ['甲', 2],
      ],
    ],
    [
      'same right answers and time: shared rank, the next rank skips',
      [p(1, '丙', 3, 5_000), p(2, '甲', 3, 5_000), p(3, '乙', 1, 100), p(4, '丁', 4, 9_000)],
      [
        ['丁', 1],
        ['丙', 2],
        ['甲', 2],
        ['乙', 4],
      ],
    ],
    [
      'nobody right: time of right answers is 0 for all, all first',
      [p(1, '甲', 0, 0), p(2, '乙', 0, 0)],
      [
        ['甲', 1],
        ['乙', 1],
      ],
    ],
    ['no players', [], []],
  ])('%s', (_n, rows, want) => {
    expect(rankPlayers(rows).map((r) => [r.name, r.rank])).toEqual(want);
  });

  it('follows the ruleset order as data', () => {
    expect(COMPETITION_RULESETS[0].playerOrder).toEqual([
      ['correct', 'desc'],
      ['timeMs', 'asc'],
    ]);
    expect(competitionRulesetOn('2026-06-01').version).toBe('2026.1');
  });
});

describe('rankBranches: by average right answers, then average time, then participants', () => {
  it.each<[string, PlayerScore[], [string, number, number, number][]]>([
    [
      'a small branch with a better average beats a big one',
      [p(1, '甲', 4, 10_000, 1, '一队'), p(2, '乙', 4, 10_000, 2, '二队'), p(3, '丙', 2, 10_000, 2, '二队')],
      [
        ['一队', 1, 4, 1],
        ['二队', 2, 3, 2],
      ],
    ],
    [
      'equal averages: less average time first',
      [p(1, '甲', 3, 9_000, 1, '一队'), p(2, '乙', 3, 8_000, 2, '二队')],
      [
        ['二队', 1, 3, 1],
        ['一队', 1, 3, 2],
      ],
    ],
    [
      'equal averages and time: more participants first; all equal: shared rank',
      [p(1, '甲', 2, 5_000, 1, '一队'), p(2, '乙', 2, 5_000, 2, '二队'), p(3, '丙', 2, 5_000, 2, '二队'), p(4, '丁', 2, 5_000, 3, '三队')],
      [
        ['二队', 2, 2, 1],
        ['三队', 1, 2, 2],
        ['一队', 1, 2, 2],
      ],
    ],
    [
      'averages compare exactly and display rounded',
      [p(1, '甲', 1, 1_000, 1, '一队'), p(2, '乙', 1, 1_000, 1, '一队'), p(3, '丙', 2, 1_000, 1, '一队')],
      [['一队', 3, 1.33, 1]],
    ],
  ])('%s', (_n, rows, want) => {
    expect(rankBranches(rows).map((b) => [b.branchName, b.players, b.avgCorrect, b.rank])).toEqual(want);
  });
});

describe('answerInTime: the server clock decides, the countdown end itself still counts', () => {
  const endsAt = new Date('2026-03-02T09:00:20.000+08:00');
  it.each<[string, number, boolean]>([
    ['1 s before the end', -1000, true],
    ['exactly at the end', 0, true],
    ['1 ms after the end', 1, false],
    ['a minute late', 60_000, false],
  ])('%s', (_n, offset, ok) => {
    expect(answerInTime(new Date(endsAt.getTime() + offset), endsAt)).toBe(ok);
  });
  it('remaining time never goes negative', () => {
    expect(remainingMs(new Date(endsAt.getTime() - 1500), endsAt)).toBe(1500);
    expect(remainingMs(new Date(endsAt.getTime() + 1500), endsAt)).toBe(0);
  });
});

describe('isRightChoice and challengeDeadline', () => {
  it.each<[string[], string[], boolean]>([
    [['B'], ['B'], true],
    [['B'], ['A'], false],
    [['A', 'C'], ['C', 'A'], true],
    [['A', 'C'], ['A'], false],
    [['A', 'C'], ['A', 'C', 'D'], false],
    [['A', 'C'], ['A', 'A', 'C'], true],
    [['true'], ['false'], false],
  ])('right %j, given %j → %s', (right, given, ok) => {
    expect(isRightChoice(right, given)).toBe(ok);
  });
  it('start + limit, cut at the close', () => {
    const start = new Date('2026-03-02T09:00:00Z');
    expect(challengeDeadline(start, 300, new Date('2026-03-09T00:00:00Z')).toISOString()).toBe('2026-03-02T09:05:00.000Z');
    expect(challengeDeadline(start, 300, new Date('2026-03-02T09:02:00Z')).toISOString()).toBe('2026-03-02T09:02:00.000Z');
  });
});
