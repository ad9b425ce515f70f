/**
 * `npm run bench:first-load`: the first visit on a weak link (issue 24 item 2). Starts the built app
 * (embedded PostgreSQL in a temp dir, migrated, the real server serving WEB_DIST) and opens the
 * phone's /m/ and the console's /admin/ in a fresh Chromium profile each, with CDP network throttling
 * (400 kbit/s down and up, 400 ms round trip; a new context, so nothing is cached), until the login page is usable (its submit
 * button shows: the pages are client-rendered, so shown is interactive). Prints, per page, the median
 * of `--runs` loads and the bytes that crossed the wire.
 *
 *   npm run bench:first-load                         # builds apps/web, then measures
 *   npm run bench:first-load -- --dist DIR --no-build  # another build (e.g. an older commit's)
 *   npm run bench:first-load -- --uncompressed        # the same build without its .br/.gz copies
 *   npm run bench:first-load -- --lighthouse          # also Lighthouse (mobile /m/login, desktop /admin/login)
 */
import { type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDb } from '../apps/server/src/db/client.js';
import { startEmbedded } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: join(import.meta.dirname, '../apps/web/dist') },
    'no-build': { type: 'boolean', default: false },
    uncompressed: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    lighthouse: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'block-sw': { type: 'boolean', default: false },
  },
});
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
/** 400 kbit/s each way, 400 ms round trip (Chromium adds it to every request). */
const LINK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const PAGES = [
  { name: 'phone /m/ → login', path: '/m/', ready: 'login-submit', mobile: true },
  { name: 'console /admin/ → login', path: '/admin/', ready: 'login-submit', mobile: false },
];

if (!args['no-build']) {
  const r = spawnSync('npm', ['run', 'build'], { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('the web build failed');
}

const dir = mkdtempSync(join(tmpdir(), 'vanguard-first-load-'));
let dist = args.dist;
if (args.uncompressed) {
  // As served before issue 24: the same files, no precompressed copies (the server then sends them as they are).
  dist = join(dir, 'web');
  cpSync(args.dist, dist, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
}
if (!existsSync(join(dist, 'index.html'))) throw new Error(`no build at ${dist}`);

// The temp dir itself: startEmbedded opens it to 0711 so the `postgres` OS user (as root) can reach pg/.
const embedded = await startEmbedded(dir);
const db = createDb(embedded.url);
await runMigrations(db);
const config = loadConfig({
  NODE_ENV: 'production',
  DATA_DIR: join(dir, 'app'),
  LOG_LEVEL: 'silent',
  WEB_DIST: dist,
  MASTER_KEY: 'fb'.repeat(32),
});
const app = await buildApp({ config, db });
const base = await app.listen({ host: '127.0.0.1', port: 0 });

/** A child process, awaited without blocking this one (it serves the app), killed after 5 minutes. */
const run = (cmd: string, argv: string[], opts: SpawnOptions) =>
  new Promise<{ status: number | null }>((resolve) => {
    const child = spawn(cmd, argv, opts);
    const timer = setTimeout(() => child.kill('SIGTERM'), 300_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status });
    });
  });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: string[] = [];
try {
  const browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-gpu', '--disable-quic'] });
  for (const p of Number(args.runs) > 0 ? PAGES : []) {
    const times: number[] = [];
    let bytes = 0;
    let requests = 0;
    for (let i = 0; i < Number(args.runs); i++) {
      // A fresh profile each time: nothing cached (a first visit). The service worker registers as it would.
      const ctx = await browser.newContext({
        viewport: p.mobile ? { width: 360, height: 740 } : { width: 1440, height: 900 },
        ...(p.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
        locale: 'zh-CN',
        serviceWorkers: args['block-sw'] ? 'block' : 'allow',
      });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', LINK);
      let t0 = performance.now();
      let wire = 0;
      let count = 0;
      const urls = new Map<string, string>();
      cdp.on('Network.responseReceived', (e: { requestId: string; response: { url: string; headers: Record<string, string> } }) => {
        urls.set(e.requestId, `${e.response.url.replace(base, '')} ${e.response.headers['content-encoding'] ?? ''}`);
      });
      cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number; timestamp: number }) => {
        wire += e.encodedDataLength;
        count++;
        if (args.verbose)
          console.log(
            `  ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s ${(e.encodedDataLength / 1024).toFixed(1).padStart(7)} KB  ${urls.get(e.requestId)}`,
          );
      });
      t0 = performance.now();
      await page.goto(`${base}${p.path}`, { waitUntil: 'commit', timeout: 120_000 });
      await page.getByTestId(p.ready).waitFor({ timeout: 120_000 });
      times.push(performance.now() - t0);
      bytes = wire;
      requests = count;
      await ctx.close();
    }
    const row = `| ${p.name} | ${(median(times) / 1000).toFixed(1)} s | ${times.map((t) => (t / 1000).toFixed(1)).join(' / ')} | ${(bytes / 1024).toFixed(0)} KB | ${requests} |`;
    console.log(row);
    rows.push(row);
  }
  await browser.close();

  if (args.lighthouse) {
    for (const [name, path, preset] of [
      ['phone /m/login (mobile)', '/m/login', 'mobile'],
      ['console /admin/login (desktop)', '/admin/login', 'desktop'],
    ] as const) {
      const out = join(dir, `lh-${preset}.json`);
      // Asynchronous: this process also runs the server that Lighthouse loads.
      const r = await run(
        'npx',
        [
          '--yes',
          'lighthouse@13.5.0',
          `${base}${path}`,
          '--only-categories=performance',
          '--output=json',
          `--output-path=${out}`,
          ...(args.verbose ? [] : ['--quiet']),
          '--max-wait-for-load=60000',
          '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
          ...(preset === 'desktop' ? ['--preset=desktop'] : []),
        ],
        { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      if (r.status !== 0 || !existsSync(out)) {
        console.log(`| ${name} | lighthouse failed (${r.status}) |`);
        continue;
      }
      const lh = JSON.parse(readFileSync(out, 'utf8')) as {
        categories: { performance: { score: number } };
        audits: Record<string, { displayValue?: string; numericValue?: number }>;
      };
      const a = lh.audits;
      console.log(
        `| ${name} | ${Math.round(lh.categories.performance.score * 100)} | FCP ${a['first-contentful-paint'].displayValue} | LCP ${a['largest-contentful-paint'].displayValue} | TBT ${a['total-blocking-time'].displayValue} | unused JS ${a['unused-javascript']?.displayValue ?? '—'} | render-blocking ${a['render-blocking-resources']?.displayValue ?? a['render-blocking-insight']?.displayValue ?? '—'} |`,
      );
    }
  }
} finally {
  await app.close();
  await db.$client.end();
  await embedded.stop();
  rmSync(dir, { recursive: true, force: true });
}
