#!/usr/bin/env node
// `npm run size`: builds the web app (unless --no-build and a build exists) and prints the gzipped
// JavaScript and CSS of the two first loads, then fails when one is over its budget.
//
// A first load is what the browser must fetch before the first screen is usable: index.html's entry
// chunk, the lazy chunks the route needs on the way to its home page (the tree, then the home), and
// every chunk those import statically (the modulepreload graph in Vite's manifest). Chunks a page
// loads later (another module's pages, a dialog's chart) are not counted.
//
// It also checks what the phone's first load is made of (dist/.vite/chunks.json, written by the
// build): no antd, no ECharts, no console code (src/admin) on a phone.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'apps/web/dist');
const KB = 1024;

/** Budgets in gzipped bytes of JavaScript (issue 14 item 7). */
const LOADS = [
  {
    name: 'phone /m/',
    lazy: ['src/m/MobileApp.tsx', 'src/m/MobileLayout.tsx', 'src/m/home/HomePage.tsx'],
    budget: 200 * KB,
    forbidden: [/^npm:antd\//, /^npm:echarts/, /^npm:zrender/, /^npm:@ant-design\//, /^apps\/web\/src\/admin\//],
  },
  {
    name: 'console /admin/',
    lazy: ['src/admin/AdminApp.tsx', 'src/admin/layout/AdminLayout.tsx', 'src/admin/home/HomePage.tsx'],
    budget: 400 * KB,
    forbidden: [/^npm:antd-mobile/, /^apps\/web\/src\/m\//],
  },
];

if (!process.argv.includes('--no-build') || !existsSync(join(dist, '.vite/manifest.json'))) {
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error('size: the build failed');
    process.exit(r.status ?? 1);
  }
}

const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const chunkModules = JSON.parse(readFileSync(join(dist, '.vite/chunks.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error('size: no entry in the manifest');

/** The manifest keys one key needs at once: itself and its static imports, transitively. */
function closure(key, into = new Set()) {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`size: ${key} is not in the manifest`);
  into.add(key);
  for (const dep of chunk.imports ?? []) closure(dep, into);
  return into;
}

const sizes = new Map();
function gz(file) {
  if (!sizes.has(file)) {
    const body = readFileSync(join(dist, file));
    sizes.set(file, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return sizes.get(file);
}

const fmt = (n) => `${(n / KB).toFixed(1)} KB`.padStart(10);
let failed = false;

for (const load of LOADS) {
  const keys = closure(entryKey);
  for (const src of load.lazy) {
    // A route module that is not its own chunk is bundled into its parent's: already counted.
    if (manifest[src]) closure(src, keys);
  }
  const js = [...new Set([...keys].map((k) => manifest[k].file))];
  const css = [...new Set([...keys].flatMap((k) => manifest[k].css ?? []))];
  const rows = [...js, ...css].map((file) => ({ file, ...gz(file) })).sort((a, b) => b.gzip - a.gzip);
  const total = (files) => files.reduce((sum, f) => sum + gz(f).gzip, 0);
  const jsGzip = total(js);

  console.log(`\n${load.name} — first load`);
  console.log(`${'file'.padEnd(48)}${'raw'.padStart(10)}${'gzip'.padStart(10)}`);
  for (const r of rows) console.log(`${r.file.padEnd(48)}${fmt(r.raw)}${fmt(r.gzip)}`);
  const over = jsGzip > load.budget;
  console.log(`${'JS total'.padEnd(48)}${''.padStart(10)}${fmt(jsGzip)}   budget ${fmt(load.budget).trim()}${over ? '  OVER' : ''}`);
  console.log(`${'CSS total'.padEnd(48)}${''.padStart(10)}${fmt(total(css))}`);
  if (over) failed = true;

  const modules = js.flatMap((file) => Object.entries(chunkModules[file] ?? {}));
  if (over) {
    console.log('  largest modules (bytes before minifying):');
    for (const [id, n] of modules.sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${String(n).padStart(8)}  ${id}`);
  }
  const bad = modules.map(([id]) => id).filter((id) => load.forbidden.some((re) => re.test(id)));
  if (bad.length > 0) {
    failed = true;
    console.log(`  must not be in this first load (${bad.length} modules), e.g.:\n    ${bad.slice(0, 8).join('\n    ')}`);
  }
}

if (failed) {
  console.error('\nsize: over budget or carrying what it must not (see above)');
  process.exit(1);
}
