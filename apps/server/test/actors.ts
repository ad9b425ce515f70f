import type { Role } from '@vanguard/shared';
import type { Actor } from '../src/platform/access/scope.js';

/** An actor holding one role on one org, for the pure policy tests (`<m>.policy.test.ts`). */
export function actorWith(role: Role, orgPath = '/1/5/', userId = 1): Actor {
  return {
    userId,
    username: 'u',
    displayName: 'u',
    orgId: null,
    orgName: null,
    mfaEnabled: false,
    grants: [{ id: 1, role, orgId: 5, orgPath, orgName: '一支部' }],
  };
}
