/**
 * Where a to-do is done on the phone (去处理): the phone's own pages as they are, and the console
 * pages that have a phone counterpart mapped to it (the secretary's pages, issue 24). Null: the work
 * is done on the console only (the card says so).
 */
export function phoneLinkOf(link: string | null): string | null {
  if (!link) return null;
  const url = new URL(link, 'http://x');
  const path = url.pathname;
  if (path === '/m' || path.startsWith('/m/')) return link;
  if (path === '/admin/dues' && (url.searchParams.get('tab') ?? 'payments') === 'payments') {
    const orgId = url.searchParams.get('orgId');
    return `/m/secretary/dues${orgId ? `?orgId=${orgId}` : ''}`;
  }
  if (path === '/admin/member-corrections') return '/m/secretary/corrections';
  const meeting = /^\/admin\/life\/meetings\/(\d+)$/.exec(path);
  if (meeting) return `/m/secretary/meetings/${meeting[1]}`;
  const recruitment = /^\/admin\/recruitment\/cases\/(\d+)$/.exec(path);
  if (recruitment) return `/m/secretary/recruitment/${recruitment[1]}`;
  return null;
}
