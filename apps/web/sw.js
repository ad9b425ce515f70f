/*
 * Vanguard phone portal service worker (registered with scope /m/ only).
 * - The app shell (the /m/ HTML, its hashed JS/CSS, manifest, icons) is cached so the portal opens
 *   underground without signal. On install it fetches /m/ and caches the assets that HTML names,
 *   and every chunk the phone can load (PRECACHE: the build writes the list, vite.config.ts), so a
 *   page's lazily loaded chunk opens offline even if that page was never opened with signal.
 * - Navigations under /m/: network first, the cached shell when offline.
 * - /assets/* (content-hashed, immutable): cache first, filled as they load.
 * - /api/*: never cached here (personal data; offline data will live in IndexedDB).
 * VERSION is a hash of that list, written by the build: a new build drops the old caches.
 */
const VERSION = 'dev';
const PRECACHE = [];
const SHELL_CACHE = `vg-shell-${VERSION}`;
const SHELL_URL = '/m/';
const STATIC = ['/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

async function cacheShell() {
  const cache = await caches.open(SHELL_CACHE);
  const res = await fetch(SHELL_URL, { cache: 'no-cache', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`shell ${res.status}`);
  const html = await res.clone().text();
  await cache.put(SHELL_URL, res);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set([...assets, ...STATIC, ...PRECACHE])]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('vg-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirstShell(request) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const res = await fetch(request);
    // Every /m/* path is the same SPA shell: keep the newest copy under one key.
    if (res.ok && (res.headers.get('content-type') || '').includes('text/html')) await cache.put(SHELL_URL, res.clone());
    return res;
  } catch {
    const cached = await cache.match(SHELL_URL);
    return (
      cached ||
      new Response('离线中，且尚未缓存应用。请联网后重新打开。', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } })
    );
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

// The page tells us which lazily loaded chunks it already fetched (before this worker controlled
// it), so the first visit alone is enough to open the portal offline next time.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string' && u.startsWith('/assets/'));
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(urls))
      .catch(() => undefined),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate' && url.pathname.startsWith('/m')) {
    event.respondWith(networkFirstShell(request));
  } else if (url.pathname.startsWith('/assets/') || STATIC.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});
