/**
 * Exam benchmark (issue 7): N members start and submit one 50-question exam within a window.
 *   npx tsx bench/learning-exam.ts --members 2000 [--window 300] [--questions 50]
 * Starts a throwaway embedded PostgreSQL (or uses BENCH_DATABASE_URL when it has no members yet),
 * generates the group (bench/generate.ts), writes a bank of single-choice questions and one
 * published fixed paper of `questions` questions for the whole group (30-minute limit), gives N
 * members a login and a session, and then every member, arriving at a random moment of the
 * window, takes the exam as the phone does: POST start (draws the paper), one PUT per answer
 * (answer-save) spread over 20–60 % of the window, then POST submit (graded by the server).
 * Everything must end inside the window. Afterwards it counts in the database: N attempts, all
 * graded, N × questions answers saved (none lost), and replays 100 submits with their
 * Idempotency-Key (same result, nothing counted twice).
 * The phones run in a child process (bench/learning-exam-phones.ts): their own event loop, the same two cores. Prints a table and writes bench/out/learning-exam-latest.md.
 */
import { randomBytes } from 'node:crypto';
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
import { hashPassword } from '../apps/server/src/platform/auth/password.js';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.js';
import { generate } from './generate.js';
import { runPhones } from './learning-exam-phones.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function main() {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '2000' },
      window: { type: 'string', default: '300' },
      questions: { type: 'string', default: '50' },
    },
  });
  const N = Number(values.members);
  const windowMs = Number(values.window) * 1000;
  const Q = Number(values.questions);
  const loadBefore = loadavg()[0];
  const started = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'vanguard-exam-bench-'));
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    embedded = await startEmbedded(dir);
    url = embedded.url;
  }
  const db = createDb(url, 30);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await runMigrations(db);
    const pgVersion = (await db.$client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    say(`generating ${Math.max(N, 1000)} members…`);
    const g = await generate(db.$client, { members: Math.max(N, 1000), log: (m) => say(`  ${m}`) });

    // The bank: Q + 10 single-choice questions of the group (right answer B), and the exam.
    const { rows: qs } = await db.$client.query<{ id: number }>(
      `INSERT INTO learning_questions (org_id, org_path, type, category, difficulty)
       SELECT $1, $2, 'single', '安全生产', 1 + (k % 3) FROM generate_series(1, $3) k RETURNING id`,
      [g.rootId, g.rootPath, Q + 10],
    );
    await db.$client.query(
      `INSERT INTO learning_question_versions (question_id, version, stem, options, answer)
       SELECT id, 1, '基准试题 ' || id, '[{"key":"A","text":"甲"},{"key":"B","text":"乙"},{"key":"C","text":"丙"},{"key":"D","text":"丁"}]'::jsonb, '{"keys":["B"]}'::jsonb
       FROM learning_questions WHERE id = ANY($1::int[])`,
      [qs.map((q) => q.id)],
    );
    await db.$client.query(
      `UPDATE learning_questions q SET current_version_id = v.id FROM learning_question_versions v WHERE v.question_id = q.id AND q.id = ANY($1::int[])`,
      [qs.map((q) => q.id)],
    );
    const {
      rows: [exam],
    } = await db.$client.query<{ id: number }>(
      `INSERT INTO learning_exams (org_id, org_path, title, mode, opens_at, closes_at, time_limit_minutes, max_attempts, status, published_at, offline_allowed)
       VALUES ($1, $2, '基准：50 题安全知识考试', 'fixed', now() - interval '1 minute', now() + interval '3 hours', 30, 1, 'published', now(), true) RETURNING id`,
      [g.rootId, g.rootPath],
    );
    await db.$client.query(
      `INSERT INTO learning_exam_items (exam_id, question_id, position, points)
       SELECT $1, id, row_number() OVER (ORDER BY id), 2 FROM learning_questions WHERE id = ANY($2::int[])`,
      [exam.id, qs.slice(0, Q).map((q) => q.id)],
    );

    // N members with a login (member role) and a session, as life.ts does.
    const passwordHash = await hashPassword(`Bench-${randomBytes(6).toString('hex')}!`);
    const { rows: people } = await db.$client.query<{ id: number }>(
      `SELECT id FROM members WHERE status = 'normal' ORDER BY id LIMIT ${N}`,
    );
    if (people.length < N) throw new Error(`only ${people.length} members`);
    const { rows: us } = await db.$client.query<{ id: number }>(
      `INSERT INTO users (username, display_name, org_id, password_hash)
       SELECT 'lx_' || m.id, m.name, m.org_id, $1 FROM members m WHERE m.id = ANY($2::int[]) ORDER BY m.id RETURNING id`,
      [passwordHash, people.map((p) => p.id)],
    );
    await db.$client.query(`UPDATE members m SET user_id = u.id FROM users u WHERE u.username = 'lx_' || m.id AND m.id = ANY($1::int[])`, [
      people.map((p) => p.id),
    ]);
    await db.$client.query(
      `INSERT INTO role_grants (user_id, role, org_id) SELECT u.id, 'member', u.org_id FROM users u WHERE u.id = ANY($1::int[])`,
      [us.map((u) => u.id)],
    );
    const { createSession } = await import('../apps/server/src/platform/auth/sessions.js');
    const sessions: Record<string, string>[] = [];
    for (const u of us) {
      const { token, session } = await createSession(db, u.id, 'active', new Date(), { ip: '127.0.0.1', userAgent: 'bench' });
      sessions.push({ cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken });
    }
    await db.$client.query('VACUUM (ANALYZE) learning_questions, learning_question_versions, members, users, role_grants');

    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: join(dir, 'app'),
      LOG_LEVEL: 'silent',
      MASTER_KEY: randomBytes(32).toString('hex'),
    });
    app = await buildApp({ config, db, serveWeb: false });
    // Server-side time of each request (arrival to reply), beside the client's: the difference is queueing in the client and the event loop.
    const serverMs = { start: [] as number[], answer: [] as number[], submit: [] as number[] };
    app.addHook('onResponse', async (req, reply) => {
      const u = req.url;
      if (u.includes('/answers/')) serverMs.answer.push(reply.elapsedTime);
      else if (u.endsWith('/submit')) serverMs.submit.push(reply.elapsedTime);
      else if (u.endsWith('/attempts')) serverMs.start.push(reply.elapsedTime);
    });
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });

    say(`${N} members take a ${Q}-question exam within ${windowMs / 1000} s (phones in a child process)…`);
    const { lat, failures, results, lateMembers, wallMs } = await runPhones({ appUrl, sessions, examId: exam.id, windowMs });
    // The replays below go from this thread (a few, one at a time).
    const call = async (kind: keyof typeof lat, i: number, method: string, path: string, body?: unknown, key?: string) => {
      const t0 = performance.now();
      const res = await fetch(`${appUrl}${path}`, {
        method,
        headers: { ...sessions[i], ...(key ? { 'idempotency-key': key } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      lat[kind].push(performance.now() - t0);
      if (!res.ok) failures.push(`${kind} ${res.status} ${text.slice(0, 120)}`);
      return res.ok ? (JSON.parse(text) as Record<string, unknown>) : null;
    };

    // None lost: every attempt graded, every answer saved.
    const [counts] = (
      await db.$client.query<{ attempts: number; graded: number; members: number; answered: number }>(
        `SELECT count(*)::int AS attempts, count(*) FILTER (WHERE status = 'graded')::int AS graded, count(DISTINCT member_id)::int AS members,
                (SELECT count(*)::int FROM learning_attempt_items i JOIN learning_attempts a2 ON a2.id = i.attempt_id
                  WHERE a2.exam_id = $1 AND i.response IS NOT NULL) AS answered
           FROM learning_attempts WHERE exam_id = $1`,
        [exam.id],
      )
    ).rows;
    // Replayed submits (a phone that lost the answer): same score, nothing counted twice.
    let replaySame = 0;
    for (const r of results.slice(0, 100)) {
      const owner = (await db.$client.query<{ user_id: number }>('SELECT user_id FROM learning_attempts WHERE id = $1', [r.id])).rows[0]
        .user_id;
      const again = await call(
        'submit',
        us.findIndex((u) => u.id === owner),
        'POST',
        `/api/v1/learning/my/attempts/${r.id}/submit`,
        undefined,
        `bench-submit-${r.id}`,
      );
      if (again?.replayed === true && again.score === r.score) replaySame++;
    }
    const [after] = (
      await db.$client.query<{ attempts: number }>('SELECT count(*)::int AS attempts FROM learning_attempts WHERE exam_id = $1', [exam.id])
    ).rows;
    const lost = N - counts.graded;
    const row = (name: string, xs: number[], target: string, ok: boolean) =>
      `| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} | ${pct(xs, 99).toFixed(1)} | ${Math.max(0, ...xs).toFixed(1)} | ${target} | ${xs.length === 0 ? 'no data' : ok ? 'met' : 'NOT met'} |`;
    const answerP95 = pct(lat.answer, 95);
    const submitP95 = pct(lat.submit.slice(0, N), 95);
    const md = [
      `### Exam: ${N.toLocaleString('en-US')} members, one ${Q}-question exam within ${windowMs / 1000} s (${started.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
      '',
      `\`npx tsx bench/learning-exam.ts --members ${N} --window ${windowMs / 1000}\`. ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'}). Load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (shared machine). Phones in a child process (node:http, keep-alive), each member: start, ${Q} answer saves (PUT, one per question, spread over 20–60 % of the window), submit with an Idempotency-Key.`,
      '',
      '| request | count | p50 ms | p95 ms | p99 ms | max ms | target (p95) | |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
      row('start (draw the paper)', lat.start, '–', true),
      row('answer-save (PUT one answer)', lat.answer, '< 300 ms', answerP95 < 300),
      row('submit (server grades)', lat.submit.slice(0, N), '< 1 s', submitP95 < 1000),
      row('— server-side start', serverMs.start, '–', true),
      row('— server-side answer-save', serverMs.answer, '< 300 ms', pct(serverMs.answer, 95) < 300),
      row('— server-side submit', serverMs.submit.slice(0, N), '< 1 s', pct(serverMs.submit.slice(0, N), 95) < 1000),
      '',
      `Wall time ${(wallMs / 1000).toFixed(1)} s (${lateMembers.length} members finished after the window). Database afterwards: ${counts.attempts} attempts of ${counts.members} members, ${counts.graded} graded, ${counts.answered} of ${N * Q} answers saved — ${lost === 0 && counts.answered === N * Q ? 'none lost' : `${lost} attempts and ${N * Q - counts.answered} answers LOST`}. ${failures.length} failed requests${failures[0] ? ` (first: ${failures[0]})` : ''}. Replayed submits with the same Idempotency-Key: ${replaySame}/${Math.min(100, results.length)} returned the same score, attempts still ${after.attempts}.`,
      '',
    ];
    for (const l of md) say(l);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'learning-exam-latest.md'), `${md.join('\n')}\n`);
    if (failures.length || lost || counts.answered !== N * Q || lateMembers.length) process.exitCode = 1;
  } finally {
    await app?.close();
    await db.$client.end();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
