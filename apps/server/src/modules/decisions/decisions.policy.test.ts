import { describe, expect, it } from 'vitest';
import { inAudience, mayHoldDecisions } from './decisions.policy.js';

describe('decisions policy', () => {
  it.each([
    ['committee', true],
    ['general_branch', true],
    ['branch', false],
  ])('%s may hold 三重一大 matters: %s', (kind, may) => expect(mayHoldDecisions(kind)).toBe(may));
  it.each([
    [{ orgPath: '/1/', roles: [] }, [{ role: 'member', orgPath: '/1/5/' }], true],
    [{ orgPath: '/1/5/', roles: [] }, [{ role: 'member', orgPath: '/1/6/' }], false],
    [{ orgPath: '/1/', roles: ['branch_secretary'] }, [{ role: 'member', orgPath: '/1/5/' }], false],
    [{ orgPath: '/1/', roles: ['branch_secretary'] }, [{ role: 'branch_secretary', orgPath: '/1/5/' }], true],
  ] as const)('%j reaches %j: %s', (pub, grants, yes) => expect(inAudience(pub, grants)).toBe(yes));
});
