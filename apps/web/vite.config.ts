import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Writes dist/.vite/chunks.json: for each emitted JS chunk, the source modules in it (paths relative
 * to the repository, node_modules packages by name) and their size. `npm run size` reads it beside
 * Vite's manifest to check that the phone's first load carries no antd, ECharts or console code.
 */
function chunkModules(): Plugin {
  return {
    name: 'vanguard-chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      const name = (id: string) => {
        const nm = id.lastIndexOf('/node_modules/');
        return nm >= 0 ? `npm:${id.slice(nm + 14)}` : id.replace(/^.*?\/(apps|packages)\//, '$1/');
      };
      // chunk file → { module: its rendered size in bytes (before minifying) }
      const chunks: Record<string, Record<string, number>> = {};
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        chunks[out.fileName] = Object.fromEntries(Object.entries(out.modules).map(([id, m]) => [name(id), m.renderedLength]));
      }
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json', source: JSON.stringify(chunks) });
    },
  };
}

/**
 * The files the phone can load: the entry and all it imports, statically or lazily, except the
 * console's tree (AdminApp) and what only it reaches. Filled while the bundle is generated, read when
 * the service worker's precache list is written (phoneServiceWorker), so pages split into lazy chunks
 * open without signal even if never opened with it — and a phone never downloads the console.
 */
const phoneFiles = new Set<string>();
function phoneChunks(): Plugin {
  return {
    name: 'vanguard-phone-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      phoneFiles.clear();
      const entry = Object.values(bundle).find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.isEntry);
      if (!entry) throw new Error('sw: no entry chunk');
      const isConsole = (c: Rollup.OutputChunk) => c.facadeModuleId?.endsWith('/src/admin/AdminApp.tsx') ?? false;
      const walk = (fileName: string) => {
        const chunk = bundle[fileName];
        if (chunk?.type !== 'chunk' || phoneFiles.has(fileName) || isConsole(chunk)) return;
        phoneFiles.add(fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) phoneFiles.add(css);
        for (const dep of [...chunk.imports, ...chunk.dynamicImports]) walk(dep);
      };
      walk(entry.fileName);
    },
  };
}

/**
 * /sw.js: `sw.ts` built with Workbox (vite-plugin-pwa, injectManifest), its precache list the
 * phone's files (above) plus the shell, manifest and icons, each with a hash: content-hashed assets
 * by their name, the rest by a revision of their content. The app registers it itself (sw-register.ts,
 * scope /m/) and keeps its own manifest.webmanifest.
 */
function phoneServiceWorker() {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: '.',
    filename: 'sw.ts',
    injectRegister: false,
    manifest: false,
    injectManifest: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      globIgnores: ['.vite/**', 'sw.js'],
      dontCacheBustURLsMatching: /^assets\//,
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      manifestTransforms: [
        async (entries) => {
          if (phoneFiles.size === 0) throw new Error('sw: the phone chunk list is empty');
          // The phone's files; of the shells, the phone's (m.html) and index.html (the console's is not the phone's).
          const manifest = entries.filter((e) => (e.url.startsWith('assets/') ? phoneFiles.has(e.url) : e.url !== 'admin.html'));
          return { manifest, warnings: [] };
        },
      ],
    },
  });
}

/**
 * Writes m.html and admin.html: index.html plus a `modulepreload` of every file of that tree's first
 * load (the lazy tree chunk — MobileApp or AdminApp — and all it imports statically) and a preload of
 * their CSS, so a first visit fetches them beside the entry instead of after the entry ran: on a weak
 * link each wave of requests costs a round trip (issue 24 item 2, bench/first-load.ts). The server
 * sends m.html for /m/* and admin.html for /admin/* (platform/http/web-app.ts), index.html otherwise.
 */
function treeShells(): Plugin {
  return {
    name: 'vanguard-tree-shells',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      if (html?.type !== 'asset') throw new Error('tree shells: index.html is not in the bundle');
      const chunks = Object.values(bundle).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
      const closure = (fileName: string, into = new Set<string>()) => {
        const chunk = bundle[fileName];
        if (chunk?.type !== 'chunk' || into.has(fileName)) return into;
        into.add(fileName);
        for (const dep of chunk.imports) closure(dep, into);
        return into;
      };
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) throw new Error('tree shells: no entry chunk');
      const inIndex = closure(entry.fileName);
      for (const [file, tree] of [
        ['m.html', '/src/m/MobileApp.tsx'],
        ['admin.html', '/src/admin/AdminApp.tsx'],
      ] as const) {
        const root = chunks.find((c) => c.facadeModuleId?.endsWith(tree));
        if (!root) throw new Error(`tree shells: no chunk for ${tree}`);
        const js = [...closure(root.fileName)].filter((f) => !inIndex.has(f));
        const css = [...new Set(js.flatMap((f) => [...((bundle[f] as Rollup.OutputChunk).viteMetadata?.importedCss ?? [])]))];
        const tags = [
          ...css.map((f) => `<link rel="preload" as="style" crossorigin href="/${f}">`),
          ...js.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
        ].join('\n    ');
        this.emitFile({ type: 'asset', fileName: file, source: String(html.source).replace('</head>', `    ${tags}\n  </head>`) });
      }
    },
  };
}

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, so the server
 * sends them precompressed (@fastify/static preCompressed) instead of compressing per request.
 */
function precompress(): Plugin {
  let outDir = '';
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === '.vite' ? [] : walk(path);
      return /\.(js|css|html|svg|json|webmanifest)$/.test(name) ? [path] : [];
    });
  return {
    name: 'vanguard-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    // After the service worker is written (vite-plugin-pwa's closeBundle), so it is compressed too.
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        for (const path of walk(outDir)) {
          const body = readFileSync(path);
          if (body.length < 1024) continue;
          writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
        }
      },
    },
  };
}

/** What both trees run on: one chunk, loaded by either first load and shared between them. */
const FRAMEWORK =
  /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/][^\\/]+|i18next|react-i18next|use-sync-external-store)[\\/]/;

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
    plugins: [react(), chunkModules(), phoneChunks(), treeShells(), phoneServiceWorker(), precompress()],
    server: {
      port: 5173,
      proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      manifest: true,
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 600,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [{ name: 'framework', test: FRAMEWORK, priority: 3 }],
          },
        },
      },
    },
  };
});
