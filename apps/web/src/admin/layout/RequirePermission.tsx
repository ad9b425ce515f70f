import type { Permission } from '@vanguard/shared';
import type { ReactNode } from 'react';
import { hasPermission, useMe } from '../../lib/session';
import { ForbiddenPage } from '../errors/ResultPages';

/** Shows the page only with the permission; otherwise the 403 page (the server checks again). */
export function RequirePermission({ access, children }: { access?: Permission; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me) return null;
  return hasPermission(me, access) ? children : <ForbiddenPage />;
}
