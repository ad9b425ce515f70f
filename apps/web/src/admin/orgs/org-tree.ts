import { useQuery } from '@tanstack/react-query';
import { orgsApi } from '../../api/endpoints';
import type { OrgNodeDto } from '../../api/types';

export const ORG_TREE_KEY = ['orgs', 'tree'] as const;

/** The org subtrees the user may see (GET /orgs/tree). */
export const useOrgTree = (enabled = true) => useQuery({ queryKey: ORG_TREE_KEY, queryFn: orgsApi.tree, staleTime: 5 * 60_000, enabled });

/**
 * Keeps the nodes whose name contains `q` (case-insensitive) and their ancestors; a matching
 * node keeps its whole subtree. Returns the pruned tree and the ids to expand.
 */
export function filterOrgTree(nodes: OrgNodeDto[], q: string): { nodes: OrgNodeDto[]; expand: number[] } {
  const needle = q.trim().toLowerCase();
  if (!needle) return { nodes, expand: [] };
  const expand: number[] = [];
  const walk = (list: OrgNodeDto[]): OrgNodeDto[] =>
    list.flatMap((n) => {
      if (n.name.toLowerCase().includes(needle)) return [n];
      const children = walk(n.children);
      if (!children.length) return [];
      expand.push(n.id);
      return [{ ...n, children }];
    });
  return { nodes: walk(nodes), expand };
}

/** Every id in the tree (for “expand all” on small trees). */
export function allIds(nodes: OrgNodeDto[], depth = Number.POSITIVE_INFINITY): number[] {
  if (depth <= 0) return [];
  return nodes.flatMap((n) => (n.children.length ? [n.id, ...allIds(n.children, depth - 1)] : []));
}
