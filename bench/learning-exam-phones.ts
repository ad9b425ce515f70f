/**
 * The simulated phones of bench/learning-exam.ts, run in a child process so that they do not share
 * the server's event loop (as bench/load.ts runs autocannon). Every member,
 * arriving at a random moment of the window, takes the exam as the phone does: POST start, one PUT
 * per answer spread over 20–60 % of the window, then POST submit with an Idempotency-Key.
 */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

export interface PhonesInput {
  appUrl: string;
  sessions: Record<string, string>[];
  examId: number;
  windowMs: number;
}
export interface PhonesOutput {
  lat: { start: number[]; answer: number[]; submit: number[] };
  failures: string[];
  results: { id: number; score: unknown }[];
  lateMembers: number[];
  wallMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function run({ appUrl, sessions, examId, windowMs }: PhonesInput): Promise<PhonesOutput> {
  const lat = { start: [] as number[], answer: [] as number[], submit: [] as number[] };
  const failures: string[] = [];
  // node:http with keep-alive, not fetch: the phones share the server's two cores, and fetch costs
  // them about three times the CPU per request (measured: 0.85 ms per answer save).
  const agent = new Agent({ keepAlive: true });
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${appUrl}${path}`, { method, agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const call = async (kind: keyof typeof lat, i: number, method: string, path: string, body?: unknown, key?: string) => {
    const t0 = performance.now();
    try {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const res = await send(
        method,
        path,
        {
          ...sessions[i],
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        payload,
      );
      lat[kind].push(performance.now() - t0);
      const ok = res.status >= 200 && res.status < 300;
      if (!ok) failures.push(`${kind} ${res.status} ${res.text.slice(0, 120)}`);
      return ok ? (JSON.parse(res.text) as Record<string, unknown>) : null;
    } catch (e) {
      lat[kind].push(performance.now() - t0);
      failures.push(`${kind} client ${(e as Error).message} ${(e as { code?: string }).code ?? ''}`);
      return null;
    }
  };
  const t1 = Date.now();
  const lateMembers: number[] = [];
  const results: { id: number; score: unknown }[] = [];
  await Promise.all(
    sessions.map(async (_s, i) => {
      // Time answering: 20–60 % of the window; arrival at a random moment that still ends inside it.
      const answering = windowMs * (0.2 + Math.random() * 0.4);
      await sleep(Math.random() * (windowMs * 0.95 - answering));
      const a = await call('start', i, 'POST', `/api/v1/learning/my/exams/${examId}/attempts`);
      if (!a) return;
      const questions = a.questions as { questionId: number; options: { key: string }[] }[];
      const began = Date.now();
      for (const [k, q] of questions.entries()) {
        await sleep(began + ((k + 1) * answering) / (questions.length + 1) - Date.now());
        // Three in four right: the option keyed B wherever the shuffle put it.
        const pickKey = Math.random() < 0.75 ? 'B' : (q.options.find((o) => o.key !== 'B')?.key ?? 'A');
        await call('answer', i, 'PUT', `/api/v1/learning/my/attempts/${a.id}/answers/${q.questionId}`, { response: { keys: [pickKey] } });
      }
      const done = await call('submit', i, 'POST', `/api/v1/learning/my/attempts/${a.id}/submit`, undefined, `bench-submit-${a.id}`);
      if (done) results.push({ id: a.id as number, score: done.score });
      if (Date.now() - t1 > windowMs) lateMembers.push(i);
    }),
  );
  return { lat, failures, results, lateMembers, wallMs: Date.now() - t1 };
}

/** Runs the phones in a child process and returns what they measured. */
export function runPhones(input: PhonesInput): Promise<PhonesOutput> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => {
      resolve(m as PhonesOutput);
      child.kill();
    });
    child.once('exit', (code) => reject(new Error(`phones exited (${code})`)));
    child.send(input);
  });
}

if (process.send) {
  process.once('message', (input) => {
    void run(input as PhonesInput).then((out) => process.send?.(out));
  });
}
