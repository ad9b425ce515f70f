import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import { type MemberOptionQuery, memberOptions, orgApi, type PioneerListQuery, pioneerApi, termsApi } from '../../api/orgs';
import type { OrgNodeDto } from '../../api/types';

/* Every key starts with 'orgs' (the tree's too), so one invalidation refreshes the whole page. */
const key = (id: number, part: string, ...rest: unknown[]) => ['orgs', id, part, ...rest] as const;

export const useOrg = (id: number) => useQuery({ queryKey: key(id, 'detail'), queryFn: () => orgApi.get(id) });
export const useOrgHistory = (id: number) => useQuery({ queryKey: key(id, 'history'), queryFn: () => orgApi.history(id) });
export const useRuleCheck = (id: number) => useQuery({ queryKey: key(id, 'rules'), queryFn: () => orgApi.ruleCheck(id) });
export const useTerms = (id: number) => useQuery({ queryKey: key(id, 'terms'), queryFn: () => termsApi.list(id) });
export const usePioneerPosts = (id: number, q: PioneerListQuery) =>
  useQuery({ queryKey: key(id, 'pioneer', q), queryFn: () => pioneerApi.list(id, q), placeholderData: keepPreviousData });

/** Members of an org's subtree matching a search, for the pickers. */
export const useMemberOptions = (q: MemberOptionQuery, enabled: boolean) =>
  useQuery({
    queryKey: ['orgs', q.orgId, 'member-options', q],
    queryFn: () => memberOptions(q),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

/** After a structure change: the tree, every org's panels, and member lists (members may have moved). */
export async function refreshOrgs(qc: QueryClient): Promise<void> {
  await Promise.all([qc.invalidateQueries({ queryKey: ['orgs'] }), qc.invalidateQueries({ queryKey: ['members'] })]);
}

/** The node with this id, its parent and its ancestors' ids (root first), or null. */
export function locate(nodes: OrgNodeDto[], id: number, trail: OrgNodeDto[] = []): { node: OrgNodeDto; trail: OrgNodeDto[] } | null {
  for (const n of nodes) {
    if (n.id === id) return { node: n, trail };
    const hit = locate(n.children, id, [...trail, n]);
    if (hit) return hit;
  }
  return null;
}
