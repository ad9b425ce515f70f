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
    // What the phone stored (downloaded papers and courses, answers, the outbox) is personal: gone on logout.
    // (Imported here, so the console's bundle does not carry the phone's offline store.)
    if (tree === 'm') {
      const [{ clearOfflineData }, { clearSignInQueue }] = await Promise.all([
        import('../m/offline/db'),
        import('../m/life/offline-queue'),
      ]);
      await clearOfflineData().catch(() => undefined);
      clearSignInQueue();
    }
    window.location.assign(tree === 'm' ? '/m/login' : '/admin/login');
  }, [qc, tree]);
}
