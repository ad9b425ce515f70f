/**
 * Crash safety (issue 17 item 2): the real server (`main.ts` on the embedded PostgreSQL in its own
 * DATA_DIR, demo data) under a write load — exam answer batches (each with an Idempotency-Key) and
 * sign-ins (each a new session) — records every acknowledged write; SIGKILLs the app, starts it
 * again, retries what was in flight with the same keys, and counts acknowledged writes missing
 * (must be 0) and duplicates (must be 0); then the same with SIGKILL to the PostgreSQL postmaster
 * under the running app; then the audit chain verifies (`audit-verify`).
 *
 *   npx tsx bench/crash.ts [--seconds 6] [--writers 4]
 *
 * Not covered yet: dues payments (POST /api/v1/dues/payments takes no idempotency key, so a client
 * retry after a crash cannot be told from a second payment; noted in bench/RESULTS.md).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 6);
const WRITERS = arg('writers', 4);
const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'vg-crashbench-'));
const say = (m: string) => process.stdout.write(`${m}\n`);

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

let port = 0;
let app: ChildProcess | undefined;
async function startApp(): Promise<void> {
  port = port || (await freePort());
  app = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      VANGUARD_DEMO: 'true',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const t0 = Date.now();
  for (;;) {
    const s = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (s === 200) return;
    if (Date.now() - t0 > 300_000) throw new Error('the app did not start in 300 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Session {
  cookie: string;
  csrf: string;
}
async function login(username: string): Promise<Session> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Xianfeng@2026' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}
const call = (s: Session, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });

/** An open exam attempt of the demo member, and a question of it to answer. */
async function openAttempt(s: Session): Promise<{ attemptId: number; questionId: number; key: string }> {
  const exams = (await (await call(s, 'GET', '/api/v1/learning/my/exams')).json()) as { items?: { id: number }[] } | { id: number }[];
  const list = Array.isArray(exams) ? exams : (exams.items ?? []);
  for (const e of list) {
    const res = await call(s, 'POST', `/api/v1/learning/my/exams/${e.id}/attempts`, {});
    if (res.status >= 300) continue;
    const attempt = (await res.json()) as { id: number; questions?: { questionId: number; options?: { key: string }[] }[] };
    const item = attempt.questions?.find((i) => i.options?.length);
    if (item?.options) return { attemptId: attempt.id, questionId: item.questionId, key: item.options[0].key };
  }
  throw new Error('no open exam with a choice question for the demo member');
}

interface Ledger {
  acked: Set<string>;
  pending: Set<string>;
  sessions: string[];
  errors: number;
}

/** Writers until `stop`: answer batches with fresh keys, and sign-ins; an unanswered request stays pending. */
async function load(s: Session, a: { attemptId: number; questionId: number; key: string }, ledger: Ledger, stop: () => boolean) {
  let n = 0;
  const writer = async (w: number) => {
    while (!stop()) {
      const key = `crash-${w}-${n++}-${Math.random().toString(36).slice(2, 8)}`;
      ledger.pending.add(key);
      try {
        const res = await call(
          s,
          'POST',
          `/api/v1/learning/my/attempts/${a.attemptId}/answers`,
          { answers: [{ questionId: a.questionId, response: { keys: [a.key] } }] },
          { 'idempotency-key': key },
        );
        if (res.status === 200) {
          ledger.acked.add(key);
          ledger.pending.delete(key);
        } else ledger.errors++;
      } catch {
        ledger.errors++;
      }
      if (w === 0) {
        try {
          const l = await login('member');
          ledger.sessions.push(l.cookie);
        } catch {
          ledger.errors++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
}

async function retryPending(s: Session, a: { attemptId: number; questionId: number; key: string }, ledger: Ledger) {
  for (const key of [...ledger.pending]) {
    for (let i = 0; i < 50; i++) {
      const res = await call(
        s,
        'POST',
        `/api/v1/learning/my/attempts/${a.attemptId}/answers`,
        { answers: [{ questionId: a.questionId, response: { keys: [a.key] } }] },
        { 'idempotency-key': key },
      ).catch(() => null);
      if (res?.status === 200) {
        ledger.acked.add(key);
        ledger.pending.delete(key);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function count(ledger: Ledger, attemptId: number) {
  const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
  const pgPort = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const c = new pg.Client({ connectionString: `postgres://vanguard:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/vanguard` });
  await c.connect();
  const { rows } = await c.query<{ key: string; n: number }>(
    'SELECT key, count(*)::int AS n FROM learning_answer_batches WHERE attempt_id = $1 GROUP BY key',
    [attemptId],
  );
  await c.end();
  const stored = new Map(rows.map((r) => [r.key, r.n]));
  const missing = [...ledger.acked].filter((k) => !stored.has(k)).length;
  const duplicates = rows.filter((r) => r.n > 1).length;
  let sessionsLost = 0;
  for (const cookie of ledger.sessions) {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: { cookie } });
    if (res.status !== 200) sessionsLost++;
  }
  return { missing, duplicates, sessionsLost };
}

const postmasterPid = () => Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

async function main() {
  say(`crash bench: DATA_DIR ${dataDir}, ${WRITERS} writers, ${SECONDS} s of load per phase`);
  const t0 = Date.now();
  await startApp();
  say(`  app up with demo data in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  let s = await login('member');
  const attempt = await openAttempt(s);
  const rows: string[] = [];

  for (const phase of ['SIGKILL app', 'SIGKILL postmaster'] as const) {
    const ledger: Ledger = { acked: new Set(), pending: new Set(), sessions: [], errors: 0 };
    let stopped = false;
    const running = load(s, attempt, ledger, () => stopped);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    if (phase === 'SIGKILL app') {
      app?.kill('SIGKILL');
      await new Promise((r) => app?.once('exit', r));
      stopped = true;
      await running;
      await startApp();
    } else {
      process.kill(postmasterPid(), 'SIGKILL');
      await new Promise((r) => setTimeout(r, 1500));
      stopped = true;
      await running;
      // The app restarts its PostgreSQL: wait for health.
      for (let i = 0; i < 600; i++) {
        if (
          (await fetch(`http://127.0.0.1:${port}/api/health`).then(
            (r) => r.status,
            () => 0,
          )) === 200
        )
          break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    s = await login('member').catch(() => s);
    const inFlight = ledger.pending.size;
    const ackedBefore = ledger.acked.size;
    await retryPending(s, attempt, ledger);
    const { missing, duplicates, sessionsLost } = await count(ledger, attempt.attemptId);
    rows.push(
      `| ${phase} | ${ackedBefore} answer batches + ${ledger.sessions.length} sign-ins acknowledged | ${inFlight} in flight, retried with the same key | ${missing} | ${sessionsLost} | ${duplicates} | ${ledger.errors} |`,
    );
  }
  app?.kill('SIGTERM');
  await new Promise((r) => app?.once('exit', r));
  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'audit-verify'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });
  const chain = /完整 OK/.test(verify.stdout) ? 'verified (audit-verify exit 0)' : `FAILED: ${verify.stdout}${verify.stderr}`;
  say(
    '\n| phase | acknowledged writes | in flight at the kill | answers missing | sessions lost | duplicate batches | errors seen by clients |',
  );
  say('|---|---|---|---|---|---|---|');
  for (const r of rows) say(r);
  say(`\naudit chain after both crashes: ${chain}`);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(rows.every((r) => / \| 0 \| 0 \| 0 \| /.test(r)) && verify.status === 0 ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  app?.kill('SIGKILL');
  process.exit(1);
});
