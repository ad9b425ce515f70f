import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { createDb } from '../db/client.js';
import { anchorFile } from '../platform/audit/anchor.js';
import { inspectAuditChain } from '../platform/audit/verify.js';
import { auditKeys } from '../platform/crypto/keys.js';
import { KEY_ADVICE, keyFingerprint, type Manifest } from './backup.js';
import { BACKUP_SCHEMAS, connect, pgTool, serverMajor, sha256File, tableFacts } from './pg-tools.js';

/**
 * `npm run restore -- <backup folder>` (issue 17 item 3): into an EMPTY database (no table in the
 * backed-up schemas) and an EMPTY data directory (no files but the cluster and its secrets), never
 * over live data. Before anything is written: the manifest's dump checksum and the master key's
 * fingerprint. After: every table's row count and content digest equal the manifest's, every file's
 * SHA-256, and the audit chain verifies (hashes, MACs under the key, the anchors copied with it).
 * Any difference fails the command (exit 1) and says which.
 */
export interface RestoreOptions {
  from: string;
  /** The owner role's URL of the empty target database. */
  ownerUrl: string;
  dataDir: string;
  masterKey: Buffer;
  log: (m: string) => void;
}

export class RestoreRefused extends Error {}

export interface RestoreReport {
  ok: boolean;
  problems: string[];
  tables: number;
  rows: number;
  files: number;
  auditRows: number;
}

/** Files a fresh data directory already holds before a restore (the embedded cluster, its secrets). */
const FRESH = new Set(['pg', 'master.key', 'pg-password', 'app-db-password', 'backups']);

export async function restore(o: RestoreOptions): Promise<RestoreReport> {
  const manifestPath = join(o.from, 'manifest.json');
  if (!existsSync(manifestPath)) throw new RestoreRefused(`不是备份目录（缺少 manifest.json）/ not a backup folder: ${o.from}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (manifest.format !== 'vanguard-backup/1') throw new RestoreRefused(`未知的备份格式 / unknown backup format ${manifest.format}`);
  if (keyFingerprint(o.masterKey) !== manifest.masterKeyFingerprint)
    throw new RestoreRefused(
      `主密钥与备份不符（指纹 ${manifest.masterKeyFingerprint}）/ the master key is not the backup's.\n${KEY_ADVICE}`,
    );
  const dump = join(o.from, manifest.database.file);
  if ((await sha256File(dump)) !== manifest.database.sha256)
    throw new RestoreRefused('数据库转储文件校验和不符 / db.dump checksum mismatch: the backup is damaged');
  const present = existsSync(o.dataDir) ? readdirSync(o.dataDir).filter((n) => !FRESH.has(n)) : [];
  if (present.length)
    throw new RestoreRefused(
      `数据目录非空，拒绝恢复 / the data directory is not empty (${present.slice(0, 5).join(', ')}): restore into an empty one`,
    );

  const client = await connect(o.ownerUrl, 'vanguard-restore');
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = ANY($1)', [
      BACKUP_SCHEMAS,
    ]);
    if (rows[0].n > 0)
      throw new RestoreRefused(
        `目标数据库非空（${rows[0].n} 张表），拒绝恢复 / the target database is not empty (${rows[0].n} tables): restore into a new empty database`,
      );
    const major = await serverMajor(client);
    // The application role the dump's grants name, made first so that the grants and owners apply.
    await ensureRole(client, manifest.database.appRole);
    o.log(`恢复数据库 / restoring the database (${(manifest.database.bytes / 1024 / 1024).toFixed(1)} MiB dump)…`);
    await pgTool('pg_restore', o.ownerUrl, major, [
      '--exit-on-error',
      '--no-owner',
      '--role',
      await currentUser(client),
      '--dbname',
      dbName(o.ownerUrl),
      dump,
    ]);
    await client.query(`ALTER SCHEMA pgboss OWNER TO "${manifest.database.appRole}"`).catch(() => {});
    await reassignSchema(client, 'pgboss', manifest.database.appRole);
  } finally {
    await client.end();
  }

  o.log(`恢复文件 / restoring ${manifest.files.length} files…`);
  for (const f of manifest.files) {
    const dst = join(o.dataDir, f.path);
    mkdirSync(join(dst, '..'), { recursive: true });
    copyFileSync(join(o.from, 'files', f.path), dst);
  }
  return verifyRestore(o, manifest);
}

/** The checks after a restore (also `npm run restore -- --verify-only <backup>` on a restored system). */
export async function verifyRestore(o: Omit<RestoreOptions, 'from'>, manifest: Manifest): Promise<RestoreReport> {
  const problems: string[] = [];
  const client = await connect(o.ownerUrl, 'vanguard-restore');
  let facts: Awaited<ReturnType<typeof tableFacts>>;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    facts = await tableFacts(client);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  for (const [t, want] of Object.entries(manifest.tables)) {
    const got = facts[t];
    if (!got) problems.push(`表缺失 / table missing: ${t}`);
    else if (got.rows !== want.rows) problems.push(`${t}: ${got.rows} 行，备份时 ${want.rows} 行 / rows differ`);
    else if (got.digest !== want.digest) problems.push(`${t}: 内容摘要不符 / content digest differs`);
  }
  for (const t of Object.keys(facts)) if (!manifest.tables[t]) problems.push(`多出的表 / table not in the backup: ${t}`);
  for (const f of manifest.files) {
    const p = join(o.dataDir, f.path);
    if (!existsSync(p)) problems.push(`文件缺失 / file missing: ${f.path}`);
    else if ((await sha256File(p)) !== f.sha256) problems.push(`文件校验和不符 / file checksum differs: ${f.path}`);
  }
  const db = createDb(o.ownerUrl, 2);
  let auditRows = 0;
  try {
    const report = await inspectAuditChain(db, { keys: auditKeys(o.masterKey), anchorFile: anchorFile(o.dataDir) });
    auditRows = report.checked;
    for (const b of report.breaks) problems.push(`审计链断裂 / audit chain break at seq ${b.seq ?? '-'}: ${b.reason}`);
  } finally {
    await db.$client.end();
  }
  const tables = Object.keys(manifest.tables).length;
  const rows = Object.values(manifest.tables).reduce((s, t) => s + t.rows, 0);
  return { ok: problems.length === 0, problems, tables, rows, files: manifest.files.length, auditRows };
}

const dbName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
async function currentUser(c: pg.ClientBase): Promise<string> {
  return (await c.query<{ u: string }>('SELECT current_user AS u')).rows[0].u;
}

async function ensureRole(c: pg.ClientBase, name: string): Promise<void> {
  const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  // NOLOGIN until the app's start gives it its password (runtime.ts: ensureAppRole).
  if (!rowCount) await c.query(`CREATE ROLE "${name.replaceAll('"', '""')}" NOLOGIN`);
}

/** Everything in a schema to a role (pg-boss, run as the application role, owns its tables). */
async function reassignSchema(c: pg.ClientBase, schema: string, role: string): Promise<void> {
  const { rows } = await c.query<{ stmt: string }>(
    `SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, n.nspname, c.relname, $2::text) AS stmt
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'S', 'v')
     UNION ALL
     SELECT format('ALTER FUNCTION %I.%I(%s) OWNER TO %I', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), $2::text)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1
     UNION ALL
     SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, $2::text)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype = 'e'`,
    [schema, role],
  );
  for (const r of rows) await c.query(r.stmt);
}
