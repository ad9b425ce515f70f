/**
 * Petitions benchmark (issue 20).
 *   npx tsx bench/petitions.ts [--members 20000] [--petitions 200000] [--submits 1000] [--seconds 10]
 * Starts a throwaway embedded PostgreSQL (or BENCH_DATABASE_URL), generates the group (bench/generate.ts),
 * then:
 *   1. `--submits` workers (each a worker record, a login and a session) submit one petition each with a
 *      photo, paced at random over 60 s (each: upload the photo, then POST /api/v1/me/petitions); counts
 *      the rows afterwards (none lost) and reports the submit latency p50/p99;
 *   2. fills `--petitions` petitions over 5 years across every branch (INSERT … SELECT; 2 % still open,
 *      a tenth of those past their reply day) and measures the whole group's board
 *      (GET /api/v1/petitions, the group's org_admin) at 10 connections;
 *   3. runs the clock job (refreshPetitionClocks) over all open petitions and times it.
 * Writes bench/out/petitions-latest.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chinaDay } from '@vanguard/shared';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDb } from '../apps/server/src/db/client.js';
import { type EmbeddedDatabase, startEmbedded } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { refreshPetitionClocks } from '../apps/server/src/modules/petitions/index.js';
import { createSession, SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.js';
import { generate } from './generate.js';
import { startLoader } from './load.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function main() {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '20000' },
      petitions: { type: 'string', default: '200000' },
      submits: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      window: { type: 'string', default: '60' },
    },
  });
  const [members, total, submits, seconds, windowS] = ['members', 'petitions', 'submits', 'seconds', 'window'].map((k) =>
    Number(values[k as keyof typeof values]),
  );
  const loadBefore = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'vanguard-petitions-bench-'));
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    embedded = await startEmbedded(dir);
    url = embedded.url;
  }
  const db = createDb(url, 30);
  const loader = startLoader();
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  const rows: string[] = [];
  try {
    await runMigrations(db);
    const pg = (await db.$client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    const g = await generate(db.$client, { members, log: (m) => say(`  ${m}`) });
    say(`generated ${g.members} members in ${g.orgs} orgs`);
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: join(dir, 'app'),
      LOG_LEVEL: 'silent',
      MASTER_KEY: randomBytes(32).toString('hex'),
    });
    app = await buildApp({ config, db, serveWeb: false });
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const now = new Date();
    const sessionOf = async (userId: number) => {
      const { token, session } = await createSession(db, userId, 'active', now, { ip: '127.0.0.1', userAgent: 'bench' });
      return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken };
    };

    // 1. Workers submitting with a photo, paced at random over the window.
    const { rows: workerUsers } = await db.$client.query<{ id: number }>(
      `WITH b AS (SELECT id, path, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS c FROM orgs WHERE kind = 'branch'),
       u AS (INSERT INTO users (username, display_name, org_id, password_hash)
             SELECT 'pw_' || k, '职工' || k, (SELECT id FROM b WHERE n = 1 + k % (SELECT max(c) FROM b)), 'x' FROM generate_series(1, $1) k
             RETURNING id, org_id),
       gr AS (INSERT INTO role_grants (user_id, role, org_id) SELECT id, 'worker', org_id FROM u)
       INSERT INTO workers (org_id, org_path, user_id, name, sex) SELECT u.org_id, o.path, u.id, '职工' || u.id, '男' FROM u JOIN orgs o ON o.id = u.org_id
       RETURNING user_id AS id`,
      [submits],
    );
    const sessions = await Promise.all(workerUsers.map((u) => sessionOf(u.id)));
    const lat: number[] = [];
    let failed = 0;
    const t0 = Date.now();
    await Promise.all(
      sessions.map(async (auth) => {
        await new Promise((r) => setTimeout(r, Math.random() * windowS * 1000));
        const s = performance.now();
        const form = new FormData();
        form.append('file', new Blob([PNG], { type: 'image/png' }), '现场.png');
        const up = await fetch(`${appUrl}/api/v1/files`, { method: 'POST', headers: auth, body: form });
        const photo = ((await up.json()) as { id: string }).id;
        const res = await fetch(`${appUrl}/api/v1/me/petitions`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ category: 'canteen', body: '井口食堂夜班没有热饭', photoFileIds: [photo] }),
        });
        if (res.status !== 200) failed++;
        lat.push(performance.now() - s);
      }),
    );
    const [{ n: stored }] = (await db.$client.query<{ n: number }>('SELECT count(*)::int AS n FROM petitions')).rows;
    rows.push(
      `| ${submits} submits with a photo over ${windowS} s (${((Date.now() - t0) / 1000).toFixed(0)} s) | stored ${stored}, failed ${failed} | p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms (upload + submit) |`,
    );
    say(rows.at(-1) as string);

    // 2. The whole group's board over `total` petitions of 5 years.
    const today = chinaDay(now);
    const t1 = Date.now();
    await db.$client.query(
      `WITH b AS (SELECT id, path, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS c FROM orgs WHERE kind = 'branch'),
            s AS (SELECT k, ($2::date - (k % 1825)) AS d FROM generate_series(1, $1) k)
       INSERT INTO petitions (org_id, org_path, origin_org_id, origin_org_path, submitter_user_id, submitter_name, category, body, status,
         ruleset_version, received_on, accept_due_on, reply_due_on, first_reply_due_on, escalate_after_on, first_replied_on, reply)
       SELECT b.id, b.path, b.id, b.path, 1, '职工', 'canteen', '诉求内容' || s.k,
         CASE WHEN s.k % 50 = 0 THEN 'in_progress' ELSE 'closed' END, '2026.1', s.d, s.d + 1, s.d + 3, s.d + 3,
         CASE WHEN s.k % 50 = 0 AND s.k % 500 <> 0 THEN $2::date + 3 ELSE s.d + 3 END,
         CASE WHEN s.k % 50 = 0 THEN NULL ELSE s.d + 2 END, CASE WHEN s.k % 50 = 0 THEN NULL ELSE '已答复' END
       FROM s JOIN b ON b.n = 1 + s.k % (SELECT max(c) FROM b)`,
      [total, today],
    );
    await db.$client.query('VACUUM (ANALYZE) petitions');
    say(`filled ${total} petitions in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    const { rows: admins } = await db.$client.query<{ id: number }>(
      `WITH u AS (INSERT INTO users (username, display_name, org_id, password_hash) VALUES ('pb_admin', '诉求基准', $1, 'x') RETURNING id)
       INSERT INTO role_grants (user_id, role, org_id) SELECT id, 'org_admin', $1 FROM u RETURNING user_id AS id`,
      [g.rootId],
    );
    const auth = await sessionOf(admins[0].id);
    for (const [label, q] of [
      ['board, first page', 'page=1&pageSize=20'],
      ['board, due today', 'due=today&page=1&pageSize=20'],
    ] as const) {
      const r = await loader.run({ url: `${appUrl}/api/v1/petitions?${q}`, connections: 10, seconds, method: 'GET', headers: auth });
      rows.push(
        `| group ${label}, ${total} petitions, 10 connections, ${seconds} s | ${r.ok} ok, ${r.non2xx} non-2xx | p50 ${r.p50?.toFixed(1)} ms, p99 ${r.p99?.toFixed(1)} ms, ${r.requestsPerSec.toFixed(0)} req/s |`,
      );
      say(rows.at(-1) as string);
    }

    // 3. The clock job over the open petitions.
    const [{ open, due }] = (
      await db.$client.query<{ open: number; due: number }>(
        `SELECT count(*)::int AS open, count(*) FILTER (WHERE escalate_after_on < $1::date)::int AS due FROM petitions WHERE status IN ('submitted', 'in_progress', 'reopened')`,
        [today],
      )
    ).rows;
    const t2 = Date.now();
    const escalated = await refreshPetitionClocks(db, now);
    rows.push(
      `| clock job over ${open} open petitions (${due} past their day) | escalated ${escalated} | ${((Date.now() - t2) / 1000).toFixed(1)} s |`,
    );
    say(rows.at(-1) as string);

    const lines = [
      `# Petitions benchmark, ${now.toISOString()}`,
      '',
      `PostgreSQL ${pg}${embedded ? ' (embedded)' : ''}; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after; ${g.members} members`,
      '',
      '| scenario | outcome | time |',
      '| --- | --- | --- |',
      ...rows,
    ];
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'petitions-latest.md'), `${lines.join('\n')}\n`);
    say(lines.join('\n'));
  } finally {
    loader.stop();
    await app?.close();
    await db.$client.end();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
