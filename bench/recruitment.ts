/**
 * Recruitment (发展党员) read timings.
 *   npx tsx bench/recruitment.ts [--cases 10000] [--branches 200] [--repeat 10]
 * Starts a throwaway embedded PostgreSQL (or uses BENCH_DATABASE_URL: a scratch database, it adds
 * a committee and its branches), writes `cases` recruitment cases spread over `branches` branches
 * of one committee with their steps (one INSERT … SELECT each), builds the app in-process, and
 * sends each read `repeat` times one after another as the committee's org_admin (after one
 * unmeasured request), through `app.inject`: no network, no concurrency, the time of the query
 * and the serialisation. The clock is set to 2027-12-01 so every case has deadlines to compute.
 * Prints a markdown table and writes it to bench/out/recruitment-latest.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDb } from '../apps/server/src/db/client.js';
import { type EmbeddedDatabase, startEmbedded } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { createSession, SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.js';
import { ManualClock } from '../apps/server/src/platform/clock.js';
import { currentLoad, ms } from './report.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '10000' },
      branches: { type: 'string', default: '200' },
      repeat: { type: 'string', default: '10' },
    },
  });
  const cases = Number(values.cases);
  const branchCount = Number(values.branches);
  const repeat = Number(values.repeat);
  const loadBefore = currentLoad();
  const started = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'vanguard-recruitment-bench-'));
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    embedded = await startEmbedded(dir);
    url = embedded.url;
  }
  const db = createDb(url, 10);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await runMigrations(db);
    const pgVersion = (await db.$client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;

    const t = Date.now();
    const q = db.$client;
    const [committee] = (
      await q.query<{ id: number; path: string }>(
        "INSERT INTO orgs (parent_id, path, name, kind, category) VALUES (NULL, '/', $1, 'committee', 'leading') RETURNING id, path",
        [`基准党委${randomBytes(3).toString('hex')}`],
      )
    ).rows;
    committee.path = `/${committee.id}/`;
    await q.query('UPDATE orgs SET path = $1 WHERE id = $2', [committee.path, committee.id]);
    await q.query(
      `INSERT INTO orgs (parent_id, path, name, kind, category)
       SELECT $1, '/', '基准支部' || g, 'branch', 'production' FROM generate_series(1, $2::int) g`,
      [committee.id, branchCount],
    );
    await q.query(`UPDATE orgs SET path = $1 || id || '/' WHERE parent_id = $2`, [committee.path, committee.id]);
    const branches = (await q.query<{ id: number }>('SELECT id FROM orgs WHERE parent_id = $1 ORDER BY id', [committee.id])).rows;
    const [admin] = (
      await q.query<{ id: number }>(
        "INSERT INTO users (username, display_name, org_id, password_hash) VALUES ($1, '发展党员基准', $2, 'x') RETURNING id",
        [`bench_${randomBytes(4).toString('hex')}`, committee.id],
      )
    ).rows;
    await q.query("INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, 'org_admin', $2)", [admin.id, committee.id]);
    // The same shape as before: last steps 1–24 in turn, activists from stage 2 on.
    await q.query(
      `WITH b AS (SELECT id, path, row_number() OVER (ORDER BY id) - 1 AS k FROM orgs WHERE parent_id = $1)
       INSERT INTO recruitment_cases (org_id, org_path, name, sex, birth_date, ruleset_version, last_step, applied_on, activist_on)
       SELECT b.id, b.path, '测试' || g, '男', '1998-01-01', '2014.1', 1 + (g % 24), '2024-01-10',
              CASE WHEN g % 24 >= 2 THEN '2024-03-01'::date END
       FROM generate_series(1, $2::int) g JOIN b ON b.k = g % $3::int`,
      [committee.id, cases, branchCount],
    );
    await q.query(
      `INSERT INTO recruitment_steps (case_id, step_no, done_on, confirmed_by, confirmed_at)
       SELECT c.id, s, '2024-01-10'::date + s * 10, $2, now()
       FROM recruitment_cases c JOIN orgs o ON o.id = c.org_id AND o.parent_id = $1, generate_series(1, 25) s
       WHERE s <= c.last_step`,
      [committee.id, admin.id],
    );
    await q.query('ANALYZE');
    say(`${cases} cases in ${branchCount} branches written in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: join(dir, 'app'),
      LOG_LEVEL: 'silent',
      MASTER_KEY: randomBytes(32).toString('hex'),
    });
    const clock = new ManualClock(new Date('2027-12-01T09:00:00+08:00'));
    app = await buildApp({ config, db, clock, serveWeb: false });
    await app.ready();
    const { token, session } = await createSession(db, admin.id, 'active', clock.now(), { ip: '127.0.0.1', userAgent: 'bench' });
    const headers = { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken };

    const reads: [string, string][] = [
      ['board (committee)', `/api/v1/recruitment/cases?orgId=${committee.id}`],
      ['board, stage 3 (committee)', `/api/v1/recruitment/cases?orgId=${committee.id}&stage=3`],
      ['board (one branch)', `/api/v1/recruitment/cases?orgId=${branches[5].id}`],
      ['approvals (committee)', `/api/v1/recruitment/approvals?orgId=${committee.id}`],
      ['plans 2024 (committee)', `/api/v1/recruitment/plans?orgId=${committee.id}&year=2024`],
      ['export.xlsx (committee)', `/api/v1/recruitment/cases/export.xlsx?orgId=${committee.id}`],
    ];
    const rows: string[] = [];
    let failed = 0;
    for (const [name, path] of reads) {
      const first = await app.inject({ method: 'GET', url: path, headers });
      if (first.statusCode !== 200) {
        say(`${name}: ${first.statusCode} ${first.body.slice(0, 200)}`);
        failed++;
        continue;
      }
      const times: number[] = [];
      for (let i = 0; i < repeat; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: path, headers });
        times.push(performance.now() - t0);
        if (res.statusCode !== 200) failed++;
      }
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      const line = `| ${name} | \`GET ${path.replace(/orgId=\d+/, 'orgId=:id')}\` | ${ms(mean)} | ${ms(pct(times, 50))} | ${ms(Math.max(...times))} | ${(first.rawPayload.length / 1024).toFixed(0)} |`;
      say(line);
      rows.push(line);
    }

    const md = [
      `# Recruitment reads — ${cases} cases in ${branchCount} branches, ${repeat} sequential requests each`,
      '',
      `- date: ${started.toISOString()}`,
      `- CPU: ${cpus()[0]?.model.trim() ?? 'unknown'}, ${cpus().length} cores; RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
      `- Node ${process.version}; PostgreSQL ${pgVersion} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'})`,
      `- requests through app.inject, one at a time, after one unmeasured request each; KB is the answer's size`,
      `- 1-minute load average: ${loadBefore.toFixed(2)} before the run, ${currentLoad().toFixed(2)} after`,
      '',
      '| read | route | mean ms | p50 ms | max ms | KB |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n');
    say(`\n${md}`);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}recruitment-latest.md`, md);
    return failed ? 1 : 0;
  } finally {
    await app?.close();
    await db.$client.end();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`recruitment bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
