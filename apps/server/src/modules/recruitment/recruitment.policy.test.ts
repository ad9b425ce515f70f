import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/scope.js';
import { fileUsable } from './recruitment.policy.js';

const actor: Actor = {
  userId: 7,
  username: 'sec',
  displayName: '书记',
  orgId: null,
  orgName: null,
  mfaEnabled: false,
  grants: [{ id: 1, role: 'branch_secretary', orgId: 5, orgPath: '/1/5/', orgName: '一支部' }],
};

describe('fileUsable', () => {
  it("the actor's own upload, or a file of an org they can see; nothing else", () => {
    expect(fileUsable(actor, { ownerId: 7, path: null })).toBe(true);
    expect(fileUsable(actor, { ownerId: 8, path: '/1/5/9/' })).toBe(true);
    expect(fileUsable(actor, { ownerId: 8, path: '/1/6/' })).toBe(false);
    expect(fileUsable(actor, { ownerId: 8, path: null })).toBe(false);
    expect(fileUsable(actor, undefined)).toBe(false);
  });
});
