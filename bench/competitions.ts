/**
 * Live competition benchmark (安全知识竞赛).
 *   npx tsx bench/competitions.ts [--phones 500] [--questions 10] [--seconds 15] [--members 5000]
 * Starts a throwaway embedded PostgreSQL (or BENCH_DATABASE_URL when it has no members yet),
 * generates the group (bench/generate.ts), gives `phones` members (spread over the branches) a
 * login and a session, and builds the app in this process on a loopback port. A host creates a
 * live quiz of `questions` questions with a `seconds` countdown and opens the lobby; every phone
 * joins and opens the Server-Sent Events stream (fetch, streamed body). For each question the
 * host pushes it; every phone answers once at a random moment in the first half of the
 * countdown. Measured:
 *   - answer: the POST's latency (p50/p95/max) and how many were accepted, refused or failed;
 *   - board: for each phone and question, the time from the last accepted answer of the
 *     question (its response at the client) until that phone's stream shows a board counting
 *     every answer so far (the `answers` total); and per question the time until the LAST phone
 *     saw it (what "every phone sees it within 1 s" means);
 *   - lost: answers accepted by the API but missing in competition_answers (must be 0), and
 *     phones whose final row on the board does not count all their answers.
 * The phones run in this process beside the server (fetch), so they share its event loop: the
 * latencies are if anything pessimistic. Writes bench/out/competitions-latest.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDb } from '../apps/server/src/db/client.js';
import { type EmbeddedDatabase, startEmbedded } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { createSession, SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.js';
import { generate } from './generate.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
const ms = (x: number) => `${Math.round(x)} ms`;

type Auth = { cookie: string; 'x-csrf-token': string };
interface Phone {
  auth: Auth;
  /** Latest board total and my answered count seen on the stream, with when (performance.now()). */
  seenAnswers: number;
  seenAt: number;
  myAnswered: number;
  /** Answers the API accepted from this phone. */
  accepted: number;
  waiters: { atLeast: number; resolve: (t: number) => void }[];
  abort: AbortController;
  events: number;
}

async function main() {
  const { values } = parseArgs({
    options: {
      phones: { type: 'string', default: '500' },
      questions: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '15' },
      members: { type: 'string', default: '5000' },
    },
  });
  const P = Number(values.phones);
  const Q = Number(values.questions);
  const S = Number(values.seconds);
  const loadBefore = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const started = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'vanguard-comp-bench-'));
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    embedded = await startEmbedded(dir);
    url = embedded.url;
  }
  const db = createDb(url, 30);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  const phones: Phone[] = [];
  try {
    await runMigrations(db);
    const pgVersion = (await db.$client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    say(`generating ${values.members} members…`);
    const g = await generate(db.$client, { members: Math.max(Number(values.members), P), log: (m) => say(`  ${m}`) });

    // The host (org_admin on the group) and the phones' logins, set-based.
    const hash = (await db.$client.query<{ h: string }>("SELECT 'x' AS h")).rows[0].h; // sessions are issued directly: no password needed
    const { rows: host } = await db.$client.query<{ id: number }>(
      `INSERT INTO users (username, display_name, org_id, password_hash) VALUES ('comp_host', '竞赛主持人', $1, $2) RETURNING id`,
      [g.rootId, hash],
    );
    await db.$client.query(`INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, 'org_admin', $2)`, [host[0].id, g.rootId]);
    const { rows: phoneUsers } = await db.$client.query<{ id: number }>(
      `WITH m AS (SELECT id, name, org_id FROM members WHERE status = 'normal' AND user_id IS NULL ORDER BY md5(id::text) LIMIT ${P}),
       u AS (INSERT INTO users (username, display_name, org_id, password_hash) SELECT 'cp_' || m.id, m.name, m.org_id, $1 FROM m RETURNING id, username, org_id),
       r AS (INSERT INTO role_grants (user_id, role, org_id) SELECT id, 'member', org_id FROM u)
       UPDATE members SET user_id = u.id FROM u WHERE u.username = 'cp_' || members.id RETURNING u.id`,
      [hash],
    );
    const session = async (userId: number): Promise<Auth> => {
      const { token, session: s } = await createSession(db, userId, 'active', new Date(), { ip: '127.0.0.1', userAgent: 'bench' });
      return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': s.csrfToken };
    };
    const hostAuth = await session(host[0].id);
    for (const u of phoneUsers)
      phones.push({
        auth: await session(u.id),
        seenAnswers: -1,
        seenAt: 0,
        myAnswered: 0,
        accepted: 0,
        waiters: [],
        abort: new AbortController(),
        events: 0,
      });

    // Questions in the group's bank: single choice, right answer B.
    // (two statements: the UPDATE cannot see rows inserted by a CTE of its own statement)
    const { rows: qs } = await db.$client.query<{ id: number }>(
      `WITH q AS (INSERT INTO learning_questions (org_id, org_path, type, category, difficulty)
                  SELECT $1, $2, 'single', '安全生产', 2 FROM generate_series(1, ${Q}) RETURNING id)
       INSERT INTO learning_question_versions (question_id, version, stem, options, answer)
       SELECT id, 1, '基准题 ' || id, '[{"key":"A","text":"甲"},{"key":"B","text":"乙"},{"key":"C","text":"丙"}]', '{"keys":["B"]}' FROM q
       RETURNING question_id AS id`,
      [g.rootId, g.rootPath],
    );
    await db.$client.query(
      `UPDATE learning_questions q SET current_version_id = v.id FROM learning_question_versions v
       WHERE v.question_id = q.id AND q.id = ANY($1::int[])`,
      [qs.map((q) => q.id)],
    );

    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: join(dir, 'app'), LOG_LEVEL: 'silent', MASTER_KEY: 'be'.repeat(32) });
    app = await buildApp({ config, db, serveWeb: false });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const call = async (auth: Auth, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text };
    };

    const created = await call(hostAuth, 'POST', '/api/v1/competitions', {
      orgId: g.rootId,
      kind: 'live',
      title: '基准竞赛',
      questionIds: qs.map((q) => q.id).sort((a, b) => a - b),
      secondsPerQuestion: S,
    });
    if (created.status !== 200) throw new Error(`create: ${created.status} ${created.body}`);
    const compId = (JSON.parse(created.body) as { id: number }).id;
    await call(hostAuth, 'POST', `/api/v1/competitions/${compId}/open`);

    say(`${P} phones join and open the stream…`);
    const joinStarted = performance.now();
    await Promise.all(
      phones.map(async (p) => {
        const r = await call(p.auth, 'POST', `/api/v1/competitions/my/${compId}/join`);
        if (r.status !== 200) throw new Error(`join: ${r.status} ${r.body}`);
      }),
    );
    const streamsOpen = phones.map((p) => openStream(base, compId, p));
    await Promise.all(streamsOpen);
    say(`  joined and streaming in ${ms(performance.now() - joinStarted)}`);

    const answerMs: number[] = [];
    const boardMs: number[] = [];
    const everyPhoneMs: number[] = [];
    let accepted = 0;
    let refused = 0;
    let failed = 0;
    let cumulative = 0;
    for (let q = 1; q <= Q; q++) {
      const pushed = await call(hostAuth, 'POST', `/api/v1/competitions/${compId}/next`);
      if (pushed.status !== 200) throw new Error(`push ${q}: ${pushed.status} ${pushed.body}`);
      const pushAt = performance.now();
      let lastAccepted = 0;
      await Promise.all(
        phones.map(async (p, i) => {
          await sleep(Math.random() * S * 500);
          const t0 = performance.now();
          try {
            const r = await call(p.auth, 'POST', `/api/v1/competitions/my/${compId}/answers`, {
              position: q,
              keys: [i % 4 === 0 ? 'A' : 'B'],
            });
            const t1 = performance.now();
            answerMs.push(t1 - t0);
            if (r.status === 200) {
              accepted++;
              p.accepted++;
              lastAccepted = Math.max(lastAccepted, t1);
            } else refused++;
          } catch {
            failed++;
          }
        }),
      );
      cumulative = accepted;
      // Every phone's stream must come to count every answer so far.
      const seen = await Promise.all(phones.map((p) => until(p, cumulative, 10_000)));
      const lat = seen.map((t) => (t < 0 ? 10_000 : Math.max(0, t - lastAccepted)));
      boardMs.push(...lat);
      everyPhoneMs.push(Math.max(...lat));
      say(
        `  question ${q}: ${accepted} accepted so far; last answer ${ms(lastAccepted - pushAt)} after the push; every phone saw it after ${ms(Math.max(...lat))}`,
      );
      // The next question may be pushed once this countdown is over.
      const left = S * 1000 - (performance.now() - pushAt);
      if (left > -100) await sleep(left + 150);
    }
    await call(hostAuth, 'POST', `/api/v1/competitions/${compId}/finish`);
    await sleep(500);
    const { rows: stored } = await db.$client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM competition_answers WHERE competition_id = $1',
      [compId],
    );
    const short = phones.filter((p) => p.myAnswered !== p.accepted).length;
    const events = phones.reduce((s, p) => s + p.events, 0);
    const loadAfter = loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
    const lines = [
      `## Live competition — ${started.toISOString().slice(0, 16)}Z`,
      '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB; PostgreSQL ${pgVersion} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'}); Node ${process.version}; load average before ${loadBefore}, after ${loadAfter}.`,
      `${P} phones (SSE streams, fetch) and the server in one Node process; ${Q} questions, ${S} s countdown, answers spread over the first half of it.`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| answers sent / accepted / refused / failed | ${P * Q} / ${accepted} / ${refused} / ${failed} |`,
      `| answers stored (competition_answers) | ${stored[0].n} |`,
      `| answers lost (accepted but not stored) | ${accepted - stored[0].n} |`,
      `| phones whose final board row does not count all their accepted answers | ${short} |`,
      `| (refused = arrived after the countdown by the server clock, so not counted by design) | |`,
      `| answer POST latency p50 / p95 / max | ${ms(pct(answerMs, 50))} / ${ms(pct(answerMs, 95))} / ${ms(Math.max(...answerMs))} |`,
      `| board on a phone after the last answer p50 / p95 / max | ${ms(pct(boardMs, 50))} / ${ms(pct(boardMs, 95))} / ${ms(Math.max(...boardMs))} |`,
      `| board on EVERY phone after the last answer, per question p50 / p95 / max | ${ms(pct(everyPhoneMs, 50))} / ${ms(pct(everyPhoneMs, 95))} / ${ms(Math.max(...everyPhoneMs))} |`,
      `| stream events received (all phones) | ${events} |`,
      '',
    ];
    say('');
    for (const l of lines) say(l);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'competitions-latest.md'), `${lines.join('\n')}\n`);
    if (accepted !== stored[0].n || failed > 0 || short > 0) process.exitCode = 1;
  } finally {
    for (const p of phones) p.abort.abort();
    await app?.close();
    await db.$client.end();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens a phone's stream and keeps reading it; resolves once the first state has arrived. */
function openStream(base: string, id: number, p: Phone): Promise<void> {
  return new Promise((resolve, reject) => {
    void (async () => {
      try {
        const res = await fetch(`${base}/api/v1/competitions/my/${id}/stream`, {
          headers: { cookie: p.auth.cookie },
          signal: p.abort.signal,
        });
        if (res.status !== 200 || !res.body) throw new Error(`stream: ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buf += value;
          let cut = buf.indexOf('\n\n');
          while (cut >= 0) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            cut = buf.indexOf('\n\n');
            if (!block.startsWith('event: state')) continue;
            // Read the two numbers the bench needs without parsing every event (500 phones share this process).
            const total = /"playerCount":\d+,"answers":(\d+)/.exec(block);
            const mine = /"answered":(\d+),"rank":\d+\}\}\s*$/.exec(block);
            p.events++;
            p.seenAnswers = Number(total?.[1] ?? -1);
            p.seenAt = performance.now();
            p.myAnswered = Number(mine?.[1] ?? 0);
            p.waiters = p.waiters.filter((w) => {
              if (p.seenAnswers < w.atLeast) return true;
              w.resolve(p.seenAt);
              return false;
            });
            resolve();
          }
        }
      } catch (e) {
        if (!p.abort.signal.aborted) reject(e);
      }
    })();
  });
}

/** When the phone's stream first showed at least `atLeast` answers (now, if it already has); -1 after the timeout. */
function until(p: Phone, atLeast: number, timeoutMs: number): Promise<number> {
  if (p.seenAnswers >= atLeast) return Promise.resolve(p.seenAt);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(-1), timeoutMs);
    p.waiters.push({
      atLeast,
      resolve: (t) => {
        clearTimeout(timer);
        resolve(t);
      },
    });
  });
}

main().catch((e) => {
  say(String(e instanceof Error ? e.stack : e));
  process.exitCode = 1;
});
