import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_APP_ROLE } from '../../../test/global-setup.js';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { urlAs } from '../../db/roles.js';
import { jobIdOf, type Queue, startQueue } from './queue.js';

let env: TestEnv;
const queues: Queue[] = [];
const log = { error: () => {} };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await wait(100);
  }
}

beforeAll(async () => {
  env = await createTestEnv();
});
// The queue runs as the app does: as the application role, which may not create schemas.
const appUrl = () => urlAs(env.dbUrl, TEST_APP_ROLE);
afterAll(async () => {
  for (const q of queues) await q.stop();
});

describe('the queue in PostgreSQL (pg-boss)', () => {
  it('retries a failing job with growing delays, then it succeeds', async () => {
    const attempts: number[] = [];
    const q = await startQueue({
      url: appUrl(),
      db: env.db,
      clock: env.clock,
      log,
      pollingIntervalSeconds: 0.5,
      handlers: {
        flaky: {
          retryLimit: 3,
          retryDelay: 1,
          run: async () => {
            attempts.push(Date.now());
            if (attempts.length < 3) throw new Error('provider down');
          },
        },
      },
    });
    queues.push(q);
    const id = await q.send('flaky', { n: 1 });
    await until(() => attempts.length === 3);
    // Backoff: retryDelay · 2^n with jitter (pg-boss): the second wait is at least the first delay and longer than the first wait's floor.
    const gaps = [attempts[1] - attempts[0], attempts[2] - attempts[1]];
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_900);
    let job = await q.boss.getJobById('flaky', id as string);
    for (let i = 0; i < 20 && job?.state !== 'completed'; i++) {
      await wait(100);
      job = await q.boss.getJobById('flaky', id as string);
    }
    expect(job?.state).toBe('completed');
    expect(job?.retryCount).toBe(2);
  });

  it('a job key queues a job once; two workers on one database run each job once', async () => {
    const runs: string[] = [];
    const byWorker = { a: 0, b: 0 };
    const make = (w: 'a' | 'b') =>
      startQueue({
        url: appUrl(),
        db: env.db,
        clock: env.clock,
        log,
        pollingIntervalSeconds: 0.5,
        handlers: {
          shared: {
            run: async (data) => {
              runs.push(String(data.n));
              byWorker[w]++;
              await wait(20);
            },
          },
        },
      });
    const [a, b] = [await make('a'), await make('b')];
    queues.push(a, b);

    expect(await a.send('shared', { n: 'k' }, { key: 'bill:2026-03' })).toBe(jobIdOf('shared', 'bill:2026-03'));
    expect(await b.send('shared', { n: 'k' }, { key: 'bill:2026-03' })).toBeNull();
    for (let n = 0; n < 12; n++) await (n % 2 ? a : b).send('shared', { n });
    await until(() => runs.length >= 13);
    await wait(1_500);
    expect(runs.length).toBe(13);
    expect(new Set(runs).size).toBe(13);
    expect(byWorker.a + byWorker.b).toBe(13);
    expect(byWorker.a).toBeGreaterThan(0);
    expect(byWorker.b).toBeGreaterThan(0);
  });

  it('periodic jobs run once at start however many nodes start, and get a six-hour schedule', async () => {
    const ran: Date[] = [];
    const periodic = { reminders: async (_db: unknown, now: Date) => void ran.push(now) };
    const [a, b] = [
      await startQueue({ url: appUrl(), db: env.db, clock: env.clock, log, pollingIntervalSeconds: 0.5, periodic }),
      await startQueue({ url: appUrl(), db: env.db, clock: env.clock, log, pollingIntervalSeconds: 0.5, periodic }),
    ];
    queues.push(a, b);
    await until(() => ran.length >= 1);
    await wait(1_500);
    expect(ran).toEqual([env.clock.now()]);
    const schedules = await a.boss.getSchedules('periodic.reminders');
    expect(schedules.map((s) => s.cron)).toEqual(['0 */6 * * *']);
  });
});
