#!/usr/bin/env node
// npm test: every test, closing with one plain line `N passed, N failed`.
//   1. unit + API tests (Vitest) on the embedded PostgreSQL 17;
//   2. the same again on TEST_DATABASE_URL when it is set (CI: the Debian PostgreSQL 15);
//   3. browser tests (Playwright in Chromium) when Chromium is found, else one line saying why not.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function vitest(label, args, env) {
  const file = join(out, `${label}.json`);
  rmSync(file, { force: true });
  process.stdout.write(`\n── ${label} ──\n`);
  const r = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
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

vitest('unit-api-pg17', [], { VG_TEST_TARGET: 'embedded' });
if (process.env.TEST_DATABASE_URL) {
  vitest('api-test-database-url', ['apps/server'], { VG_TEST_TARGET: 'url' });
}

const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
if (existsSync(chrome)) {
  vitest('browser', ['--config', 'e2e/vitest.config.ts'], { CHROME_PATH: chrome });
} else {
  process.stdout.write(
    `\nBrowser tests skipped: Chromium not found at ${chrome} (apt-get install chromium fonts-noto-cjk, or set CHROME_PATH).\n`,
  );
}

const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
process.stdout.write(`\n${line}\n`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
