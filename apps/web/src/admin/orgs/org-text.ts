import { LEADERSHIP_POSTS, type LeadershipPost, ORG_CATEGORIES, ORG_KINDS, type OrgCategory, type OrgKind } from '@vanguard/shared';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { UpgradeKind } from '../../api/orgs';

/* Org codes shown in the UI language; a code the UI does not know yet is shown as the server named it. */
const isIn = <T extends string>(o: Record<string, unknown>, v: string): v is T => Object.hasOwn(o, v);

export const ORG_KIND_CODES = Object.keys(ORG_KINDS) as OrgKind[];
export const ORG_CATEGORY_CODES = Object.keys(ORG_CATEGORIES) as OrgCategory[];
export const POST_CODES = Object.keys(LEADERSHIP_POSTS) as LeadershipPost[];

export const kindText = (t: TFunction, code: string, fallback?: string): string =>
  isIn<OrgKind>(ORG_KINDS, code) ? t(`orgDetail.kinds.${code}`) : (fallback ?? code);

export const categoryText = (t: TFunction, code: string, fallback?: string): string =>
  isIn<OrgCategory>(ORG_CATEGORIES, code) ? t(`orgDetail.categories.${code}`) : (fallback ?? code);

export const postText = (t: TFunction, code: string, fallback?: string): string =>
  isIn<LeadershipPost>(LEADERSHIP_POSTS, code) ? t(`orgTerms.posts.${code}`) : (fallback ?? code);

/** 党支部 in its three forms: the kinds a 党小组 may sit under (支部工作条例 第十条). */
export const BRANCH_KINDS: readonly OrgKind[] = ['branch', 'joint_branch', 'temp_branch'];
export const isBranchKind = (kind: string): boolean => (BRANCH_KINDS as readonly string[]).includes(kind);

/**
 * The kinds offered under a parent, the usual ladder 党委 → 党总支 → 党支部 → 党小组 (党章 第三十条,
 * 支部工作条例 第五、十条): a 党委 may have 党委 (a mine under the group), 党总支 or 党支部 under it;
 * a 党总支 only 党支部; a 党支部 only 党小组; a 党小组 nothing. The first kind is the default.
 */
export function childKinds(parentKind: string): OrgKind[] {
  if (parentKind === 'committee') return ['branch', 'general_branch', 'committee', 'joint_branch', 'temp_branch'];
  if (parentKind === 'general_branch') return ['branch', 'joint_branch', 'temp_branch'];
  if (isBranchKind(parentKind)) return ['group'];
  return [];
}

/** What an org may be upgraded to: 党支部 → 党总支 or 党委, 党总支 → 党委 (支部工作条例 第五条). */
export function upgradeKinds(kind: string): UpgradeKind[] {
  if (isBranchKind(kind)) return ['general_branch', 'committee'];
  if (kind === 'general_branch') return ['committee'];
  return [];
}

/** A suggested new name for an upgrade: 综采队党支部 → 综采队党总支. */
export function upgradedName(name: string, to: UpgradeKind): string {
  const suffix = ORG_KINDS[to];
  const base = name.replace(/(联合党支部|临时党支部|党支部|党总支|党委)$/, '');
  return base === name ? name : `${base}${suffix}`;
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export const today = (): string => dayjs().format('YYYY-MM-DD');
