import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../src/db/client.js';
import { backup, type Manifest, prune } from '../src/ops/backup.js';
import { pgBinDir, serverMajor } from '../src/ops/pg-tools.js';
import { RestoreRefused, restore, verifyRestore } from '../src/ops/restore.js';
import { databaseState } from './authz.js';
import { withDatabase } from './global-setup.js';
import { createTestEnv, PNG, TEST_PASSWORD, type TestEnv } from './harness.js';

/**
 * Issue 17 item 3: a seeded database backed up (`npm run backup`'s code), restored into another
 * empty database and data directory, and compared table by table and file by file; a restore over
 * data, with another key, or from a damaged backup is refused; a difference after the restore is found.
 *
 * pg_dump refuses a server newer than itself: the test runs where a fitting pg_dump exists (CI's
 * PostgreSQL 15 pass, with Debian's postgresql-client-15; the embedded 17 package ships no pg_dump)
 * and says so where none does.
 */
let env: TestEnv;
let tools: string | null = null;
let adminUrl: string;
beforeAll(async () => {
  adminUrl = inject('adminUrl');
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  const major = await serverMajor(c);
  await c.end();
  tools = await pgBinDir(major).catch((e: Error) => {
    console.info(`backup test skipped on PostgreSQL ${major}: ${e.message}`);
    return null;
  });
  if (tools) env = await createTestEnv({ demoSeededAt: '2026-11-24T09:00:00+08:00' });
}, 180_000);

async function emptyDatabase(): Promise<string> {
  const name = `vg_test_restore_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await c.end();
  return withDatabase(adminUrl, name);
}

describe('backup and restore', () => {
  it('restores a seeded database and its files elsewhere, identical, with the audit chain verified', async (ctx) => {
    if (!tools) return ctx.skip();
    // Audit rows to carry over: sign-ins (each audited).
    const user = await env.buildUser();
    for (let i = 0; i < 3; i++)
      expect((await env.anon.post('/api/v1/auth/login', { username: user.username, password: TEST_PASSWORD })).statusCode).toBe(200);
    mkdirSync(env.config.uploadDir, { recursive: true });
    writeFileSync(join(env.config.uploadDir, 'photo.png'), PNG);
    writeFileSync(join(env.config.dataDir, 'master.key'), 'not copied');
    const into = mkdtempSync(join(tmpdir(), 'vg-backups-'));
    const { dir, manifest } = await backup({
      ownerUrl: env.dbUrl,
      appRole: 'vg_test_app',
      dataDir: env.config.dataDir,
      masterKey: env.config.masterKey,
      into,
    });
    expect(manifest.tables['public.members'].rows).toBeGreaterThan(10);
    expect(manifest.files.map((f) => f.path)).toContain('uploads/photo.png');
    expect(manifest.files.map((f) => f.path)).not.toContain('master.key');
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).not.toContain(env.config.masterKey.toString('hex'));

    const target = await emptyDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'vg-restored-'));
    const report = await restore({ from: dir, ownerUrl: target, dataDir, masterKey: env.config.masterKey, log: () => {} });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.auditRows).toBeGreaterThan(0);
    expect(readFileSync(join(dataDir, 'uploads/photo.png'))).toEqual(PNG);
    // Every table, row for row, as the source has it.
    const restored = createDb(target, 2);
    try {
      expect(await databaseState(restored)).toEqual(await databaseState(env.db));
    } finally {
      await restored.$client.end();
    }

    // Refused: over a database that has tables, into a data directory with files, with another key, from a damaged dump.
    const fresh = mkdtempSync(join(tmpdir(), 'vg-restored-'));
    const base = { from: dir, ownerUrl: target, dataDir: fresh, masterKey: env.config.masterKey, log: () => {} };
    await expect(restore(base)).rejects.toThrow(/目标数据库非空/);
    await expect(restore({ ...base, ownerUrl: await emptyDatabase(), dataDir })).rejects.toThrow(/数据目录非空/);
    await expect(restore({ ...base, masterKey: randomBytes(32) })).rejects.toThrow(/主密钥与备份不符/);
    const damaged = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...damaged, database: { ...damaged.database, sha256: '0'.repeat(64) } }));
    await expect(restore({ ...base, ownerUrl: await emptyDatabase() })).rejects.toBeInstanceOf(RestoreRefused);

    // A row changed after the restore, and a file: the verification names both.
    const dba = new pg.Client({ connectionString: target });
    await dba.connect();
    await dba.query("UPDATE members SET name = name || '改' WHERE id = (SELECT min(id) FROM members)");
    await dba.end();
    writeFileSync(join(dataDir, 'uploads/photo.png'), 'x');
    const after = await verifyRestore({ ownerUrl: target, dataDir, masterKey: env.config.masterKey, log: () => {} }, manifest);
    expect(after.ok).toBe(false);
    expect(after.problems.join('\n')).toMatch(/public\.members: 内容摘要不符/);
    expect(after.problems.join('\n')).toMatch(/uploads\/photo\.png/);
  }, 300_000);
});

describe('backup retention', () => {
  it('keeps the newest backup of each of the last 7 days and of each of the last 4 weeks, deletes the rest', () => {
    const into = mkdtempSync(join(tmpdir(), 'vg-retention-'));
    // Two backups a day for 60 days, the newest on Sunday 2026-11-29.
    const names: string[] = [];
    for (let d = 0; d < 60; d++)
      for (const h of ['02', '14']) {
        const at = new Date(Date.UTC(2026, 10, 29 - d, Number(h), 30));
        const name = `vanguard-${at.toISOString().replace(/[:.]/g, '-')}`;
        mkdirSync(join(into, name));
        writeFileSync(join(into, name, 'manifest.json'), '{}');
        names.push(name);
      }
    mkdirSync(join(into, 'unrelated'));
    const gone = prune(into, { daily: 7, weekly: 4 });
    const kept = readdirSync(into)
      .filter((n) => n.startsWith('vanguard-'))
      .sort();
    expect(kept).toEqual([
      'vanguard-2026-11-08T14-30-00-000Z', // the newest of ISO week 45 (2–8 Nov)
      'vanguard-2026-11-15T14-30-00-000Z', // week 46
      'vanguard-2026-11-22T14-30-00-000Z', // week 47
      'vanguard-2026-11-23T14-30-00-000Z', // the 7 newest days, the last also week 48's
      'vanguard-2026-11-24T14-30-00-000Z',
      'vanguard-2026-11-25T14-30-00-000Z',
      'vanguard-2026-11-26T14-30-00-000Z',
      'vanguard-2026-11-27T14-30-00-000Z',
      'vanguard-2026-11-28T14-30-00-000Z',
      'vanguard-2026-11-29T14-30-00-000Z',
    ]);
    expect(gone).toHaveLength(names.length - kept.length);
    expect(existsSync(join(into, 'unrelated'))).toBe(true);
  });
});
