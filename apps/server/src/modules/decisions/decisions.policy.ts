import type { Grant } from '../../platform/access/scope.js';

/** 三重一大 matters are decided collectively by a 党委 or a 党总支 (not a branch). */
export const mayHoldDecisions = (orgKind: string): boolean => orgKind === 'committee' || orgKind === 'general_branch';

/** A publication reaches whoever holds a role (any, or one of its roles) on an org in its subtree. */
export function inAudience(
  pub: { orgPath: string; roles: readonly string[] },
  grants: readonly Pick<Grant, 'role' | 'orgPath'>[],
): boolean {
  return grants.some((g) => g.orgPath.startsWith(pub.orgPath) && (pub.roles.length === 0 || pub.roles.includes(g.role)));
}
