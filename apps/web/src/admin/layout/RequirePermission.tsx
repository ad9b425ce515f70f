import type { Permission } from '@vanguard/shared';
import { type ReactNode, Suspense } from 'react';
import { lazyNamed } from '../../lib/lazy';
import { hasPermission, useMe } from '../../lib/session';

const ForbiddenPage = lazyNamed(() => import('../errors/ResultPages'), 'ForbiddenPage');

/** Shows the page only with the permission; otherwise the 403 page (the server checks again). */
export function RequirePermission({ access, children }: { access?: Permission; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me) return null;
  if (hasPermission(me, access)) return children;
  return (
    <Suspense fallback={null}>
      <ForbiddenPage />
    </Suspense>
  );
}
