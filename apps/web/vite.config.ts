import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes dist/.vite/chunks.json: for each emitted JS chunk, the source modules in it (paths relative
 * to the repository, node_modules packages by name). `npm run size` reads it beside Vite's manifest
 * to check that the phone's first load carries no antd, ECharts or console code.
 */
function chunkModules(): Plugin {
  return {
    name: 'vanguard-chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: Record<string, string[]> = {};
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        chunks[out.fileName] = out.moduleIds.map((id) => {
          const nm = id.lastIndexOf('/node_modules/');
          return nm >= 0 ? `npm:${id.slice(nm + 14)}` : id.replace(/^.*?\/(apps|packages)\//, '$1/');
        });
      }
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json', source: JSON.stringify(chunks) });
    },
  };
}

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
    plugins: [react(), chunkModules()],
    server: {
      port: 5173,
      proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      manifest: true,
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 1500,
    },
  };
});
