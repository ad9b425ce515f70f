import { createHash } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import type { Db } from '../../db/client.js';
import { QUEUE_SCHEMA } from '../../db/roles.js';
import type { Clock } from '../clock.js';

/** A periodic job: idempotent work over the whole database at the clock's `now` (reminders, pruning, batches). */
export type PeriodicJob = (db: Db, now: Date) => Promise<unknown>;

/** A queue handler: one job's data; throw to have pg-boss retry it with backoff. */
export type JobHandler = (data: Record<string, unknown>) => Promise<unknown>;

export interface HandlerDef {
  run: JobHandler;
  /** Retries after the first attempt, with exponential backoff from `retryDelay` seconds. */
  retryLimit?: number;
  retryDelay?: number;
  /** `stately`: at most one waiting and one running, so repeated kicks collapse into one run. */
  policy?: 'standard' | 'stately' | 'singleton';
  /** Run also on this cron (UTC), e.g. `* * * * *` for a backstop sweep. */
  cron?: string;
  /** How long a finished job is kept (pg-boss default: 7 days); a sweep every minute keeps an hour. */
  deleteAfterSeconds?: number;
}

export interface QueueOptions {
  /** The PostgreSQL the app runs on (embedded or external): pg-boss keeps its tables in the `pgboss` schema there. */
  url: string;
  db: Db;
  clock: Clock;
  log: { error(obj: object, msg: string): void; info?(obj: object, msg: string): void };
  /** Run at start (once across nodes) and on `periodicCron`, each in its own queue `periodic.<name>`. */
  periodic?: Record<string, PeriodicJob>;
  /** Cron of the periodic jobs; default every six hours. */
  periodicCron?: string;
  handlers?: Record<string, HandlerDef>;
  /** Seconds between polls of a worker; default 2 (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Database connections pg-boss may hold; default 4. */
  max?: number;
  /**
   * Resolve only when the run at start of every periodic job this node queued has finished (at most this
   * many ms), as the in-process loop did: the first requests then see the day's reminders.
   */
  awaitStartMs?: number;
}

export interface Queue {
  boss: PgBoss;
  /**
   * Sends a job. With `key` the job's id is derived from it, so the same key is queued once for as long as
   * pg-boss keeps the job (7 days after completion): a second send returns null.
   */
  send(name: string, data?: object, opts?: { key?: string; startAfterSeconds?: number }): Promise<string | null>;
  stop(): Promise<void>;
}

const SIX_HOURS = '0 */6 * * *';
const started = new WeakMap<Db, Queue>();

/** The queue started on this database handle (main.ts), if any: tests that need none start none. */
export function queueOf(db: Db): Queue | undefined {
  return started.get(db);
}

/**
 * Starts pg-boss on the app's PostgreSQL, creates a queue per job, schedules the periodic jobs and
 * starts the workers. Every node may call it: pg-boss hands each job to one worker (SKIP LOCKED),
 * a schedule creates one job per occurrence whatever the number of nodes, and the run at start is
 * sent with a singleton key, so nodes starting together run each periodic job once.
 */
export async function startQueue(o: QueueOptions): Promise<Queue> {
  const boss = new PgBoss({
    connectionString: o.url,
    // The schema is made by the owner role (db/roles.ts); the app role may not create schemas.
    schema: QUEUE_SCHEMA,
    createSchema: false,
    max: o.max ?? 4,
    application_name: 'vanguard-queue',
    registerInstance: false,
    openTelemetry: { enabled: false },
  });
  boss.on('error', (err) => o.log.error({ err }, 'queue error'));
  await boss.start();
  const polling = { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 2 };

  for (const [name, h] of Object.entries(o.handlers ?? {})) {
    await boss.createQueue(name, {
      policy: h.policy ?? 'standard',
      retryLimit: h.retryLimit ?? 2,
      retryDelay: h.retryDelay ?? 5,
      retryBackoff: true,
      ...(h.deleteAfterSeconds ? { deleteAfterSeconds: h.deleteAfterSeconds } : {}),
    });
    await boss.work<Record<string, unknown>>(name, polling, async (jobs) => {
      for (const job of jobs) await h.run(job.data ?? {});
    });
    if (h.cron) await boss.schedule(name, h.cron);
  }

  const startRuns: { name: string; id: string }[] = [];
  for (const [key, job] of Object.entries(o.periodic ?? {})) {
    const name = `periodic.${key}`;
    // A reminder that fails is retried twice with backoff, then waits for the next occurrence.
    await boss.createQueue(name, { policy: 'stately', retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 3600 });
    await boss.work(name, polling, async () => {
      try {
        await job(o.db, o.clock.now());
      } catch (err) {
        o.log.error({ err, job: key }, 'periodic job failed');
        throw err;
      }
    });
    await boss.schedule(name, o.periodicCron ?? SIX_HOURS);
    // The run at start: nodes starting within ten minutes of each other queue it once.
    const id = await boss.send(name, null, { singletonKey: 'start', singletonSeconds: 600 });
    if (id) startRuns.push({ name, id });
  }
  if (o.awaitStartMs) await settled(boss, startRuns, Date.now() + o.awaitStartMs);

  const queue: Queue = {
    boss,
    send: (name, data, opts) =>
      boss.send(name, data ?? null, {
        ...(opts?.key ? { id: jobIdOf(name, opts.key) } : {}),
        ...(opts?.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      }),
    async stop() {
      started.delete(o.db);
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
  started.set(o.db, queue);
  return queue;
}

async function settled(boss: PgBoss, jobs: { name: string; id: string }[], deadline: number): Promise<void> {
  for (const j of jobs) {
    for (;;) {
      const state = (await boss.getJobById(j.name, j.id))?.state;
      if (!state || state === 'completed' || state === 'failed' || state === 'cancelled' || state === 'retry' || Date.now() > deadline)
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A UUID (version 8 layout) from the queue name and the caller's key: the same key, the same job id. */
export function jobIdOf(name: string, key: string): string {
  const h = createHash('sha256').update(`${name}\n${key}`).digest('hex');
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
