import type { SessionStage } from '@vanguard/shared';

/** Which route tree a path belongs to: the phone portal (/m) or the console (/admin). */
export type Tree = 'admin' | 'm';

export const treeOf = (pathname: string): Tree => (pathname === '/m' || pathname.startsWith('/m/') ? 'm' : 'admin');

export const homePathFor = (tree: Tree): string => (tree === 'm' ? '/m/' : '/admin/');

export const loginPathFor = (pathname: string): string => (treeOf(pathname) === 'm' ? '/m/login' : '/admin/login');

export const currentLocation = (): { pathname: string; search: string } => ({
  pathname: window.location.pathname,
  search: window.location.search,
});

/**
 * The `next` parameter after login, accepted only when it is a path inside the same tree
 * (never another origin, never a login or stage page), else the tree's home.
 */
export function safeNext(next: string | null, tree: Tree): string {
  const home = homePathFor(tree);
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return home;
  const path = next.split(/[?#]/)[0] ?? '';
  if (treeOf(path) !== tree || (tree === 'admin' && !path.startsWith('/admin'))) return home;
  if (/\/(login|enrol|password)$/.test(path)) return home;
  return next;
}

/**
 * Where a session stage leads. `mfa` stays on the login page (it shows the code step); the others
 * are pages of their own, carrying `next` so the user ends where they started.
 */
export function stagePath(stage: SessionStage, tree: Tree, next: string | null): string | null {
  const base = tree === 'm' ? '/m' : '/admin';
  const q = next ? `?next=${encodeURIComponent(safeNext(next, tree))}` : '';
  switch (stage) {
    case 'active':
      return next ? safeNext(next, tree) : homePathFor(tree);
    case 'mfa':
      return null;
    case 'enrol':
      return `${base}/enrol${q}`;
    case 'password':
      return `${base}/password${q}`;
  }
}
