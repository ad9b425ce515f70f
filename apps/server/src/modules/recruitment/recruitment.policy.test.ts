import { describe, expect, it } from 'vitest';
import { actorWith } from '../../../test/actors.js';
import { fileUsable } from './recruitment.policy.js';

const actor = actorWith('branch_secretary', '/1/5/', 7);

describe('fileUsable', () => {
  it("the actor's own upload, or a file of an org they can see; nothing else", () => {
    expect(fileUsable(actor, { ownerId: 7, path: null })).toBe(true);
    expect(fileUsable(actor, { ownerId: 8, path: '/1/5/9/' })).toBe(true);
    expect(fileUsable(actor, { ownerId: 8, path: '/1/6/' })).toBe(false);
    expect(fileUsable(actor, { ownerId: 8, path: null })).toBe(false);
    expect(fileUsable(actor, undefined)).toBe(false);
  });
});
