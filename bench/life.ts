/**
 * Organizational-life benchmark.
 *   npx tsx bench/life.ts [--members 50000] [--years 5] [--seconds 10]
 * Starts a throwaway embedded PostgreSQL (or uses BENCH_DATABASE_URL when it has no members yet),
 * generates the group (bench/generate.ts), then with one INSERT … SELECT gives every branch and
 * 党小组 the meetings the ruleset expects for `years` years (with minutes, about 1 in 13 missing),
 * and measures:
 *   1. GET /api/v1/life/compliance for the whole group (the group's org_admin), at 1 and 10
 *      connections (autocannon in a child process);
 *   2. 2,000 members signing in to one meeting: a meeting with 2,000 expected members, each with
 *      a login and a session; every member POSTs /api/v1/life/sign-in once with the current
 *      numeric code or QR token — first paced over 60 s (random arrival), then, on a second
 *      meeting, as a burst at 50 in flight. Counts the rows afterwards (none lost, none twice)
 *      and replays 200 attempts with the same clientId (idempotent: no new rows).
 * The sign-in client runs in this process beside the server (fetch), which adds its own work to
 * the server's event loop: the latencies are if anything pessimistic.
 * Writes bench/out/life-latest.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chinaDay, LIFE_RULESETS, tokenSlot } from '@vanguard/shared';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDb } from '../apps/server/src/db/client.js';
import { type EmbeddedDatabase, startEmbedded } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { roleGrants, users } from '../apps/server/src/db/schema/index.js';
import { makeCode, makeToken } from '../apps/server/src/modules/life/signin.token.js';
import { hashPassword } from '../apps/server/src/platform/auth/password.js';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.js';
import { generate } from './generate.js';
import { startLoader } from './load.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const PASSWORD = 'Bench-Passw0rd!';
const rs = LIFE_RULESETS[0];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function main() {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '50000' },
      years: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '10' },
      // `signin` skips the compliance measurement (for quick sign-in runs with wait-event sampling).
      only: { type: 'string', default: '' },
    },
  });
  const members = Number(values.members);
  const years = Number(values.years);
  const seconds = Number(values.seconds);
  const loadBefore = loadavg()[0];
  const started = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'vanguard-life-bench-'));
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    embedded = await startEmbedded(dir);
    url = embedded.url;
  }
  const db = createDb(url, 30);
  const loader = startLoader();
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await runMigrations(db);
    const pgVersion = (await db.$client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    say(`generating ${members} members…`);
    const g = await generate(db.$client, { members, log: (m) => say(`  ${m}`) });
    const { rows: kinds } = await db.$client.query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM orgs GROUP BY kind ORDER BY kind',
    );
    say(`generated ${g.members} members in ${g.orgs} orgs (${kinds.map((k) => `${k.kind} ${k.n}`).join(', ')})`);

    // Meetings: every expected (type, period) of `years` years up to last month, ~1 in 13 missing.
    const t = Date.now();
    const plan = rs.expected
      .filter((e) => !e.by)
      .map((e) => `('${e.type}', '${e.every}', '{${e.kinds.join(',')}}'::text[])`)
      .join(', ');
    await db.$client.query(`
      WITH plan(type, unit, kinds) AS (VALUES ${plan}),
      months AS (SELECT (date_trunc('month', now()) - make_interval(months => k))::date AS m FROM generate_series(1, ${years * 12}) k)
      INSERT INTO meetings (org_id, org_path, type, topic, starts_at, place, invite, status, minutes, minutes_at, sign_key)
      SELECT o.id, o.path, p.type, '例会', (mo.m + 4 + time '09:00') AT TIME ZONE 'Asia/Shanghai', '会议室', '{"kind":"members"}', 'held', '记录',
        (mo.m + 4 + time '11:00') AT TIME ZONE 'Asia/Shanghai', md5(random()::text) || md5(random()::text)
      FROM orgs o JOIN plan p ON o.kind = ANY(p.kinds) CROSS JOIN months mo
      WHERE (p.unit = 'month' OR (p.unit = 'quarter' AND extract(month FROM mo.m)::int % 3 = 0) OR (p.unit = 'year' AND extract(month FROM mo.m)::int = 12))
        AND (o.id * 7 + extract(month FROM mo.m)::int * 3 + length(p.type)) % 13 <> 0`);
    await db.$client.query('INSERT INTO meeting_orgs (meeting_id, org_id, org_path) SELECT id, org_id, org_path FROM meetings');
    const meetingsMs = Date.now() - t;
    await db.$client.query('VACUUM (ANALYZE) meetings, meeting_orgs, orgs');
    const [{ n: meetingCount }] = (await db.$client.query<{ n: number }>('SELECT count(*)::int AS n FROM meetings')).rows;
    say(`meetings: ${meetingCount} in ${(meetingsMs / 1000).toFixed(1)} s`);

    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: join(dir, 'app'),
      LOG_LEVEL: 'silent',
      MASTER_KEY: randomBytes(32).toString('hex'),
    });
    app = await buildApp({ config, db, serveWeb: false });
    // Server-side time of each sign-in (from the request's arrival to the reply), beside the
    // client's: the difference is time spent queued in the client or the event loop.
    const serverMs: number[] = [];
    app.addHook('onResponse', async (req, reply) => {
      if (req.url === '/api/v1/life/sign-in') serverMs.push(reply.elapsedTime);
    });
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = async (username: string) => {
      const res = await fetch(`${appUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      const body = (await res.json()) as { csrfToken: string };
      const cookie = (res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '').split(';')[0];
      return { cookie, 'x-csrf-token': body.csrfToken };
    };
    const passwordHash = await hashPassword(PASSWORD);
    const adminName = `bench_${randomBytes(4).toString('hex')}`;
    const [admin] = await db
      .insert(users)
      .values({ username: adminName, displayName: '组织生活基准', orgId: g.rootId, passwordHash })
      .returning({ id: users.id });
    await db.insert(roleGrants).values({ userId: admin.id, role: 'org_admin', orgId: g.rootId });
    const auth = await login(adminName);

    // 1. Compliance for the whole group.
    const year = Number(chinaDay(new Date()).slice(0, 4));
    const compUrl = `${appUrl}/api/v1/life/compliance?orgId=${g.rootId}&year=${year}`;
    const pre = await fetch(compUrl, { headers: auth });
    const preBody = (await pre.json()) as { total: { orgs: number; expected: number; done: number } };
    if (!pre.ok) throw new Error(`compliance ${pre.status} ${JSON.stringify(preBody)}`);
    say(`compliance: ${preBody.total.orgs} orgs expected to meet, ${preBody.total.done}/${preBody.total.expected} cells done`);
    const loadRows: string[] = [];
    const measure = async (name: string, target: string) => {
      await loader.run({ url: target, method: 'GET', headers: auth, connections: 5, seconds: 1 });
      for (const connections of [1, 10]) {
        const r = await loader.run({ url: target, method: 'GET', headers: auth, connections, seconds });
        if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors (${r.firstError ?? ''})`);
        say(`${name} @${connections}: ${r.requestsPerSec.toFixed(1)} req/s, p50 ${r.p50?.toFixed(1)} ms, p99 ${r.p99?.toFixed(1)} ms`);
        loadRows.push(`| ${name} | ${connections} | ${r.requestsPerSec.toFixed(1)} | ${r.p50?.toFixed(1)} | ${r.p99?.toFixed(1)} |`);
      }
    };
    if (values.only !== 'signin') {
      await measure(`GET /api/v1/life/compliance (whole group, ${preBody.total.orgs} orgs, ${years} years of meetings)`, compUrl);
      await measure('GET /api/v1/me (baseline: session + grants only)', `${appUrl}/api/v1/me`);
    }

    // 2. 2,000 members signing in to one meeting.
    const N = 2000;
    const { rows: people } = await db.$client.query<{ id: number; org_id: number }>(
      `SELECT id, org_id FROM members WHERE status = 'normal' ORDER BY id LIMIT ${N}`,
    );
    const { rows: us } = await db.$client.query<{ id: number }>(
      `INSERT INTO users (username, display_name, org_id, password_hash)
       SELECT 'lm_' || m.id, m.name, m.org_id, $1 FROM members m WHERE m.id = ANY($2::int[]) ORDER BY m.id RETURNING id`,
      [passwordHash, people.map((p) => p.id)],
    );
    await db.$client.query(`UPDATE members m SET user_id = u.id FROM users u WHERE u.username = 'lm_' || m.id AND m.id = ANY($1::int[])`, [
      people.map((p) => p.id),
    ]);
    await db.$client.query(
      `INSERT INTO role_grants (user_id, role, org_id) SELECT u.id, 'member', u.org_id FROM users u WHERE u.id = ANY($1::int[])`,
      [us.map((u) => u.id)],
    );
    // Sessions through the real login would take 2,000 password hashes; create them as the login does.
    const { createSession } = await import('../apps/server/src/platform/auth/sessions.js');
    const sessions: { cookie: string; 'x-csrf-token': string }[] = [];
    for (const u of us) {
      const { token, session } = await createSession(db, u.id, 'active', new Date(), { ip: '127.0.0.1', userAgent: 'bench' });
      sessions.push({ cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken });
    }
    const newMeeting = async (label: string) => {
      const { rows } = await db.$client.query<{ id: number; sign_key: string }>(
        `INSERT INTO meetings (org_id, org_path, type, topic, starts_at, place, invite, sign_key)
         VALUES ($1, $2, 'branch_assembly', $3, now() + interval '5 minutes', '礼堂', '{"kind":"members"}', $4) RETURNING id, sign_key`,
        [g.rootId, g.rootPath, label, randomBytes(32).toString('base64url')],
      );
      const m = rows[0];
      await db.$client.query('INSERT INTO meeting_orgs (meeting_id, org_id, org_path) VALUES ($1, $2, $3)', [m.id, g.rootId, g.rootPath]);
      await db.$client.query(
        'INSERT INTO meeting_attendees (meeting_id, member_id, org_id) SELECT $1, id, org_id FROM members WHERE id = ANY($2::int[])',
        [m.id, people.map((p) => p.id)],
      );
      return m;
    };
    const signIn = async (m: { id: number; sign_key: string }, i: number, clientId: string) => {
      const slot = tokenSlot(new Date(), rs);
      // Half scan the QR code, half type the 6-digit code.
      const body = i % 2 ? { token: makeToken(m.id, slot, m.sign_key), clientId } : { code: makeCode(m.id, slot, m.sign_key), clientId };
      const t0 = performance.now();
      try {
        const res = await fetch(`${appUrl}/api/v1/life/sign-in`, {
          method: 'POST',
          headers: { ...sessions[i], 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        return { ok: res.ok, status: res.status, ms: performance.now() - t0, text };
      } catch (e) {
        // A client-side failure (reset, timeout) counts as a failed attempt, with its cause.
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        return {
          ok: false,
          status: 0,
          ms: performance.now() - t0,
          text: `${(e as Error).message}: ${cause?.code ?? cause?.message ?? ''}`,
        };
      }
    };
    // What the database's backends are doing during a wave: pg_stat_activity sampled every 10 ms
    // on a connection of its own (active backends by wait event, and lock waits by the locked
    // object), so a lock that serialises sign-ins shows up as Lock/transactionid or Lock/tuple
    // waits on its table.
    const sampler = async (stop: { done: boolean }) => {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const waits = new Map<string, number>();
      let samples = 0;
      let busy = 0;
      while (!stop.done) {
        const { rows } = await c.query<{ w: string; n: number }>(
          `SELECT coalesce(a.wait_event_type || '/' || a.wait_event, 'CPU') ||
                  coalesce(' on ' || (SELECT string_agg(DISTINCT coalesce(l.relation::regclass::text, l.locktype), ',')
                    FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted), '') ||
                  coalesce(' blocked by: ' || left(regexp_replace(b.query, '[[:space:]]+', ' ', 'g'), 70), '') AS w, count(*)::int AS n
             FROM pg_stat_activity a
             LEFT JOIN LATERAL (SELECT query FROM pg_stat_activity x WHERE x.pid = (pg_blocking_pids(a.pid))[1]) b ON true
            WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.state = 'active'
            GROUP BY 1`,
        );
        samples++;
        for (const r of rows) {
          waits.set(r.w, (waits.get(r.w) ?? 0) + r.n);
          busy += r.n;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      await c.end();
      return { samples, busy, waits: [...waits].sort((a, b) => b[1] - a[1]) };
    };
    const runWave = async (m: { id: number; sign_key: string }, mode: 'paced' | 'burst') => {
      const lat: number[] = [];
      const failures: string[] = [];
      serverMs.length = 0;
      const stop = { done: false };
      const sampling = sampler(stop);
      const t1 = Date.now();
      if (mode === 'paced') {
        // Random arrivals over 60 s.
        await Promise.all(
          people.map(async (_p, i) => {
            await new Promise((r) => setTimeout(r, Math.random() * 60_000));
            const r = await signIn(m, i, `bench-${m.id}-${i}`);
            lat.push(r.ms);
            if (!r.ok) failures.push(`${r.status} ${r.text.slice(0, 120)}`);
          }),
        );
      } else {
        let next = 0;
        await Promise.all(
          Array.from({ length: 50 }, async () => {
            while (next < N) {
              const i = next++;
              const r = await signIn(m, i, `bench-${m.id}-${i}`);
              lat.push(r.ms);
              if (!r.ok) failures.push(`${r.status} ${r.text.slice(0, 120)}`);
            }
          }),
        );
      }
      const wallMs = Date.now() - t1;
      stop.done = true;
      const sampled = await sampling;
      const server = { p50: pct(serverMs, 50), p99: pct(serverMs, 99), max: Math.max(...serverMs) };
      say(
        `  server-side ${mode}: p50 ${server.p50.toFixed(1)} ms, p99 ${server.p99.toFixed(1)} ms, max ${server.max.toFixed(1)} ms; ` +
          `pg_stat_activity: ${sampled.samples} samples, ${(sampled.busy / sampled.samples).toFixed(2)} active backends on average`,
      );
      for (const [w, n] of sampled.waits.slice(0, 8)) say(`    ${String(n).padStart(6)}  ${w}`);
      const [{ n, d }] = (
        await db.$client.query<{ n: number; d: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT member_id)::int AS d FROM meeting_signins WHERE meeting_id = $1',
          [m.id],
        )
      ).rows;
      // Replays of 200 attempts (same clientId): answered 200, no new rows.
      let replayOk = 0;
      for (let i = 0; i < 200; i++) if ((await signIn(m, i, `bench-${m.id}-${i}`)).ok) replayOk++;
      const [{ n: after }] = (
        await db.$client.query<{ n: number }>('SELECT count(*)::int AS n FROM meeting_signins WHERE meeting_id = $1', [m.id])
      ).rows;
      say(
        `sign-in ${mode}: ${N} in ${(wallMs / 1000).toFixed(1)} s, ${failures.length} failed${failures[0] ? ` (${failures[0]})` : ''}, rows ${n} (distinct ${d}), p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms; replays ${replayOk}/200 ok, rows after ${after}`,
      );
      return {
        mode,
        server,
        sampled,
        wallMs,
        failures: failures.length,
        rows: n,
        distinct: d,
        p50: pct(lat, 50),
        p99: pct(lat, 99),
        max: Math.max(...lat),
        replayOk,
        after,
      };
    };
    const paced = await runWave(await newMeeting('2,000 人签到（60 秒内随机到达）'), 'paced');
    const burst = await runWave(await newMeeting('2,000 人签到（50 并发连续）'), 'burst');

    const md = [
      `### Organizational life, ${g.members.toLocaleString('en-US')} members, ${g.orgs.toLocaleString('en-US')} orgs (${started.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
      '',
      `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'}). Load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (the machine is shared with other agents' builds and tests). Orgs by kind: ${kinds.map((k) => `${k.kind} ${k.n}`).join(', ')}. ${meetingCount.toLocaleString('en-US')} meetings (${years} years, every expected type and period, ~1 in 13 missing) written in ${(meetingsMs / 1000).toFixed(1)} s.`,
      '',
      '| scenario | connections | req/s | p50 ms | p99 ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...loadRows,
      '',
      '| 2,000 members sign in to one meeting | wall s | failed | rows (distinct) | p50 ms | p99 ms | max ms | 200 replays ok / rows after |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...[paced, burst].map(
        (w) =>
          `| ${w.mode === 'paced' ? 'random arrivals over 60 s' : 'burst, 50 in flight'} | ${(w.wallMs / 1000).toFixed(1)} | ${w.failures} | ${w.rows} (${w.distinct}) | ${w.p50.toFixed(1)} | ${w.p99.toFixed(1)} | ${w.max.toFixed(1)} | ${w.replayOk} / ${w.after} |`,
      ),
      '',
    ].join('\n');
    say(`\n${md}`);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}life-latest.md`, md);
  } finally {
    loader.stop();
    await app?.close();
    await db.$client.end();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`life bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
