/**
 * Whistleblowing (举报, issue 18) timings.
 *   npx tsx bench/reports.ts [--intakes 200] [--window 60] [--photoKb 1024] [--reports 100000] [--seconds 10]
 * Starts a throwaway embedded PostgreSQL (or uses BENCH_DATABASE_URL: a scratch database), makes a 纪委
 * with a handler (key pair under a password) and the safety channel, builds the app in-process and:
 * 1. sends `intakes` reports, each with a `photoKb` JPEG, their start times spread evenly over `window`
 *    seconds (each from its own address, as workers' phones would be), through `app.inject`, all
 *    concurrently in flight as they arrive; checks none is lost (rows and sealed files counted);
 * 2. writes `reports` more reports with SQL (sealed fields are placeholders: the list never opens them),
 *    one handler in every 20 assigned to each, and reads the handler's list from 10 concurrent loops
 *    for `seconds` seconds.
 * Prints a markdown table and writes it to bench/out/reports-latest.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDb } from '../apps/server/src/db/client.js';
import { type EmbeddedDatabase, startEmbedded } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { createChannel, createHandlerKey } from '../apps/server/src/modules/reports/reports.seed.js';
import { createSession, SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.js';
import { ManualClock } from '../apps/server/src/platform/clock.js';
import { currentLoad, ms } from './report.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      intakes: { type: 'string', default: '200' },
      window: { type: 'string', default: '60' },
      photoKb: { type: 'string', default: '1024' },
      reports: { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '10' },
    },
  });
  const intakes = Number(values.intakes);
  const windowS = Number(values.window);
  const photoKb = Number(values.photoKb);
  const bulk = Number(values.reports);
  const seconds = Number(values.seconds);
  const loadBefore = currentLoad();
  const started = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'vanguard-reports-bench-'));
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
    const q = db.$client;
    const [group] = (
      await q.query<{ id: number; path: string }>(
        "INSERT INTO orgs (parent_id, path, name, kind, category) VALUES (NULL, '/', $1, 'committee', 'leading') RETURNING id, path",
        [`基准纪委${randomBytes(3).toString('hex')}`],
      )
    ).rows;
    group.path = `/${group.id}/`;
    await q.query('UPDATE orgs SET path = $1 WHERE id = $2', [group.path, group.id]);
    const handlers: number[] = [];
    for (let i = 0; i < 20; i++) {
      const [u] = (
        await q.query<{ id: number }>(
          "INSERT INTO users (username, display_name, org_id, password_hash) VALUES ($1, $2, $3, 'x') RETURNING id",
          [`bench_h${i}_${randomBytes(3).toString('hex')}`, `纪委 办案${i}`, group.id],
        )
      ).rows;
      await q.query("INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, 'discipline_handler', $2)", [u.id, group.id]);
      handlers.push(u.id);
    }
    // Two handlers of the channel carry real keys (intake wraps for both); the rest are list-only.
    await createHandlerKey(db, handlers[0], 'Bench-Passw0rd!');
    await createHandlerKey(db, handlers[1], 'Bench-Passw0rd!');
    const ch = await createChannel(db, {
      code: `safety-bench-${group.id}`,
      org: group,
      handlers: [handlers[0], handlers[1]],
      rewardEnabled: true,
    });

    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: join(dir, 'app'),
      LOG_LEVEL: 'silent',
      MASTER_KEY: randomBytes(32).toString('hex'),
      TRUST_PROXY: 'true',
    });
    const clock = new ManualClock(new Date('2027-03-01T09:00:00+08:00'));
    app = await buildApp({ config, db, clock, serveWeb: false });
    await app.ready();
    const rows: string[] = [];

    // 1. intakes with a photo each, arriving over the window.
    const photo = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), randomBytes(photoKb * 1024 - 10)]).toString('base64');
    const lat: number[] = [];
    let ok = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: intakes }, async (_, i) => {
        await sleep((i * windowS * 1000) / intakes);
        const s = performance.now();
        const res = await app?.inject({
          method: 'POST',
          url: '/api/v1/reports/intake',
          headers: { 'x-forwarded-for': `10.${(i >> 8) & 255}.${i & 255}.7` },
          payload: {
            channelId: ch.id,
            answers: { kind: '重大事故隐患', where: `工作面 ${i}`, what: `基准举报 ${i}` },
            files: [{ name: `p${i}.jpg`, base64: photo }],
          },
        });
        lat.push(performance.now() - s);
        if (res?.statusCode === 200) ok++;
        else say(`intake ${i}: ${res?.statusCode} ${res?.body.slice(0, 200)}`);
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    const stored = Number((await q.query<{ n: string }>('SELECT count(*) AS n FROM reports WHERE channel_id = $1', [ch.id])).rows[0].n);
    const files = readdirSync(join(config.uploadDir, 'reports')).length;
    const intakeLine = `| intake with a ${photoKb} KB photo | ${intakes} over ${windowS} s (done in ${wall.toFixed(1)} s) | ${ok} ok, ${stored} rows, ${files} files | ${ms(pct(lat, 50))} | ${ms(pct(lat, 99))} | ${ms(Math.max(...lat))} |`;
    say(intakeLine);
    rows.push(intakeLine);

    // 2. the handler's list among `bulk` reports.
    const tb = Date.now();
    await q.query(
      `INSERT INTO reports (channel_id, org_id, org_path, received_on, updated_on, status, ruleset_version, accept_by, receipt_hash, reporter_key, answers_enc, handler_ids)
       SELECT $1, $2, $3, d, d, (ARRAY['pending','accepted','investigating','concluded','archived'])[1 + g % 5], '2020-01', d + 7,
              md5(g::text || random()::text), 'x', 'x', ARRAY[($4::int[])[1 + g % 20]]
       FROM generate_series(1, $5::int) g, LATERAL (SELECT '2026-01-01'::date + (g % 400) AS d) x`,
      [ch.id, group.id, group.path, handlers, bulk],
    );
    await q.query('ANALYZE reports');
    say(`${bulk} reports written in ${((Date.now() - tb) / 1000).toFixed(1)} s`);
    const { token, session } = await createSession(db, handlers[0], 'active', clock.now(), { ip: '127.0.0.1', userAgent: 'bench' });
    const headers = { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken };
    for (const [name, path] of [
      ['handler list, page 1', '/api/v1/reports?page=1&pageSize=20'],
      ['handler list, overdue', '/api/v1/reports?page=1&pageSize=20&overdue=true'],
    ] as const) {
      const first = await app.inject({ method: 'GET', url: path, headers });
      if (first.statusCode !== 200) throw new Error(`${name}: ${first.statusCode} ${first.body}`);
      const times: number[] = [];
      let bad = 0;
      const until = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (performance.now() < until) {
            const s = performance.now();
            const res = await app?.inject({ method: 'GET', url: path, headers });
            times.push(performance.now() - s);
            if (res?.statusCode !== 200) bad++;
          }
        }),
      );
      const line = `| ${name} (${(first.json() as { total: number }).total} of ${bulk + intakes} assigned) | 10 concurrent, ${seconds} s: ${times.length} requests | ${bad} non-200 | ${ms(pct(times, 50))} | ${ms(pct(times, 99))} | ${ms(Math.max(...times))} |`;
      say(line);
      rows.push(line);
    }

    const md = [
      `# Reports — ${intakes} intakes with a ${photoKb} KB photo over ${windowS} s; the handler's list among ${bulk} reports`,
      '',
      `- date: ${started.toISOString()}`,
      `- CPU: ${cpus()[0]?.model.trim() ?? 'unknown'}, ${cpus().length} cores; RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
      `- Node ${process.version}; PostgreSQL ${pgVersion} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'})`,
      '- requests through app.inject (no network); intake = validate, scrypt of the receipt, seal, wrap for 2 handlers, write the sealed file, one transaction',
      `- 1-minute load average: ${loadBefore.toFixed(2)} before the run, ${currentLoad().toFixed(2)} after`,
      '',
      '| scenario | load | outcome | p50 ms | p99 ms | max ms |',
      '| --- | --- | --- | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n');
    say(`\n${md}`);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}reports-latest.md`, md);
    return ok === intakes && stored === intakes ? 0 : 1;
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
    process.stderr.write(`reports bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
