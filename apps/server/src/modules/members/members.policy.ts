import { type Actor, covers, scopeOf, visibleScope } from '../../platform/access/scope.js';

// Record-level rules of the member archive beyond org scope: pure functions, no database.

/**
 * The org a row of an import names (`named`: the live orgs of that name): the one the actor may
 * write to, or why not — several of that name, visible without the permission, or none at all.
 */
export function importTarget(actor: Actor, name: string, named: { id: number; path: string }[]): { id: number; path: string } | string {
  const mine = named.filter((o) => covers(scopeOf(actor, 'members:write'), o.path));
  if (mine.length === 1) return { id: mine[0].id, path: mine[0].path };
  if (mine.length > 1) return `有 ${mine.length} 个名为“${name}”的党组织，无法确定是哪一个，请先在组织管理中改名区分`;
  if (named.some((o) => covers(visibleScope(actor), o.path))) return `无权向“${name}”导入党员（需要党员档案维护权限）`;
  return `未找到党组织“${name}”（须填写全称，且未撤销）`;
}
