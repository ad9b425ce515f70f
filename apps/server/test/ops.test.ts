import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.js';

const TOKEN = 'metrics-token-for-the-test-0123456789';
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ env: { METRICS_TOKEN: TOKEN } });
});

/** Issue 17 item 7: readiness, Prometheus metrics behind a token, request ids. */
describe('operations surface', () => {
  it('/api/ready: ready with current migrations; not ready while the journal is behind the code', async () => {
    const ok = await env.anon.get('/api/ready');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ready', db: 'ok', migrations: 'current', draining: false });
    const dba = new pg.Client({ connectionString: env.dbUrl });
    await dba.connect();
    try {
      // A half-done deploy: the database lacks this code's newest migration.
      await dba.query('BEGIN');
      const { rows } = await dba.query(
        'DELETE FROM drizzle.__drizzle_migrations WHERE id = (SELECT max(id) FROM drizzle.__drizzle_migrations) RETURNING *',
      );
      await dba.query('COMMIT');
      const behind = await env.anon.get('/api/ready');
      expect(behind.statusCode).toBe(503);
      expect(behind.json()).toMatchObject({ status: 'not_ready', db: 'ok', migrations: 'behind' });
      const r = rows[0] as { id: number; hash: string; created_at: string };
      await dba.query('INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES ($1, $2, $3)', [r.id, r.hash, r.created_at]);
    } finally {
      await dba.end();
    }
    expect((await env.anon.get('/api/ready')).statusCode).toBe(200);
  });

  it('/api/metrics: 404 without the token, Prometheus text with it (requests per route, latency, pool, queue)', async () => {
    expect((await env.anon.get('/api/metrics')).statusCode).toBe(404);
    expect((await env.anon.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(
      404,
    );
    await env.anon.get('/api/health');
    await env.anon.get('/api/v1/todos');
    const res = await env.anon.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/vanguard_http_requests_total\{method="GET",route="\/api\/health",status="200"\} [1-9]/);
    expect(res.body).toMatch(/vanguard_http_requests_total\{method="GET",route="\/api\/v1\/todos",status="401"\} 1/);
    expect(res.body).toMatch(/vanguard_http_request_duration_seconds_bucket\{le="0.5",method="GET",route="\/api\/health"\}/);
    expect(res.body).toMatch(/vanguard_db_pool_connections\{state="total"\} \d+/);
    expect(res.body).toContain('# TYPE vanguard_queue_jobs gauge');
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('every answer carries its request id; a proxy-given id is kept, a malformed one replaced', async () => {
    const own = await env.anon.get('/api/health');
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await env.anon.inject({ method: 'GET', url: '/api/v1/todos', headers: { 'x-request-id': 'lb-7f3a2c91' } });
    expect(given.headers['x-request-id']).toBe('lb-7f3a2c91');
    expect(given.json().requestId).toBe('lb-7f3a2c91');
    const bad = await env.anon.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'x\ny' } });
    expect(bad.headers['x-request-id']).not.toContain('\n');
  });

  it('a pool client held between two statements survives its server process dying (no unhandled error)', async () => {
    // Found by bench/crash.ts: the postmaster killed under load killed the app with an unhandled 'error'.
    const client = await env.db.$client.connect();
    const pid = (client as unknown as { processID: number }).processID;
    const dba = new pg.Client({ connectionString: env.dbUrl });
    await dba.connect();
    const ended = new Promise((r) => client.once('end', r));
    await dba.query('SELECT pg_terminate_backend($1)', [pid]);
    await dba.end();
    await ended;
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
    expect((await env.anon.get('/api/health')).statusCode).toBe(200);
  });
});
