/// <reference lib="webworker" />
/*
 * The phone portal's service worker (registered with scope /m/ only; the console runs none), built
 * with Workbox by vite-plugin-pwa (injectManifest, vite.config.ts):
 * - `self.__WB_MANIFEST` is the precache list the build writes: the shell (index.html), the manifest
 *   and icons, and every chunk the phone can load — content-hashed files by name, the others with a
 *   revision hash. Install fetches them all, so a page never opened with signal still has its code;
 *   a new build replaces only what changed and `cleanupOutdatedCaches` drops what an older one left.
 * - Navigations under /m/: the network first (a fresh shell after a deploy), the precached shell after
 *   4 s or without signal — every /m/* path is the same single-page shell.
 * - /api/*: never touched here. Personal data the phone keeps lives in IndexedDB (m/offline/), where
 *   logout can delete it.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/** The phone's shell (index.html with the phone's first load preloaded), index.html in older builds. */
const SHELL = '/m.html';

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const shell = new NetworkFirst({
  cacheName: 'vg-shell',
  networkTimeoutSeconds: 4,
  plugins: [
    {
      // Only a real shell goes into the cache (not a proxy's error page).
      cacheWillUpdate: async ({ response }) =>
        response.ok && (response.headers.get('content-type') ?? '').includes('text/html') ? response : null,
      // Every /m/* path is the same shell: one cache entry, and the precached one when neither answers.
      cacheKeyWillBeUsed: async () => '/m/',
      handlerDidError: async () =>
        (await matchPrecache(SHELL)) ??
        (await matchPrecache('/index.html')) ??
        new Response('离线中，且尚未缓存应用。请联网后重新打开。', {
          status: 503,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        }),
    },
  ],
});
registerRoute(new NavigationRoute(shell, { allowlist: [/^\/m(\/|$)/] }));

// A new build takes over at once: the old one's chunks stay precached until this one is active.
self.skipWaiting();
clientsClaim();
