import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * One app, two route trees (/admin console, /m phone portal). The server sends
 * `Content-Security-Policy: script-src 'self'`, so the built HTML must carry no inline script:
 * Vite emits only `<script type="module" src>`; the module-preload polyfill is turned off because
 * every browser we target supports it natively.
 */
export default defineConfig(({ command, mode }) => ({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  // A production build must get React's production build even when NODE_ENV is inherited as
  // `test` (vitest's e2e setup builds the app): otherwise Vite keeps `test` and ships dev React.
  define: command === 'build' && mode === 'production' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
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
}));
