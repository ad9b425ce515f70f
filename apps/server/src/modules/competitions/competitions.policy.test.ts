import { describe, expect, it } from 'vitest';
import { openTo } from './competitions.policy.js';

describe('competitions policy', () => {
  it('open to the subtree once no longer a draft', () => {
    expect(openTo({ status: 'lobby', orgPath: '/1/' }, '/1/5/')).toBe(true);
    expect(openTo({ status: 'draft', orgPath: '/1/' }, '/1/5/')).toBe(false);
    expect(openTo({ status: 'running', orgPath: '/1/6/' }, '/1/5/')).toBe(false);
  });
});
