import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { urlAs } from '../src/db/roles.js';
import { anchorFile, anchorHead } from '../src/platform/audit/anchor.js';
import { inspectAuditChain, verifyAuditChain } from '../src/platform/audit/verify.js';
import { TEST_APP_ROLE } from './global-setup.js';
import { createTestEnv, type TestEnv } from './harness.js';

/** Issue 15 item 1: a DBA who rewrites rows and recomputes the hashes is still found. */

async function activity(env: TestEnv, names: string[]) {
  const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const admin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] });
  const api = await env.as(admin);
  for (const name of names) expect((await api.patch(`/api/v1/orgs/${root.id}`, { name: `测试${name}党委` })).statusCode).toBe(200);
}

/** As a superuser DBA: `change` with the guard off, then the whole plain chain recomputed (seq renumbered) and the head set. */
async function rewrite(env: TestEnv, change: string, params: unknown[] = []) {
  const dba = new pg.Client({ connectionString: env.dbUrl });
  await dba.connect();
  try {
    await dba.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    if (change) await dba.query(change, params);
    await dba.query(`DO $$ DECLARE r audit_log; prev text := repeat('0', 64); n bigint := 0; BEGIN
      FOR r IN SELECT * FROM audit_log ORDER BY seq LOOP
        n := n + 1; r.seq := n; r.prev_hash := prev; r.hash := audit_row_hash(prev, r);
        UPDATE audit_log SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
        prev := r.hash;
      END LOOP;
      UPDATE audit_head SET seq = n, hash = prev WHERE id = 1;
    END $$`);
    await dba.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  } finally {
    await dba.end();
  }
}

const deps = (env: TestEnv) => ({
  db: env.db,
  keys: env.ciphers.audit,
  dataDir: env.config.dataDir,
  now: () => env.clock.now(),
  log: () => {},
});
const inspect = (env: TestEnv) => inspectAuditChain(env.db, { keys: env.ciphers.audit, anchorFile: anchorFile(env.config.dataDir) });
const reasons = async (env: TestEnv) => (await inspect(env)).breaks.map((b) => b.reason);

describe('the keyed audit chain', () => {
  it('a row rewritten as superuser with the plain hashes recomputed is found by its MAC', async () => {
    const env = await createTestEnv();
    await activity(env, ['甲', '乙', '丙']);
    expect((await inspect(env)).ok).toBe(true);
    const { rows } = await env.db.$client.query<{ id: number }>(
      "SELECT id FROM audit_log WHERE action = 'org.update' ORDER BY seq LIMIT 1",
    );
    await rewrite(env, "UPDATE audit_log SET actor_name = 'someone_else' WHERE id = $1", [rows[0].id]);
    // The unkeyed chain (all there was before) now says OK: that is the finding.
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
    const report = await inspect(env);
    expect(report.ok).toBe(false);
    expect(report.breaks).toContainEqual({ id: rows[0].id, seq: 1, reason: 'mac_mismatch' });
  });

  it('a rewrite that also recomputes the MAC without the key (plain SHA-256, or another key) is found', async () => {
    const env = await createTestEnv();
    await activity(env, ['丁']);
    await anchorHead(deps(env)); // signs that the chain is keyed from seq 1
    const { rows } = await env.db.$client.query<{ id: number }>('SELECT id FROM audit_log ORDER BY seq LIMIT 1');
    const fake = createHash('sha256').update('guess').digest('hex');
    await rewrite(env, 'UPDATE audit_log SET after = \'{"name":"篡改"}\', mac = $2 WHERE id = $1', [rows[0].id, fake]);
    expect(await reasons(env)).toContain('mac_mismatch');
    await rewrite(env, 'UPDATE audit_log SET mac = NULL WHERE id = $1', [rows[0].id]);
    expect(await reasons(env)).toContain('mac_missing');
  });

  it('the anchor finds a cut tail, and a deleted middle row even with seq renumbered and every hash recomputed', async () => {
    const env = await createTestEnv();
    await activity(env, ['一', '二', '三', '四']);
    const first = await anchorHead(deps(env));
    expect(first).toMatchObject({ kind: 'genesis', seq: 4 });
    expect(await anchorHead(deps(env))).toBeNull(); // the head did not move
    await activity(env, ['五']);
    expect(await anchorHead(deps(env))).toMatchObject({ kind: 'anchor', seq: 5, prev: first?.sig });
    expect((await inspect(env)).ok).toBe(true);

    // Tail cut below the last anchor, head reset: the plain chain is whole again.
    await rewrite(env, 'DELETE FROM audit_log WHERE seq >= 4');
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
    expect(await reasons(env)).toEqual(['anchored_row_missing', 'anchored_row_missing']);

    const other = await createTestEnv();
    await activity(other, ['一', '二', '三', '四']);
    await anchorHead(deps(other));
    await rewrite(other, 'DELETE FROM audit_log WHERE seq = 2');
    expect((await verifyAuditChain(other.db)).ok).toBe(true);
    expect(await reasons(other)).toEqual(['anchored_row_missing']);
    await activity(other, ['五']); // the head passes the anchored seq again: the row there is another one
    expect(await reasons(other)).toEqual(['anchor_mismatch']);
    // And the anchoring job refuses to anchor over it, and tells the audit administrator on the home page.
    const auditor = await other.buildUser({ roles: [{ role: 'auditor', orgId: (await other.buildOrg()).id }] });
    expect(await anchorHead(deps(other))).toBeNull();
    expect(await anchorHead(deps(other))).toBeNull();
    const { rows: notes } = await other.db.$client.query<{ title: string; body: string; severity: string }>(
      'SELECT title, body, severity FROM todos WHERE user_id = $1',
      [auditor.id],
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ title: '审计日志完整性校验发现异常，请立即核查', severity: 'danger' });
    expect(notes[0].body).toContain('anchor_mismatch');
  });

  it('an edited or forged anchor line is refused', async () => {
    const env = await createTestEnv();
    await activity(env, ['一']);
    await anchorHead(deps(env));
    const file = anchorFile(env.config.dataDir);
    const line = JSON.parse(readFileSync(file, 'utf8').trim());
    appendFileSync(file, `${JSON.stringify({ ...line, kind: 'anchor', seq: 99, prev: line.sig })}\n`);
    expect(await reasons(env)).toContain('anchor_signature_invalid');
    writeFileSync(file, `${JSON.stringify({ ...line, hash: 'f'.repeat(64) })}\n`);
    expect(await reasons(env)).toContain('anchor_signature_invalid');
  });

  it('rows written before the key: the first start checks their plain chain, anchors it (rekey) and records it', async () => {
    const env = await createTestEnv();
    const dba = new pg.Client({ connectionString: env.dbUrl });
    await dba.connect();
    for (const a of ['old.one', 'old.two'])
      await dba.query("INSERT INTO audit_log (at, action, entity_type) VALUES (now(), $1, 'test')", [a]);
    await dba.end();
    const a = await anchorHead(deps(env));
    expect(a).toMatchObject({ kind: 'rekey', seq: 2, legacyUpTo: 2, breaks: 0 });
    const { rows } = await env.db.$client.query<{ action: string; after: { legacyUpTo: number } }>(
      "SELECT action, after FROM audit_log WHERE action = 'audit.rekey'",
    );
    expect(rows[0].after.legacyUpTo).toBe(2);
    const report = await inspect(env);
    expect(report).toMatchObject({ ok: true, legacyUpTo: 2 });
    // After the keying, a row without a MAC is a break.
    const dba2 = new pg.Client({ connectionString: env.dbUrl });
    await dba2.connect();
    await dba2.query("INSERT INTO audit_log (at, action, entity_type) VALUES (now(), 'injected', 'test')");
    await dba2.end();
    expect(await reasons(env)).toEqual(['mac_missing']);
  });

  it('npm run audit:verify finds the rewrite (exit 1, the row named)', async () => {
    const env = await createTestEnv();
    await activity(env, ['甲', '乙']);
    await anchorHead(deps(env));
    await rewrite(env, "UPDATE audit_log SET actor_name = 'x' WHERE seq = 2");
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'audit-verify'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_URL: env.dbUrl,
        DATABASE_APP_URL: urlAs(env.dbUrl, TEST_APP_ROLE),
        DATA_DIR: env.config.dataDir,
        MASTER_KEY: env.config.masterKey.toString('hex'),
        NODE_ENV: 'test',
      },
    });
    expect(r.stdout).toMatch(/seq 2 id \d+: mac_mismatch/);
    expect(r.stdout).toMatch(/seq 2 id \d+: anchor_mismatch/);
    expect(r.status).toBe(1);
  }, 60_000);
});
