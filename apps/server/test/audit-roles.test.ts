import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const admin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] });
  expect((await (await env.as(admin)).patch(`/api/v1/orgs/${root.id}`, { name: '角色测试党委' })).statusCode).toBe(200);
});

/** The app's own connection (env.db) runs as the application role, as the app does. */
describe('the application role cannot rewrite the audit log (issue 15 item 1)', () => {
  it('is neither superuser nor owner of audit_log', async () => {
    const { rows } = await env.db.$client.query<{ su: boolean; owner: string; me: string }>(
      "SELECT r.rolsuper AS su, pg_get_userbyid(c.relowner) AS owner, current_user AS me FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.relname = 'audit_log'",
    );
    expect(rows[0].su).toBe(false);
    expect(rows[0].owner).not.toBe(rows[0].me);
  });

  it('ALTER TABLE … DISABLE TRIGGER, SET session_replication_role, UPDATE, DELETE and TRUNCATE all fail', async () => {
    const c = new pg.Client({ connectionString: env.db.$client.options.connectionString });
    await c.connect();
    try {
      await expect(c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update')).rejects.toThrow(/must be owner/);
      await expect(c.query('ALTER TABLE audit_log DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
      await expect(c.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
      await expect(c.query("UPDATE audit_log SET actor_name = 'x'")).rejects.toThrow(/permission denied/);
      await expect(c.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
      await expect(c.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
      await expect(c.query("UPDATE audit_head SET seq = 0, hash = repeat('0', 64)")).rejects.toThrow(/permission denied/);
      await expect(c.query('ALTER TABLE audit_log OWNER TO CURRENT_USER')).rejects.toThrow(/must be owner/);
    } finally {
      await c.end();
    }
  });

  it('a table a later migration makes (as the owner) is usable by the app at once: default privileges', async () => {
    const owner = new pg.Client({ connectionString: env.dbUrl });
    await owner.connect();
    try {
      await owner.query('CREATE TABLE later_table (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)');
      await owner.query('CREATE TABLE later_serial (id serial PRIMARY KEY, v text)');
    } finally {
      await owner.end();
    }
    await env.db.$client.query("INSERT INTO later_table (v) VALUES ('a')");
    await env.db.$client.query("INSERT INTO later_serial (v) VALUES ('a')");
    await env.db.$client.query("UPDATE later_serial SET v = 'b'");
    const { rows } = await env.db.$client.query<{ n: number }>('SELECT count(*)::int AS n FROM later_table');
    expect(rows[0].n).toBe(1);
    await expect(env.db.$client.query('CREATE TABLE app_made (id int)')).rejects.toThrow(/permission denied/);
  });

  it('can still write and read audit rows (INSERT and SELECT only)', async () => {
    const { rows } = await env.db.$client.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE hash IS NOT NULL');
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
