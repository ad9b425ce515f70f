/**
 * Analytics benchmark (issue 23).
 *   npx tsx bench/analytics.ts [--members 100000] [--seconds 5]
 * Starts the bench stack (throwaway embedded PostgreSQL, the generated group: bench/generate.ts), then
 *   1. recomputes the rollups of one month from every source (POST /api/v1/analytics/rollups/refresh), timed;
 *   2. GET /api/v1/analytics/dashboard for the group, a mine and a branch at 10 connections (autocannon in a
 *      child process), p50/p99.
 * Indicator history (5 years of monthly values) is not generated yet: the dashboards read the same
 * rollup table, whose size per dashboard is (children + 1) × metrics × months, not the members.
 * Prints the table and writes bench/out/analytics-latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startLoader } from './load.js';
import { startStack } from './stack.js';

async function main() {
  const { values } = parseArgs({ options: { members: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '5' } } });
  const members = Number(values.members);
  const seconds = Number(values.seconds);
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const load0 = loadavg()[0];
  const stack = await startStack({ members, databaseUrl: process.env.BENCH_DATABASE_URL, log });
  const loader = startLoader();
  try {
    const headers = { ...stack.session.auth, 'content-type': 'application/json' };
    const month = new Date().toISOString().slice(0, 7);
    const t0 = performance.now();
    const res = await fetch(`${stack.appUrl}/api/v1/analytics/rollups/refresh`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ month }),
    });
    const refreshMs = performance.now() - t0;
    if (!res.ok) throw new Error(`refresh: ${res.status} ${await res.text()}`);
    const refreshed = (await res.json()) as { rows: number };
    const rows = [`| rollup refresh (one month, all sources) | — | — | ${refreshMs.toFixed(0)} ms | ${refreshed.rows} rows |`];
    for (const [name, org] of [
      ['group dashboard', stack.session.root],
      ['mine drill-down', stack.session.mine],
      ['branch drill-down', stack.session.branch],
    ] as const) {
      const url = `${stack.appUrl}/api/v1/analytics/dashboard?orgId=${org.id}&period=month&at=${month}`;
      await loader.run({ url, method: 'GET', headers: stack.session.auth, connections: 5, seconds: 1 });
      const r = await loader.run({ url, method: 'GET', headers: stack.session.auth, connections: 10, seconds });
      rows.push(`| ${name} | 10 | ${r.requestsPerSec.toFixed(0)} | ${r.p50?.toFixed(1)} / ${r.p99?.toFixed(1)} ms | non-2xx ${r.non2xx} |`);
    }
    const table = [
      `${stack.members} members, ${stack.orgs} orgs; ${stack.database}; load average ${load0.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
      '',
      '| scenario | connections | req/s | p50 / p99 (or time) | notes |',
      '| --- | --: | --: | --: | --- |',
      ...rows,
    ].join('\n');
    log(`\n${table}`);
    mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./out/analytics-latest.md', import.meta.url), `${table}\n`);
  } finally {
    loader.stop();
    await stack.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
