/**
 * The load generator, run as a child process (`startLoader`) so that autocannon does not share the
 * event loop of the server it measures. Latencies are kept unrounded (autocannon's own histogram
 * rounds to whole milliseconds, which hides everything under 1 ms).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requestsPerSec: number;
  /** Milliseconds over the 2xx answers; null when there were none. */
  p50: number | null;
  p99: number | null;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  firstError?: string;
}

export interface Loader {
  run(spec: LoadSpec): Promise<LoadResult>;
  stop(): void;
}

/** Starts the child; `run` calls are answered one at a time, in order. */
export function startLoader(): Loader {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let queue: Promise<unknown> = Promise.resolve();
  const once = (spec: LoadSpec) =>
    new Promise<LoadResult>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (msg) => {
        child.off('exit', onExit);
        resolve(msg as LoadResult);
      });
      child.send(spec);
    });
  return {
    run(spec) {
      const next = queue.then(() => once(spec));
      queue = next.catch(() => {});
      return next;
    },
    stop: () => child.kill(),
  };
}

async function measure(spec: LoadSpec): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  let firstError: string | undefined;
  const instance = autocannon({ ...spec, duration: spec.seconds, timeout: 30 });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status < 200 || status > 299) return;
    if (n === latencies.length) {
      const grown = new Float64Array(n * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[n++] = ms;
  });
  instance.on('reqError', (e) => {
    firstError ??= e.message;
  });
  const r = await instance;
  const sorted = latencies.subarray(0, n).sort();
  const at = (q: number) => (n ? sorted[Math.min(n - 1, Math.floor(q * n))] : null);
  return {
    requestsPerSec: r.requests.average,
    p50: at(0.5),
    p99: at(0.99),
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
    firstError,
  };
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.on('message', (spec: LoadSpec) => {
    measure(spec).then(
      (r) => process.send?.(r),
      (e: unknown) => {
        process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
        process.exit(1);
      },
    );
  });
  process.on('disconnect', () => process.exit(0));
}
