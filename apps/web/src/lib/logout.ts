import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { authApi } from '../api/auth';
import type { Tree } from '../api/location';

/** Ends the session, forgets cached data and goes to the tree's login page (a full load clears state). */
export function useLogout(tree: Tree) {
  const qc = useQueryClient();
  return useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    qc.clear();
    window.location.assign(tree === 'm' ? '/m/login' : '/admin/login');
  }, [qc, tree]);
}
