import { describe, expect, it } from 'vitest';
import { examOpenTo, ownAttempt } from './learning.policy.js';

describe('learning policy', () => {
  it('a published exam is open to its subtree', () => {
    expect(examOpenTo({ status: 'published', orgPath: '/1/' }, '/1/5/')).toBe(true);
    expect(examOpenTo({ status: 'draft', orgPath: '/1/' }, '/1/5/')).toBe(false);
    expect(examOpenTo({ status: 'published', orgPath: '/1/6/' }, '/1/5/')).toBe(false);
  });
  it('an attempt is its taker’s alone', () => {
    expect(ownAttempt({ memberId: 3 }, { id: 3 })).toBe(true);
    expect(ownAttempt({ memberId: 3 }, { id: 4 })).toBe(false);
  });
});
