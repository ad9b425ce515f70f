#!/usr/bin/env node
// npm test: every test, closing with one plain line `N passed, N failed` (exit 1 when anything failed).
//
// Without TEST_DATABASE_URL (a developer's `npm test`):
//   1. unit + API tests (Vitest) on the embedded PostgreSQL 17;
//   2. browser tests (Playwright in Chromium) when Chromium is found, else one line saying why not.
// With TEST_DATABASE_URL (CI: the Debian PostgreSQL 15), each API file runs once on each version
// only where that tells us something:
//   1. on the embedded PostgreSQL 17: the unit tests (no database), and the API files of PG17_SUBSET;
//   2. on TEST_DATABASE_URL: every API test file;
//   3. browser tests: they run the real server on the embedded PostgreSQL 17 with the demo data, so
//      the demo seed of every module and the main flows of every module run on 17 as well.
// Migrations are applied to a fresh template database at the start of stages 1 and 2 (and the
// browser server migrates its own), so every migration runs on both versions in every CI run.
// VG_TEST_ALL=1 runs the whole API suite on both versions, as before (e.g. when moving PostgreSQL).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
rmSync(join(out, 'stage-times.tsv'), { force: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const times = [];
let broken = false;

/**
 * The API files that also run on the embedded PostgreSQL 17 when CI runs the API suite on 15: the
 * ones whose SQL depends on the server's version or extensions, plus one sweep of every route.
 */
const PG17_SUBSET = [
  // Every route of the app answers (401 without a session): the whole app starts and registers on 17.
  'apps/server/test/route-sweep.test.ts',
  // First start: the admin accounts, the CLI's `migrate` on a fresh database.
  'apps/server/test/bootstrap.test.ts',
  // The audit hash chain: PL/pgSQL triggers sealing rows at commit (migrations 0002 and 0016).
  'apps/server/test/audit-chain.test.ts',
  // The app's role (issue 15): privileges, has_parameter_privilege, the SECURITY DEFINER seal (0018).
  'apps/server/test/audit-roles.test.ts',
  // Prepared statements on connections with plan_cache_mode=force_generic_plan (the planner).
  'apps/server/test/prepared.test.ts',
  // Kept reads: LISTEN/NOTIFY from the change triggers of migration 0017.
  'apps/server/test/cache.test.ts',
  // The dues ledger and reports: window functions, unnest() over bound arrays, generic plans.
  'apps/server/src/modules/dues/dues.test.ts',
  // Member import: 10,000 rows through INSERT … SELECT FROM unnest(arrays); Excel export.
  'apps/server/src/modules/members/members-io.test.ts',
  // Member search: pg_trgm (gin_trgm_ops) and the org-path scope in the query.
  'apps/server/src/modules/members/members.test.ts',
  // The org tree: advisory locks (pg_advisory_xact_lock_shared) and path-prefix moves.
  'apps/server/src/modules/orgs/structure.test.ts',
];

/** Every file the root vitest config includes (apps/server/{src,test}, packages/shared/src). */
function testFiles() {
  const found = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts')) found.push(relative(root, p));
    }
  };
  for (const d of ['apps/server/src', 'apps/server/test', 'packages/shared/src']) walk(join(root, d));
  return found.sort();
}

/** An API test needs a database: it builds the app through the harness or asks for the server. */
const usesDatabase = (file) => /\/harness(\.js)?['"]|inject\(['"]adminUrl['"]\)/.test(readFileSync(join(root, file), 'utf8'));

const seconds = (ms) => Math.round(ms / 1000);
const clock = (s) => (s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`);

function vitest(label, args, env) {
  const file = join(out, `${label}.json`);
  rmSync(file, { force: true });
  process.stdout.write(`\n── ${label} ──\n`);
  const t0 = Date.now();
  const r = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  times.push([label, seconds(Date.now() - t0)]);
  if (!existsSync(file)) {
    process.stdout.write(`${label}: the runner produced no results (exit ${r.status})\n`);
    broken = true;
    return;
  }
  const res = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += res.numPassedTests;
  totals.failed += res.numFailedTests;
  totals.skipped += res.numPendingTests + res.numTodoTests;
  if (r.status !== 0 && res.numFailedTests === 0) broken = true;
}

const started = Date.now();
process.stdout.write(`npm test on Node ${process.version} (${process.execPath})\n`);

if (process.env.TEST_DATABASE_URL && !process.env.VG_TEST_ALL) {
  const files = testFiles();
  const api = files.filter(usesDatabase);
  const missing = PG17_SUBSET.filter((f) => !api.includes(f));
  if (missing.length) {
    process.stdout.write(`PG17_SUBSET names files that are not API tests (moved or renamed?): ${missing.join(', ')}\n`);
    broken = true;
  }
  const onEmbedded = [...files.filter((f) => !api.includes(f)), ...PG17_SUBSET.filter((f) => api.includes(f))];
  vitest('unit-api-subset-pg17', onEmbedded, { VG_TEST_TARGET: 'embedded' });
  vitest('api-test-database-url', api, { VG_TEST_TARGET: 'url' });
} else {
  vitest('unit-api-pg17', [], { VG_TEST_TARGET: 'embedded' });
  if (process.env.TEST_DATABASE_URL) vitest('api-test-database-url', ['apps/server'], { VG_TEST_TARGET: 'url' });
}

const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
if (existsSync(chrome)) {
  vitest('browser', ['--config', 'e2e/vitest.config.ts'], { CHROME_PATH: chrome });
} else {
  process.stdout.write(
    `\nBrowser tests skipped: Chromium not found at ${chrome} (apt-get install chromium fonts-noto-cjk, or set CHROME_PATH).\n`,
  );
}

// Stage times, also for .ci/run's summary (one `label<TAB>seconds` a line).
writeFileSync(join(out, 'stage-times.tsv'), times.map(([l, s]) => `${l}\t${s}\n`).join(''));
process.stdout.write(
  `\nStage times: ${times.map(([l, s]) => `${l} ${clock(s)}`).join(' · ')} · total ${clock(seconds(Date.now() - started))}\n`,
);

const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
process.stdout.write(`\n${line}\n`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
