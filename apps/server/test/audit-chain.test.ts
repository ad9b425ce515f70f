import { sql } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { verifyAuditChain } from '../src/platform/audit/verify.js';
import { createTestEnv, json, type TestEnv } from './harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

async function someActivity() {
  const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const admin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] });
  const api = await env.as(admin);
  for (const name of ['一号', '二号', '三号']) {
    expect((await api.patch(`/api/v1/orgs/${root.id}`, { name: `测试党委${name}` })).statusCode).toBe(200);
  }
  return root;
}

describe('audit log', () => {
  it('writes a row per mutation in the same transaction, with before/after and the request id', async () => {
    const root = await someActivity();
    const rows = (
      await env.db.execute<{ action: string; before: { name: string }; after: { name: string }; request_id: string }>(
        sql`SELECT action, before, after, request_id FROM audit_log WHERE entity_type = 'org' AND entity_id = ${String(root.id)} ORDER BY seq`,
      )
    ).rows;
    expect(rows.map((r) => r.after.name)).toEqual(['测试党委一号', '测试党委二号', '测试党委三号']);
    expect(rows[1].before.name).toBe('测试党委一号');
    expect(rows.every((r) => r.request_id)).toBe(true);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on it', async () => {
    await someActivity();
    // Even to the owner (the app's own role has no such privilege at all: audit-roles.test.ts).
    const pool = new pg.Pool({ connectionString: env.dbUrl, max: 1 });
    onTestFinished(() => pool.end());
    await expect(pool.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
  });

  it('the chain verifies, and a tampered row is found (through the API and the function)', async () => {
    await someActivity();
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
    // A DBA with superuser rights switches the guard off and edits a row.
    const dba = new pg.Client({ connectionString: env.dbUrl });
    await dba.connect();
    const { rows } = await dba.query<{ id: number; seq: number }>(
      "SELECT id, seq FROM audit_log WHERE action = 'org.update' ORDER BY seq LIMIT 1",
    );
    await dba.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await dba.query(`UPDATE audit_log SET after = '{"name":"篡改"}' WHERE id = $1`, [rows[0].id]);
    await dba.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    await dba.end();

    const report = await verifyAuditChain(env.db);
    expect(report.ok).toBe(false);
    expect(report.breaks).toContainEqual({ id: rows[0].id, seq: rows[0].seq, reason: 'hash_mismatch' });

    const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const auditor = await env.buildUser({ roles: [{ role: 'auditor', orgId: root.id }] });
    const res = await (await env.as(auditor)).post('/api/v1/audit-logs/verify');
    expect(json<{ ok: boolean }>(res).ok).toBe(false);
  });

  it('a deleted row is found as a gap', async () => {
    const other = await createTestEnv();
    const root = await other.buildOrg({ kind: 'committee', category: 'leading' });
    const admin = await other.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] });
    const api = await other.as(admin);
    for (const n of ['甲', '乙', '丙']) await api.patch(`/api/v1/orgs/${root.id}`, { name: `党委${n}` });
    const dba = new pg.Client({ connectionString: other.dbUrl });
    await dba.connect();
    await dba.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await dba.query('DELETE FROM audit_log WHERE seq = 2');
    await dba.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    await dba.end();
    const report = await verifyAuditChain(other.db);
    expect(report.breaks.map((b) => b.reason)).toContain('seq_gap');
  });

  it('an audited transaction still open does not hold up the others: the chain is sealed at commit', async () => {
    const fresh = await createTestEnv();
    const root = await fresh.buildOrg({ kind: 'committee', category: 'leading' });
    const admin = await fresh.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] });
    const api = await fresh.as(admin);
    const slow = new pg.Client({ connectionString: fresh.dbUrl });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query("INSERT INTO audit_log (at, action, entity_type) VALUES (now(), 'test.slow', 'test')");
      // Sealed at insert (the old trigger), this write would wait for the open transaction above.
      const patched = api.patch(`/api/v1/orgs/${root.id}`, { name: '先提交的党委' });
      const timeout = new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 5000));
      const first = await Promise.race([patched.then((r) => r.statusCode), timeout]);
      expect(first).toBe(200);
      await slow.query('COMMIT');
    } finally {
      await slow.end();
    }
    const { rows } = await fresh.db.execute<{ action: string; seq: number }>(sql`SELECT action, seq FROM audit_log ORDER BY seq`);
    // Chained in commit order: the open transaction's row comes after the write that committed first.
    expect(rows.map((r) => r.action)).toEqual(['org.update', 'test.slow']);
    expect(await verifyAuditChain(fresh.db)).toEqual({ ok: true, checked: 2, breaks: [] });
    // The seal's own UPDATE is the only one let through: chain columns cannot be set by hand (by the owner either).
    const owner = new pg.Pool({ connectionString: fresh.dbUrl, max: 1 });
    onTestFinished(() => owner.end());
    await expect(owner.query("UPDATE audit_log SET hash = repeat('0', 64) WHERE action = 'test.slow'")).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
  });

  it('masks sensitive values in before/after', async () => {
    const user = await env.buildUser();
    const api = await env.as(user);
    const res = await api.post('/api/v1/auth/password', { currentPassword: 'Test-Passw0rd!', newPassword: 'Secret-Passw0rd-9' });
    expect(res.statusCode).toBe(200);
    const { rows } = await env.db.execute<{ t: string }>(sql`SELECT concat(before::text, after::text) AS t FROM audit_log`);
    expect(rows.some((r) => r.t.includes('Secret-Passw0rd-9'))).toBe(false);
  });

  it('concurrent writers still form one unbroken chain', async () => {
    const fresh = await createTestEnv();
    const root = await fresh.buildOrg({ kind: 'committee', category: 'leading' });
    const admin = await fresh.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] });
    const api = await fresh.as(admin);
    const kids = await Promise.all(Array.from({ length: 8 }, () => fresh.buildOrg({ parent: root })));
    const results = await Promise.all(kids.map((k, i) => api.patch(`/api/v1/orgs/${k.id}`, { name: `并发支部${i}` })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(await verifyAuditChain(fresh.db)).toEqual({ ok: true, checked: 8, breaks: [] });
  });
});
