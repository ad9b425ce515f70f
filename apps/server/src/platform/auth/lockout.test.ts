import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, TEST_PASSWORD, type TestEnv } from '../../../test/harness.js';
import { auditLog, users } from '../../db/schema/index.js';
import { dummyHash, hashPassword } from './password.js';
import { DEVICE_COOKIE, SESSION_COOKIE } from './sessions.js';
import { newTotpSecret, totpCode } from './totp.js';

/** Issue 15 items 3, 6, 7: attempt limits on every factor, answers that do not help an attacker, security events audited. */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Res = Awaited<ReturnType<TestEnv['app']['inject']>>;
const cookieOf = (res: Res, name = SESSION_COOKIE) => res.cookies.find((c) => c.name === name)?.value;

function login(username: string, password = TEST_PASSWORD, ip = '10.0.0.1', device?: string) {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
    ...(device ? { headers: { cookie: `${DEVICE_COOKIE}=${device}` } } : {}),
  });
}

function caller(res: Res) {
  const headers = { cookie: `${SESSION_COOKIE}=${cookieOf(res)}`, 'x-csrf-token': json<{ csrfToken: string }>(res).csrfToken };
  return {
    get: (url: string) => env.app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: object) => env.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) }),
  };
}

async function withTotp() {
  const user = await env.buildUser();
  const secret = newTotpSecret();
  await env.db
    .update(users)
    .set({ totpSecretEnc: env.ciphers.auth.encrypt(secret), totpEnabledAt: env.clock.now() })
    .where(eq(users.id, user.id));
  return { user, secret };
}

const auditsOf = async (action: string, entityId?: number) =>
  env.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), entityId === undefined ? sql`true` : eq(auditLog.entityId, String(entityId))));

const wrongCode = (secret: string) => (totpCode(secret, env.clock.now()) === '123456' ? '654321' : '123456');

describe('second factor: attempt limit (item 3)', () => {
  it('5 wrong codes lock the account like 5 wrong passwords; each failure is audited; the right code then fails', async () => {
    const { user, secret } = await withTotp();
    const step1 = await login(user.username);
    expect(json(step1).stage).toBe('mfa');
    const s = caller(step1);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await s.post('/api/v1/auth/totp/verify', { code: wrongCode(secret) })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    expect((await s.post('/api/v1/auth/totp/verify', { code: totpCode(secret, env.clock.now()) })).statusCode).toBe(401);
    expect(await auditsOf('auth.mfa_failed', user.id)).toHaveLength(5);
    expect(await auditsOf('auth.locked', user.id)).toHaveLength(1);
    // Locked for every source: the password alone does not start a new try.
    expect((await login(user.username, TEST_PASSWORD, '10.3.3.3')).statusCode).toBe(423);
    env.clock.advanceMinutes(31);
    const again = await login(user.username, TEST_PASSWORD, '10.3.3.3');
    expect(again.statusCode).toBe(200);
    expect((await caller(again).post('/api/v1/auth/totp/verify', { code: totpCode(secret, env.clock.now()) })).statusCode).toBe(200);
  });

  it('the in-session password re-checks (change password, disable TOTP) have the same limit and are audited', async () => {
    const user = await env.buildUser();
    const other = caller(await login(user.username));
    const s = caller(await login(user.username));
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(
        (await s.post('/api/v1/auth/password', { currentPassword: 'Wrong-Passw0rd!', newPassword: 'Another-Passw0rd!' })).statusCode,
      );
    }
    for (let i = 0; i < 2; i++) codes.push((await s.post('/api/v1/auth/totp/disable', { password: 'Wrong-Passw0rd!' })).statusCode);
    expect(codes).toEqual([400, 400, 400, 400, 423]);
    expect(await auditsOf('auth.recheck_failed', user.id)).toHaveLength(5);
    // The lock ends every session of the account, this one and the other.
    expect((await s.get('/api/v1/me')).statusCode).toBe(401);
    expect((await other.get('/api/v1/me')).statusCode).toBe(401);
    expect((await login(user.username, TEST_PASSWORD, '10.4.4.4')).statusCode).toBe(423);
  });
});

describe('login answers (item 6)', () => {
  it('an unknown user and a wrong password get the same answer, with no attempts hint', async () => {
    const user = await env.buildUser();
    const unknown = json(await login(`nobody-${Date.now()}`, 'Wrong-Passw0rd!', '10.5.0.1'));
    const wrong = json(await login(user.username, 'Wrong-Passw0rd!', '10.5.0.2'));
    delete unknown.requestId;
    delete wrong.requestId;
    expect(wrong).toEqual(unknown);
    expect(wrong.details).toBeUndefined();
  });

  it('an unknown user costs the same password hash: the dummy hash has the real parameters', async () => {
    const params = (h: string) => h.split('$').slice(0, 4);
    expect(params(await dummyHash())).toEqual(params(await hashPassword('Any-Passw0rd!')));
  });

  it('unknown users are locked the same way after 5 tries from one source', async () => {
    const name = `ghost-${Date.now()}`;
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login(name, 'Wrong-Passw0rd!', '10.5.1.1')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it('a stranger’s 5 wrong passwords lock the stranger’s source, not the owner', async () => {
    const user = await env.buildUser();
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login(user.username, 'Wrong-Passw0rd!', '10.6.0.1')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    expect((await login(user.username, TEST_PASSWORD, '10.6.0.1')).statusCode).toBe(423);
    expect((await login(user.username, TEST_PASSWORD, '10.6.0.2')).statusCode).toBe(200);
  });

  it('many sources: after 20 failures new devices are locked out, the owner’s known device still gets in', async () => {
    const user = await env.buildUser();
    const device = cookieOf(await login(user.username, TEST_PASSWORD, '10.7.0.250'), DEVICE_COOKIE);
    expect(device).toBeTruthy();
    const known = caller(await login(user.username, TEST_PASSWORD, '10.7.0.250', device));
    for (let i = 0; i < 20; i++) await login(user.username, 'Wrong-Passw0rd!', `10.7.1.${i}`);
    expect((await login(user.username, TEST_PASSWORD, '10.7.2.1')).statusCode).toBe(423);
    expect((await login(user.username, TEST_PASSWORD, '10.7.2.1', device)).statusCode).toBe(200);
    // The account lock ends the sessions made before it.
    expect((await known.get('/api/v1/me')).statusCode).toBe(401);
  }, 120_000);

  it('the attempts hint is shown only on a device where the password was right once', async () => {
    const user = await env.buildUser();
    const device = cookieOf(await login(user.username, TEST_PASSWORD, '10.8.0.1'), DEVICE_COOKIE);
    const hinted = await login(user.username, 'Wrong-Passw0rd!', '10.8.0.1', device);
    expect(json(hinted).details).toEqual({ remainingAttempts: 4 });
    const stranger = await login(user.username, 'Wrong-Passw0rd!', '10.8.0.1');
    expect(json(stranger).details).toBeUndefined();
  });

  it('a NAT address with 20 failures does not stop correct logins from known devices behind it', async () => {
    const ip = '10.9.8.7';
    const user = await env.buildUser();
    const device = cookieOf(await login(user.username, TEST_PASSWORD, ip), DEVICE_COOKIE);
    for (let i = 0; i < 20; i++) await login(`ghost-nat-${i}`, 'x', ip);
    expect((await login(user.username, TEST_PASSWORD, ip, device)).statusCode).toBe(200);
    expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(429);
  }, 120_000);
});

describe('security events (item 7)', () => {
  it('an unknown user’s failed login is audited', async () => {
    const name = `unknown-${Date.now()}`;
    await login(name, 'Wrong-Passw0rd!', '10.10.0.1');
    const rows = await env.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login_failed'));
    expect(rows.some((r) => r.entityId === null && (r.after as { username?: string })?.username === name)).toBe(true);
  });

  it('a session made before the account was locked ends at once, even where no revocation ran', async () => {
    const user = await env.buildUser();
    const s = caller(await login(user.username));
    expect((await s.get('/api/v1/me')).statusCode).toBe(200);
    await env.db
      .update(users)
      .set({ lockedUntil: new Date(env.clock.now().getTime() + 60_000) })
      .where(eq(users.id, user.id));
    // The kept session lookup (platform/cache.ts) is dropped when the change notice arrives.
    await expect.poll(async () => (await s.get('/api/v1/me')).statusCode).toBe(401);
  });
});
