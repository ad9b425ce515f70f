import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReadySchema } from '@vanguard/shared/api/platform';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { notFound } from '../errors.js';

/**
 * The operations surface (issue 17 item 7): /api/ready for load balancers (database reachable,
 * migrations current, not draining), and Prometheus metrics at /api/metrics behind a bearer token
 * (METRICS_TOKEN; without one the route answers 404): requests by route and status, latency
 * histograms per route, the pool's connections, the queue's depth, and Node's process metrics.
 * Each app has its own registry (tests build several in one process).
 */
const JOURNAL = resolve(fileURLToPath(import.meta.url), '../../../db/migrations/meta/_journal.json');

function expectedMigrations(): { count: number; last: number } {
  const entries = (JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: { when: number }[] }).entries;
  return { count: entries.length, last: Math.max(0, ...entries.map((e) => e.when)) };
}

const withTimeout = <T>(p: Promise<T>, ms: number, fallback: T) =>
  Promise.race([p.catch(() => fallback), new Promise<T>((r) => setTimeout(() => r(fallback), ms).unref())]);

export function registerOps(app: FastifyInstance, o: { db: Db; metricsToken?: string }): void {
  const expected = expectedMigrations();
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'vanguard_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'vanguard_http_request_duration_seconds',
    help: 'Time to answer, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const pool = o.db.$client;
  new Gauge({
    name: 'vanguard_db_pool_connections',
    help: 'The main database pool: open, idle, and requests waiting for a connection',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'vanguard_queue_jobs',
    help: 'Queue (pg-boss) jobs waiting or retrying, by queue',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await withTimeout(
        o.db.execute<{ name: string; state: string; n: number }>(
          sql`SELECT name, state::text, count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY 1, 2`,
        ),
        2000,
        { rows: [] } as unknown as Awaited<ReturnType<typeof o.db.execute<{ name: string; state: string; n: number }>>>,
      );
      for (const r of rows) this.set({ queue: r.name, state: r.state }, r.n);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/api/metrics') return;
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  // The request id of the logs goes back to the caller (and a proxy's is kept: genReqId in app.ts).
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    return payload;
  });

  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: '就绪检查（负载均衡用）', response: { 200: ReadySchema, 503: ReadySchema } },
    },
    async (_req, reply) => {
      type M = { n: number; last: string | null };
      const mig = await withTimeout<M | null>(
        o.db
          .execute<M>(sql`SELECT count(*)::int AS n, max(created_at)::text AS last FROM drizzle.__drizzle_migrations`)
          .then((r) => r.rows[0]),
        3000,
        null,
      );
      const up =
        mig !== null ||
        (await withTimeout(
          o.db.execute(sql`SELECT 1`).then(() => true),
          3000,
          false,
        ));
      const migrations = !mig
        ? ('unknown' as const)
        : mig.n === expected.count && Number(mig.last) === expected.last
          ? ('current' as const)
          : mig.n < expected.count || Number(mig.last) < expected.last
            ? ('behind' as const)
            : ('ahead' as const);
      const ready = up && migrations === 'current' && !draining;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', db: up ? 'ok' : 'down', migrations, draining });
    },
  );

  app.get(
    '/api/metrics',
    {
      config: { access: 'public', errors: [404] },
      schema: {
        tags: ['platform'],
        summary: 'Prometheus 指标（需 METRICS_TOKEN）',
        response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } } },
      },
    },
    async (req, reply) => {
      const token = req.headers.authorization?.replace(/^Bearer /i, '') ?? '';
      const digest = (v: string) => createHash('sha256').update(v).digest();
      if (!o.metricsToken || !timingSafeEqual(digest(token), digest(o.metricsToken))) throw notFound();
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
