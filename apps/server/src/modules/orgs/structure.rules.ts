import { ORG_KINDS, type OrgKind } from '@vanguard/shared';
import type { UpgradeKind } from '@vanguard/shared/api/orgs';

/** 党支部 in its three forms: the kinds that may have 党小组 under them. */
const BRANCH_KINDS: readonly string[] = ['branch', 'joint_branch', 'temp_branch'];
export const isBranchKind = (kind: string): boolean => BRANCH_KINDS.includes(kind);

const kindName = (kind: string) => ORG_KINDS[kind as OrgKind] ?? kind;

/**
 * Why `childKind` may not sit under `parentKind`, or null when it may. 党小组 is set up inside a
 * 党支部 (支部工作条例 第十条) and has nothing under it. Other placements are left to local practice.
 */
export function placementProblem(parentKind: string, childKind: string): string | null {
  if (parentKind === 'group') return '党小组下不能设立下级组织';
  if (childKind === 'group' && !isBranchKind(parentKind)) {
    return `党小组只能设在党支部（含联合党支部、临时党支部）下，不能设在${kindName(parentKind)}下`;
  }
  return null;
}

/** The levels an org climbs when it grows: 党支部 → 党总支 → 党委 (支部工作条例 第五条). */
const LEVEL: Record<string, number> = { branch: 1, joint_branch: 1, temp_branch: 1, general_branch: 2, committee: 3 };

/** Why an org of `from` cannot be upgraded to `to`, or null when it can. */
export function upgradeProblem(from: string, to: UpgradeKind): string | null {
  const level = LEVEL[from];
  if (level === undefined) return `${kindName(from)}不能升格`;
  if (level >= LEVEL[to]) return `只能由党支部升格为党总支或党委、由党总支升格为党委；${kindName(from)}不能改为${kindName(to)}`;
  return null;
}
