import { describe, expect, it } from 'vitest';
import { branchMeasures, cappedPoints, effectiveCaps, POINTS_RULESETS, pointsRulesetOn, studyBlocks } from './points-rules.js';

const rs = POINTS_RULESETS[0];

describe('ruleset', () => {
  it('is found by day, states its source, and caps every activity', () => {
    expect(pointsRulesetOn('2025-12-31').version).toBe('2026.1');
    expect(pointsRulesetOn('2026-06-01').caps.total).toBe(20);
    expect(rs.source).toContain('RULES.md');
    for (const k of Object.keys(rs.points)) expect(rs.caps[k as keyof typeof rs.caps]).toBeGreaterThan(0);
  });
  it('a later version applies from its day on', () => {
    const later = { ...rs, version: '2027.1', validFrom: '2027-01-01' };
    expect(pointsRulesetOn('2026-12-31', [rs, later]).version).toBe('2026.1');
    expect(pointsRulesetOn('2027-01-01', [rs, later]).version).toBe('2027.1');
  });
});

describe('daily caps at the boundary (activity cap and total cap)', () => {
  it.each([
    // requested, activity so far, total so far, activity cap, total cap → counted
    [2, 0, 0, 2, 20, 2],
    [2, 1, 0, 2, 20, 1],
    [2, 2, 0, 2, 20, 0],
    [2, 3, 0, 2, 20, 0],
    [5, 0, 18, 10, 20, 2],
    [5, 0, 19, 10, 20, 1],
    [5, 0, 20, 10, 20, 0],
    [5, 9, 10, 10, 20, 1],
    [0, 0, 0, 10, 20, 0],
    [-3, 0, 0, 10, 20, 0],
  ])('requested %i (activity %i, total %i; caps %i/%i) → %i', (req, act, tot, capA, capT, out) => {
    expect(cappedPoints(req, { activity: act, total: tot }, { activity: capA, total: capT })).toBe(out);
  });
});

describe('overrides of the caps', () => {
  it('takes whole numbers ≥ 0 for known keys only', () => {
    const c = effectiveCaps(rs, { study: 3, total: 0, exam: -1, challenge: 2.5, bogus: 9 });
    expect(c).toMatchObject({ study: 3, total: 0, exam: 10, challenge: 5 });
    expect('bogus' in c).toBe(false);
    expect(effectiveCaps(rs, null)).toEqual(rs.caps);
  });
});

describe('study blocks (one point per 10 credited minutes of a day)', () => {
  it.each([
    [0, 599, 0, 0],
    [0, 600, 0, 1],
    [599, 1, 0, 1],
    [600, 599, 1, 1],
    [600, 600, 1, 2],
    [1190, 15, 1, 2],
    [0, 3600, 0, 6],
    [100, -5, 0, 0],
  ])('%i s before + %i s → blocks %i → %i', (before, add, from, to) => {
    expect(studyBlocks(before, add, 10)).toEqual({ from, to });
  });
});

describe('branch measures', () => {
  it.each([
    [30, 10, 4, 3, 40],
    [10, 3, 1, 3.3, 33],
    [0, 0, 0, 0, 0],
  ])('%i points, %i members, %i participants → %d per capita, %i %%', (pts, m, p, per, pct) => {
    expect(branchMeasures(pts, m, p)).toEqual({ perCapita: per, participationPct: pct });
  });
});
