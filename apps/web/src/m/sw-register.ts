import { startOutbox } from './offline/outbox';

/** Same-origin /assets/* files this page has loaded (entry, lazy chunks, CSS). */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name, window.location.href))
    .filter((u) => u.origin === window.location.origin && u.pathname.startsWith('/assets/'))
    .map((u) => u.pathname);
}

/**
 * Registers /sw.js for the phone portal only (scope /m/), so the console never runs a service
 * worker, then hands it the chunks already loaded so the shell works offline from the next
 * start. Skipped in development, where Vite serves unbundled modules. Also starts the outbox.
 */
export function registerPortalServiceWorker(): void {
  // The offline outbox syncs on app start and on every `online` event (in development too).
  startOutbox();
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  const register = async () => {
    try {
      await navigator.serviceWorker.register('/sw.js', { scope: '/m/' });
      const reg = await navigator.serviceWorker.ready;
      reg.active?.postMessage({ type: 'cache-assets', urls: loadedAssets() });
    } catch (e) {
      console.warn('service worker not registered', e);
    }
  };
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
