import { queryClient } from '../lib/query-client';
import { startSignInSync } from './life/offline-queue';
import { startLastSeen } from './offline/last-seen';
import { startOutbox } from './offline/outbox';

/**
 * Starts the phone's offline side: the last-seen pages and the network state (last-seen.ts), the
 * outbox and the queued sign-ins (both sync on start and when the network is back), and the service
 * worker — /sw.js (Workbox, built from sw.ts), registered for the phone portal only (scope /m/, so the
 * console never runs one) by registerWorkerSoon. On install it precaches every chunk the phone can load.
 * Skipped in development, where Vite serves unbundled modules.
 */
export function registerPortalServiceWorker(): void {
  startLastSeen(queryClient);
  startOutbox();
  startSignInSync(queryClient);
}

let registered = false;
/**
 * Registers the worker once a session is open (MobileLayout), a few seconds after its first page: its
 * install downloads every phone chunk (about 300 KB compressed), which on a weak link must not compete
 * with the first screen — and the sign-in page needs the network anyway.
 */
export function registerWorkerSoon(): void {
  if (registered || import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  registered = true;
  window.setTimeout(() => {
    navigator.serviceWorker.register('/sw.js', { scope: '/m/' }).catch((e) => console.warn('service worker not registered', e));
  }, 3000);
}
