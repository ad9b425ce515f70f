/**
 * npm run bench [-- --members 100000] [--seconds 5] [--only me]
 * Starts a throwaway embedded PostgreSQL (or uses BENCH_DATABASE_URL), generates the members, builds
 * the app in-process, and measures each scenario at 1, 10 and 50 connections with autocannon.
 * Prints a markdown table and writes it to bench/out/latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type LoadSpec, startLoader } from './load.js';
import { currentLoad, machineLines, ms, problems, type Row, table } from './report.js';
import { type BenchSession, startStack } from './stack.js';

interface BenchRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Scenario {
  name: string;
  /** `hello` is the bare Fastify baseline; everything else runs against the app. */
  server: 'hello' | 'app';
  request(s: BenchSession): BenchRequest;
  connections?: number[];
}

/**
 * The scenarios, in order; a module appends its own here (authenticated requests send `s.auth`, the
 * session cookie and CSRF header; `s.branch` and `s.mine` are generated orgs to ask about). The
 * baseline stays first: the ratios divide by it.
 */
const SCENARIOS: Scenario[] = [
  { name: 'hello (bare Fastify)', server: 'hello', request: () => ({ path: '/' }) },
  { name: 'GET /api/health', server: 'app', request: () => ({ path: '/api/health' }) },
  { name: 'GET /api/v1/me', server: 'app', request: (s) => ({ path: '/api/v1/me', headers: s.auth }) },
  {
    // Correct credentials on purpose: failures are throttled per IP after 20, successes are not.
    name: 'POST /api/v1/auth/login',
    server: 'app',
    request: (s) => ({ method: 'POST', path: '/api/v1/auth/login', body: { username: s.username, password: s.password } }),
  },
  // Member archive (issue 3): the org_admin of the whole group asks, so search runs over every member.
  { name: 'members: list a branch', server: 'app', request: (s) => ({ path: `/api/v1/members?orgId=${s.branch.id}`, headers: s.auth }) },
  { name: 'members: list a mine', server: 'app', request: (s) => ({ path: `/api/v1/members?orgId=${s.mine.id}`, headers: s.auth }) },
  ...(
    [
      ['1 char', '王'],
      ['2 chars', '英敏'],
      ['3 chars', '邱英敏'],
      ['pinyin', 'zhangwei'],
      ['initials', 'zw'],
    ] as const
  ).map(
    ([what, q]): Scenario => ({
      name: `members: search ${what} (${q})`,
      server: 'app',
      request: (s) => ({ path: `/api/v1/members?q=${encodeURIComponent(q)}`, headers: s.auth }),
    }),
  ),
  // Relations (issue 4): the 失联 list computes last-contact dates for every member in scope (the whole group here).
  { name: 'relations: lost-contact list (group)', server: 'app', request: (s) => ({ path: '/api/v1/relation-lost', headers: s.auth }) },
  {
    name: 'relations: transfers out (group)',
    server: 'app',
    request: (s) => ({ path: '/api/v1/relation-transfers?box=out', headers: s.auth }),
  },
];

const CONNECTIONS = [1, 10, 50];
const WARMUP_SECONDS = 1;
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const say = (m: string) => process.stdout.write(`${m}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '5' },
      only: { type: 'string' },
    },
  });
  const members = Number(values.members);
  const seconds = Number(values.seconds);
  if (!Number.isInteger(members) || members < 1 || !(seconds > 0)) throw new Error('--members and --seconds must be positive numbers');
  const scenarios = SCENARIOS.filter((s, i) => i === 0 || !values.only || s.name.includes(values.only));

  const loadBefore = currentLoad();
  const started = new Date();
  const stack = await startStack({ members, databaseUrl: process.env.BENCH_DATABASE_URL, log: say });
  const loader = startLoader();
  const stop = () => {
    say('interrupted: stopping the servers and the database…');
    loader.stop();
    void stack.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const rows: Row[] = [];
  const skipped: string[] = [];
  try {
    for (const scenario of scenarios) {
      const base = scenario.server === 'hello' ? stack.helloUrl : stack.appUrl;
      const spec = toSpec(base, scenario.request(stack.session));
      const refused = await preflight(spec);
      if (refused) {
        skipped.push(`- ${scenario.name}: skipped, the first request answered ${refused}`);
        say(skipped.at(-1) ?? '');
        continue;
      }
      await loader.run({ ...spec, connections: 10, seconds: WARMUP_SECONDS });
      await settle(spec);
      for (const connections of scenario.connections ?? CONNECTIONS) {
        const result = await loader.run({ ...spec, connections, seconds });
        await settle(spec);
        const hello =
          scenario === SCENARIOS[0] ? result : rows.find((r) => r.scenario === SCENARIOS[0].name && r.connections === connections)?.result;
        const helloPerSec = hello?.requestsPerSec;
        rows.push({ scenario: scenario.name, connections, result, helloPerSec });
        say(
          `  ${scenario.name} @${connections}: ${Math.round(result.requestsPerSec)} req/s, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms`,
        );
      }
    }
  } finally {
    loader.stop();
    await stack.close();
  }

  const info = { database: stack.database, members: stack.members, orgs: stack.orgs, seconds, loadBefore, loadAfter: currentLoad() };
  const bad = [...skipped, ...problems(rows)];
  const md = [
    `## Vanguard benchmark, ${stack.members.toLocaleString('en-US')} members`,
    '',
    ...machineLines(info, started),
    '',
    ...table(rows),
    ...(bad.length ? ['', '**Runs with failures:**', ...bad] : []),
    '',
  ].join('\n');
  say(`\n${md}`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}latest.md`, md);
  say(`written to bench/out/latest.md (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s in all)`);
  return bad.length ? 1 : 0;
}

function toSpec(base: string, req: BenchRequest): Omit<LoadSpec, 'connections' | 'seconds'> {
  const hasBody = req.body !== undefined;
  return {
    url: `${base}${req.path}`,
    method: req.method ?? 'GET',
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...req.headers },
    ...(hasBody ? { body: JSON.stringify(req.body) } : {}),
  };
}

/** One request before the load; a scenario that does not answer 2xx is skipped. Returns why, or null. */
async function preflight(spec: Omit<LoadSpec, 'connections' | 'seconds'>): Promise<string | null> {
  const res = await fetch(spec.url, { method: spec.method, headers: spec.headers, body: spec.body });
  const text = await res.text();
  return res.ok ? null : `${res.status}: ${text.slice(0, 300)}`;
}

/**
 * The server keeps working on the requests that were in flight when the load stopped (for login,
 * seconds of queued scrypt). One more request of the same kind queues behind them, so when it
 * returns the next measurement starts on an idle server.
 */
async function settle(spec: Omit<LoadSpec, 'connections' | 'seconds'>): Promise<void> {
  await preflight(spec);
  await new Promise((r) => setTimeout(r, 200));
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
