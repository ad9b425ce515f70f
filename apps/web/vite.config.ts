import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * One app, two route trees (/admin console, /m phone portal). The server sends
 * `Content-Security-Policy: script-src 'self'`, so the built HTML must carry no inline script:
 * Vite emits only `<script type="module" src>`; the module-preload polyfill is turned off because
 * every browser we target supports it natively.
 */
export default defineConfig(({ command, mode }) => {
  // A production build must be one even when NODE_ENV is inherited as `test` (vitest's e2e setup
  // builds the app). Vite reads NODE_ENV after loading this file to decide `isProduction`, which
  // picks React's build *and* the JSX runtime: replacing process.env.NODE_ENV with `define` alone
  // shipped production React with development JSX (`jsxDEV is not a function`, a blank page).
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return {
    root: import.meta.dirname,
    base: '/',
    plugins: [react()],
    server: {
      port: 5173,
      proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 1500,
    },
  };
});
