import { describe, expect, it } from 'vitest';
import { decisionPasses, missingBefore, quorumMet, quorumNeeded, requiredSteps, secretaryLast } from './decisions-rules.js';

describe('三重一大 quorum (到会超过半数；干部任免到会三分之二)', () => {
  it.each([
    // kind, members, present, met
    ['major_decision', 9, 4, false],
    ['major_decision', 9, 5, true],
    ['major_decision', 8, 4, false], // exactly half is not more than half
    ['major_decision', 8, 5, true], // half + 1
    ['funds', 10, 5, false],
    ['funds', 10, 6, true],
    ['personnel', 8, 5, false],
    ['personnel', 8, 6, true],
    ['personnel', 9, 5, false],
    ['personnel', 9, 6, true], // exactly two thirds
    ['personnel', 10, 6, false],
    ['personnel', 10, 7, true],
    ['project', 7, 8, false], // more present than members is refused, never a quorum
  ] as const)('%s: %i members, %i present → %s', (kind, members, present, met) => {
    expect(quorumMet(kind, members, present)).toBe(met);
  });
  it('the hint names the least quorum', () => {
    expect([quorumNeeded('personnel', 8), quorumNeeded('personnel', 9), quorumNeeded('personnel', 10)]).toEqual([6, 6, 7]);
    expect([quorumNeeded('major_decision', 8), quorumNeeded('major_decision', 9)]).toEqual([5, 5]);
  });
});

describe('passing: more than half of ALL committee members in favour', () => {
  it.each([
    [9, 5, true], // 9 members, 7 present, 5 in favour → passes
    [9, 4, false], // 4 → fails, although 4 of 7 present is a majority of those present
    [8, 4, false],
    [8, 5, true],
    [7, 4, true],
    [0, 0, false],
  ])('%i members, %i in favour → %s', (members, agree, passes) => {
    expect(decisionPasses(members, agree)).toBe(passes);
  });
});

describe('the ordered procedure', () => {
  it('legal review is required for 重大决策 only', () => {
    expect(requiredSteps('major_decision')).toContain('legal_review');
    expect(requiredSteps('personnel')).not.toContain('legal_review');
  });
  it.each([
    ['major_decision', [], 'research', null],
    ['major_decision', [], 'consult', 'research'],
    ['major_decision', ['research', 'consult'], 'pre_communication', 'legal_review'],
    ['funds', ['research', 'consult'], 'pre_communication', null],
    ['major_decision', ['research', 'consult', 'legal_review', 'pre_communication', 'discussion'], 'decision', 'vote'],
  ] as const)('%s after %j: %s → missing %s', (kind, done, step, missing) => {
    expect(missingBefore(kind, done, step)).toBe(missing);
  });
});

describe('末位表态', () => {
  it.each([
    [[1, 2, 3], 3, true],
    [[3, 1, 2], 3, false],
    [[1, 2], 3, true], // the secretary absent: nothing to warn
    [[1, 2], null, true],
  ] as const)('%j with secretary %s → %s', (order, sec, last) => {
    expect(secretaryLast(order, sec)).toBe(last);
  });
});
