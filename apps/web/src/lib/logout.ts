import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { authApi } from '../api/auth';
import type { Tree } from '../api/location';
import { clearSignInQueue } from '../m/life/offline-queue';
import { clearOfflineData } from '../m/offline/db';

/** Ends the session, forgets cached data and goes to the tree's login page (a full load clears state). */
export function useLogout(tree: Tree) {
  const qc = useQueryClient();
  return useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    qc.clear();
    // What the phone stored (downloaded papers and courses, answers, the outbox) is personal: gone on logout.
    if (tree === 'm') {
      await clearOfflineData().catch(() => undefined);
      clearSignInQueue();
    }
    window.location.assign(tree === 'm' ? '/m/login' : '/admin/login');
  }, [qc, tree]);
}
