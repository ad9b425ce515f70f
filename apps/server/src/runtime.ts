import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { type Config, secretFile } from './config.js';
import { createDb, type Db } from './db/client.js';
import { type EmbeddedDatabase, startEmbedded } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import { type AppRole, defaultAppRoleName, ensureAppRole, grantAppPrivileges, urlAs } from './db/roles.js';

export interface Runtime {
  /** The application role's pool: what the app runs on. */
  db: Db;
  /** The application role's URL. */
  url: string;
  /** The owner (migration) role's URL: migrations and grants, maintenance commands. */
  ownerUrl: string;
  appRole: string;
  /** Embedded: attached to a cluster another process runs (the CLI beside a running app). */
  attached: boolean;
  stop(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL (`attach`: uses a running one); then,
 * as the owner, migrates and grants the application role its privileges; the app's pool connects
 * as that role.
 */
export async function openDatabase(config: Config, log: (m: string) => void, opts: { attach?: boolean } = {}): Promise<Runtime> {
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    embedded = await startEmbedded(config.dataDir, { log, mode: opts.attach ? 'attach' : 'own' });
    ownerUrl = embedded.url;
    if (embedded.attached) log(`已连接正在运行的嵌入式 PostgreSQL（数据目录 ${config.dataDir}/pg）`);
    else log(`嵌入式 PostgreSQL 已启动（数据目录 ${config.dataDir}/pg，仅监听 127.0.0.1）`);
  }
  let db: Db | undefined;
  try {
    const role = await prepareRoles(ownerUrl, config);
    const url = config.databaseAppUrl ?? urlAs(ownerUrl, role);
    db = createDb(url);
    const app = db;
    return {
      db,
      url,
      ownerUrl,
      appRole: role.name,
      attached: embedded?.attached ?? false,
      async stop() {
        await app.$client.end();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await db?.$client.end().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw e;
  }
}

/** As the owner: migrations, the application role (made when allowed) and its grants. */
async function prepareRoles(ownerUrl: string, config: Config): Promise<AppRole> {
  const ownerDb = createDb(ownerUrl, 2);
  try {
    await runMigrations(ownerDb);
  } finally {
    await ownerDb.$client.end();
  }
  const owner = new pg.Client({ connectionString: ownerUrl, application_name: 'vanguard-owner' });
  await owner.connect();
  try {
    let role: AppRole;
    if (config.databaseAppUrl) {
      const u = new URL(config.databaseAppUrl);
      role = { name: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
      await ensureAppRole(owner, role, { create: false });
    } else {
      const { rows } = await owner.query<{ db: string }>('SELECT current_database() AS db');
      role = {
        name: defaultAppRoleName(rows[0].db),
        password: secretFile(join(config.dataDir, 'app-db-password'), () => randomBytes(24).toString('base64url')),
      };
      await ensureAppRole(owner, role, { create: true });
    }
    await grantAppPrivileges(owner, role.name);
    return role;
  } finally {
    await owner.end();
  }
}

/**
 * A start failure in words (issue 15 item 9): a rejection without a value, an AggregateError (pg's
 * ECONNREFUSED on 127.0.0.1 and ::1, with an empty message), a PostgreSQL error with its code and detail.
 */
export function describeError(e: unknown): string {
  if (e === undefined || e === null) return `未知错误（无错误对象）/ unknown error (rejected with ${String(e)})`;
  if (!(e instanceof Error)) return typeof e === 'string' ? e : JSON.stringify(e);
  const pgErr = e as Error & { code?: string; detail?: string; hint?: string; errors?: unknown[] };
  const parts = [pgErr.message || pgErr.name];
  if (pgErr.code) parts.push(`(code ${pgErr.code})`);
  if (pgErr.detail) parts.push(`detail: ${pgErr.detail}`);
  if (pgErr.hint) parts.push(`hint: ${pgErr.hint}`);
  if (Array.isArray(pgErr.errors) && pgErr.errors.length) parts.push(...pgErr.errors.map((x) => `  - ${describeError(x)}`));
  const cause = (e as { cause?: unknown }).cause;
  if (cause !== undefined) parts.push(`cause: ${describeError(cause)}`);
  const stack = e.stack?.split('\n').slice(1, 6).join('\n');
  return stack ? `${parts.join(' ')}\n${stack}` : parts.join(' ');
}
