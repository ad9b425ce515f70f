import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, TEST_PASSWORD, type TestEnv } from '../../test/harness.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { ManualClock } from './clock.js';
import { OffsetClock } from './test-clock.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const base = (extra: Record<string, string>) =>
  loadConfig({ DATA_DIR: env.config.dataDir, LOG_LEVEL: 'silent', MASTER_KEY: env.config.masterKey.toString('hex'), ...extra });

describe('test clock (VANGUARD_TEST_CLOCK)', () => {
  it('does not exist by default: /api/test/clock is 404 for every method', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await env.anon.inject({
        method,
        url: '/api/test/clock',
        ...(method === 'PUT' ? { payload: { now: '2030-01-01T00:00:00Z' } } : {}),
      });
      expect(res.statusCode, method).toBe(404);
    }
    expect(env.app.routeList.some((r) => r.url.startsWith('/api/test/'))).toBe(false);
  });

  it('is on only with the variable and never in production', () => {
    expect(base({}).testClock).toBe(false);
    expect(base({ NODE_ENV: 'test', VANGUARD_TEST_CLOCK: 'true' }).testClock).toBe(true);
    expect(base({ NODE_ENV: 'development', VANGUARD_TEST_CLOCK: 'true' }).testClock).toBe(true);
    expect(base({ NODE_ENV: 'production', VANGUARD_TEST_CLOCK: 'true' }).testClock).toBe(false);
  });

  it('an offset clock over the system clock: set and reset', () => {
    const under = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    const c = new OffsetClock(under);
    c.set(new Date('2027-03-02T01:00:00Z'));
    expect(c.now().toISOString()).toBe('2027-03-02T01:00:00.000Z');
    under.advanceMinutes(5);
    expect(c.now().toISOString()).toBe('2027-03-02T01:05:00.000Z');
    c.reset();
    expect(c.now().toISOString()).toBe('2026-03-02T01:05:00.000Z');
  });

  describe('with the variable', () => {
    let app: FastifyInstance;
    const clock = new OffsetClock();
    beforeAll(async () => {
      app = await buildApp({
        config: base({ NODE_ENV: 'test', VANGUARD_TEST_CLOCK: 'true' }),
        db: env.db,
        clock,
        testClock: clock,
        serveWeb: false,
      });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
    });

    it('PUT moves rule time for the whole server (a session idles out after a jump), DELETE resets it', async () => {
      const user = await env.buildUser();
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.headers['set-cookie'];
      const session = (Array.isArray(cookie) ? cookie[0] : (cookie ?? '')).split(';')[0];
      const me = () => app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } });
      expect((await me()).statusCode).toBe(200);

      const target = new Date(Date.now() + 366 * 86_400_000);
      const put = await app.inject({ method: 'PUT', url: '/api/test/clock', payload: { now: target.toISOString() } });
      expect(put.statusCode).toBe(200);
      expect(Math.abs(new Date(put.json().now).getTime() - target.getTime())).toBeLessThan(5_000);
      const after = await me();
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('SESSION_EXPIRED');

      const bad = await app.inject({ method: 'PUT', url: '/api/test/clock', payload: { now: 'tomorrow' } });
      expect(bad.statusCode).toBe(400);

      const del = await app.inject({ method: 'DELETE', url: '/api/test/clock' });
      expect(del.statusCode).toBe(200);
      expect(del.json().offsetMs).toBe(0);
      expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(5_000);
    });

    it('a production config never registers it, even when handed a test clock', async () => {
      const prod = await buildApp({
        config: { ...base({ NODE_ENV: 'test', VANGUARD_TEST_CLOCK: 'true' }), env: 'production' },
        db: env.db,
        clock,
        testClock: clock,
        serveWeb: false,
      });
      await prod.ready();
      expect((await prod.inject({ method: 'DELETE', url: '/api/test/clock' })).statusCode).toBe(404);
      await prod.close();
    });
  });
});
