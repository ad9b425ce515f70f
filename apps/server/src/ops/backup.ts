import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { anchorFile } from '../platform/audit/anchor.js';
import { connect, pgTool, serverMajor, sha256File, type TableFacts, tableFacts } from './pg-tools.js';

/**
 * `npm run backup` (issue 17 item 3): one folder `vanguard-<UTC time>` holding
 * - `db.dump`: pg_dump in custom format, taken in a snapshot exported by the transaction that also
 *   counted and digested every table, so the counts are those of the dump exactly;
 * - `files/`: DATA_DIR's files (uploads, imports, the audit anchor log up to the snapshot's head),
 *   copied after the snapshot, so every file a row names is there;
 * - `manifest.json`: the version, the migrations applied, per table the row count and a content
 *   digest, per file its size and SHA-256, the dump's SHA-256, the audit head, and the master key's
 *   fingerprint — never the key: a backup is useless without it and harmless with it alone.
 */

/** What is never copied from DATA_DIR: the database itself, secrets, and backups. */
const NOT_COPIED = new Set(['pg', 'master.key', 'pg-password', 'app-db-password', 'backups']);

export interface Manifest {
  format: 'vanguard-backup/1';
  createdAt: string;
  database: { file: 'db.dump'; bytes: number; sha256: string; serverVersion: string; appRole: string };
  migrations: { count: number; last: string | null };
  tables: Record<string, TableFacts>;
  files: { path: string; bytes: number; sha256: string }[];
  audit: { seq: number; hash: string };
  /** SHA-256 of the master key, first 16 hex digits: a restore checks it has the same key. */
  masterKeyFingerprint: string;
}

export const keyFingerprint = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

export const KEY_ADVICE =
  '主密钥不在备份中：请将 MASTER_KEY（或 DATA_DIR/master.key）另行离线保存（如保险柜中的加密 U 盘、密钥管理系统），与备份分开存放；恢复时须提供同一密钥。\n' +
  'The master key is NOT in the backup: keep MASTER_KEY (or DATA_DIR/master.key) offline and apart from the backups (a key vault, a sealed encrypted USB stick); a restore needs the same key.';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : [];
  });
}

export interface BackupOptions {
  /** The owner role's URL (reads every schema). */
  ownerUrl: string;
  appRole: string;
  dataDir: string;
  masterKey: Buffer;
  /** Where the backup folder is made. */
  into: string;
  now?: Date;
}

export async function backup(o: BackupOptions): Promise<{ dir: string; manifest: Manifest }> {
  const now = o.now ?? new Date();
  const dir = join(o.into, `vanguard-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(join(dir, 'files'), { recursive: true, mode: 0o700 });
  const client = await connect(o.ownerUrl);
  let manifest: Manifest;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const { rows: snap } = await client.query<{ id: string; v: string }>(
      "SELECT pg_export_snapshot() AS id, current_setting('server_version') AS v",
    );
    const tables = await tableFacts(client);
    const { rows: head } = await client.query<{ seq: number; hash: string }>('SELECT seq::int AS seq, hash FROM audit_head WHERE id = 1');
    const { rows: mig } = await client.query<{ n: number; last: string | null }>(
      'SELECT count(*)::int AS n, max(created_at)::text AS last FROM drizzle.__drizzle_migrations',
    );
    // The dump sees exactly what was counted: the snapshot stays open until pg_dump has it.
    await pgTool('pg_dump', o.ownerUrl, await serverMajor(client), [
      '--format=custom',
      '--compress=6',
      `--snapshot=${snap[0].id}`,
      '--file',
      join(dir, 'db.dump'),
    ]);
    await client.query('COMMIT');
    const dumpPath = join(dir, 'db.dump');
    manifest = {
      format: 'vanguard-backup/1',
      createdAt: now.toISOString(),
      database: {
        file: 'db.dump',
        bytes: statSync(dumpPath).size,
        sha256: await sha256File(dumpPath),
        serverVersion: snap[0].v,
        appRole: o.appRole,
      },
      migrations: { count: mig[0].n, last: mig[0].last },
      tables,
      files: [],
      audit: head[0] ?? { seq: 0, hash: '0'.repeat(64) },
      masterKeyFingerprint: keyFingerprint(o.masterKey),
    };
  } finally {
    await client.end();
  }

  // Files after the snapshot: a file is written before the row naming it commits.
  const anchors = anchorFile(o.dataDir);
  for (const src of walk(o.dataDir)) {
    const rel = relative(o.dataDir, src);
    if (NOT_COPIED.has(rel.split('/')[0]) || rel.endsWith('.pid')) continue;
    const dst = join(dir, 'files', rel);
    mkdirSync(join(dst, '..'), { recursive: true });
    if (src === anchors) {
      // The anchor log up to the snapshot's head: a later anchor names a row the dump has not.
      const kept = readFileSync(src, 'utf8')
        .split('\n')
        .filter((l) => l && (JSON.parse(l) as { seq: number }).seq <= manifest.audit.seq);
      writeFileSync(dst, kept.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    } else copyFileSync(src, dst);
    manifest.files.push({ path: rel, bytes: statSync(dst).size, sha256: await sha256File(dst) });
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return { dir, manifest };
}

/**
 * Retention: of the backup folders in `into`, keep the newest of each of the last `daily` days and
 * of each of the last `weekly` ISO weeks (by the folder's UTC time); delete the rest. Returns the deleted.
 */
export function prune(into: string, keep: { daily: number; weekly: number }): string[] {
  if (!existsSync(into)) return [];
  const all = readdirSync(into)
    .filter((n) => /^vanguard-\d{4}-\d{2}-\d{2}T/.test(n) && existsSync(join(into, n, 'manifest.json')))
    .sort()
    .reverse();
  const at = (n: string) => new Date(n.slice('vanguard-'.length).replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z'));
  const week = (d: Date) => {
    const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    t.setUTCDate(t.getUTCDate() + 3 - ((t.getUTCDay() + 6) % 7));
    return `${t.getUTCFullYear()}-${Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7)}`;
  };
  const keepSet = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const n of all) {
    const d = at(n);
    const day = d.toISOString().slice(0, 10);
    if (days.size < keep.daily && !days.has(day)) {
      days.add(day);
      keepSet.add(n);
    }
    const w = week(d);
    if (weeks.size < keep.weekly && !weeks.has(w)) {
      weeks.add(w);
      keepSet.add(n);
    }
  }
  const gone = all.filter((n) => !keepSet.has(n));
  for (const n of gone) rmSync(join(into, n), { recursive: true, force: true });
  return gone;
}
