import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, TEST_PASSWORD, type TestEnv } from '../../../test/harness.js';
import { SESSION_COOKIE } from './sessions.js';

/** Issue 15 item 10: no reuse of the last 5 passwords; the API docs behind a session outside demo mode. */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

async function signIn(username: string, password: string) {
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  const headers = {
    cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)?.value}`,
    'x-csrf-token': json<{ csrfToken: string }>(res).csrfToken,
  };
  return (currentPassword: string, newPassword: string) =>
    env.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: { currentPassword, newPassword } });
}

describe('password history', () => {
  it('none of the last 5 passwords may be used again; the 6th back may', async () => {
    const user = await env.buildUser();
    const passwords = [TEST_PASSWORD, 'Second-Passw0rd!', 'Third-Passw0rd!', 'Fourth-Passw0rd!', 'Fifth-Passw0rd!'];
    for (let i = 1; i < passwords.length; i++) {
      const res = await (await signIn(user.username, passwords[i - 1]))(passwords[i - 1], passwords[i]);
      expect(res.statusCode, res.body).toBe(200);
    }
    const change = await signIn(user.username, passwords[4]);
    for (const old of passwords.slice(0, 4)) {
      const res = await change(passwords[4], old);
      expect(res.statusCode, old).toBe(400);
      expect(json(res).code).toBe('PASSWORD_POLICY');
      expect(json(res).message).toContain('最近 5 次');
    }
    expect((await change(passwords[4], 'Sixth-Passw0rd!')).statusCode).toBe(200);
    const again = await signIn(user.username, 'Sixth-Passw0rd!');
    // TEST_PASSWORD is now the 6th back: allowed again.
    expect((await again('Sixth-Passw0rd!', TEST_PASSWORD)).statusCode).toBe(200);
  }, 120_000);
});

describe('the API docs', () => {
  it('need a session outside demo mode', async () => {
    expect((await env.anon.get('/api/docs/json')).statusCode).toBe(401);
    expect((await env.anon.get('/api/docs')).statusCode).toBe(401);
    const api = await env.as(await env.buildUser());
    expect((await api.get('/api/docs/json')).statusCode).toBe(200);
  });

  it('are public in demo mode, or when API_DOCS=public', async () => {
    const demo = await createTestEnv({ env: { VANGUARD_DEMO: 'true' } });
    expect((await demo.anon.get('/api/docs/json')).statusCode).toBe(200);
    const open = await createTestEnv({ env: { API_DOCS: 'public' } });
    expect((await open.anon.get('/api/docs/json')).statusCode).toBe(200);
  }, 60_000);
});
