import { describe, expect, it } from 'vitest';
import { placementProblem, upgradeProblem } from './structure.rules.js';

describe('where an org may sit', () => {
  it.each([
    ['branch', 'group', null],
    ['joint_branch', 'group', null],
    ['temp_branch', 'group', null],
    ['general_branch', 'group', '党小组只能设在党支部（含联合党支部、临时党支部）下，不能设在党总支下'],
    ['committee', 'group', '党小组只能设在党支部（含联合党支部、临时党支部）下，不能设在党委下'],
    ['group', 'group', '党小组下不能设立下级组织'],
    ['group', 'branch', '党小组下不能设立下级组织'],
    ['committee', 'committee', null],
    ['committee', 'branch', null],
    ['general_branch', 'branch', null],
  ])('%s ← %s', (parent, child, problem) => {
    expect(placementProblem(parent, child)).toBe(problem);
  });

  it.each([
    ['branch', 'general_branch', true],
    ['branch', 'committee', true],
    ['joint_branch', 'general_branch', true],
    ['general_branch', 'committee', true],
    ['general_branch', 'general_branch', false],
    ['committee', 'committee', false],
    ['committee', 'general_branch', false],
    ['group', 'general_branch', false],
  ] as const)('upgrade %s → %s allowed: %s', (from, to, ok) => {
    expect(upgradeProblem(from, to) === null).toBe(ok);
  });
});
