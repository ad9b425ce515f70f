import { spawnSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { roleGrants, users } from '../src/db/schema/index.js';
import { verifyPassword } from '../src/platform/auth/password.js';
import { bootstrap } from '../src/seed/bootstrap.js';
import { createTestEnv, json, type TestEnv } from './harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

describe('first start outside demo mode', () => {
  it('creates the three admin accounts once, each with a one-time password that must be changed', async () => {
    const accounts = await bootstrap(env.db);
    expect(accounts?.map((a) => a.username)).toEqual(['sysadmin', 'secadmin', 'auditor']);
    const passwords = new Set(accounts?.map((a) => a.password));
    expect(passwords.size).toBe(3);
    for (const a of accounts ?? []) {
      const [u] = await env.db.select().from(users).where(eq(users.username, a.username));
      expect(u.mustChangePassword).toBe(true);
      expect(await verifyPassword(a.password, u.passwordHash)).toBe(true);
      expect(await env.db.select().from(roleGrants).where(eq(roleGrants.userId, u.id))).toHaveLength(1);
    }
    expect(await bootstrap(env.db)).toBeNull();

    const first = accounts?.[0];
    const res = await env.anon.post('/api/v1/auth/login', { username: first?.username, password: first?.password });
    expect(json(res).stage).toBe('password');
  });
});

describe('config', () => {
  it('fails fast with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATA_DIR: '/tmp/x' })).toThrow(/PORT/);
    expect(() => loadConfig({ MASTER_KEY: 'short', DATA_DIR: '/tmp/x' })).toThrow(/MASTER_KEY must be 64 hex/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://a@b/c', DATA_DIR: '/tmp/x' })).toThrow(
      /MASTER_KEY is required/,
    );
    expect(loadConfig({ DATABASE_URL: '', DATA_DIR: '/tmp/x' }).databaseUrl).toBeUndefined();
  });
});

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain and 1 after tampering', async () => {
    const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] }));
    await admin.patch(`/api/v1/orgs/${root.id}`, { name: '校验用党委' });
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'audit-verify'], {
        cwd: new URL('../../..', import.meta.url).pathname,
        // The app's master key: the rows' MACs are keyed with it (issue 15 item 1).
        env: {
          ...process.env,
          DATABASE_URL: env.dbUrl,
          DATA_DIR: env.config.dataDir,
          MASTER_KEY: env.config.masterKey.toString('hex'),
          LOG_LEVEL: 'silent',
        },
        encoding: 'utf8',
      });
    const ok = run();
    expect(ok.stdout).toContain('完整 OK');
    expect(ok.status).toBe(0);

    const dba = new pg.Client({ connectionString: env.dbUrl });
    await dba.connect();
    await dba.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await dba.query("UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 1");
    await dba.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    await dba.end();
    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('hash_mismatch');
  });
});
