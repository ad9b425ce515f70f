import { useQuery } from '@tanstack/react-query';
import { portalApi } from '../../api/endpoints';
import { hasPermission, useMe } from '../../lib/session';

export const PORTAL_KEY = ['me', 'portal'] as const;

/** Who I am on the phone (member, worker or neither), for the tiles and 我的. */
export function usePortal() {
  const { data: me } = useMe();
  return useQuery({
    queryKey: PORTAL_KEY,
    queryFn: portalApi.me,
    enabled: hasPermission(me, 'self:portal'),
    staleTime: 5 * 60_000,
  });
}

/** The branch work a login may do from the phone (secretary or committee: dues, records, meetings, recruitment). */
export function useBranchWork() {
  const { data: me } = useMe();
  return {
    dues: hasPermission(me, 'dues:collect'),
    corrections: hasPermission(me, 'members:write'),
    meetings: hasPermission(me, 'life:manage'),
    recruitment: hasPermission(me, 'members:write'),
  };
}
