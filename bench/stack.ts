/**
 * What the benchmark runs against: a database (embedded in a temp dir, or BENCH_DATABASE_URL), the
 * generated members, the app built in-process on a loopback port, a bare Fastify baseline on
 * another, and one logged-in user.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { createDb, type Db } from '../apps/server/src/db/client.js';
import { type EmbeddedDatabase, startEmbedded } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { roleGrants, users } from '../apps/server/src/db/schema/index.js';
import { hashPassword } from '../apps/server/src/platform/auth/password.js';
import { SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.js';
import { generate } from './generate.js';

/** What a scenario may use to build its request. */
export interface BenchSession {
  username: string;
  password: string;
  /** Cookie and CSRF headers of a live session (org_admin on the group committee). */
  auth: Record<string, string>;
  /** The group committee, where the user's org_admin role is granted. */
  root: OrgRef;
  /** The first mine (primary committee) and the first branch of the tree. */
  mine: OrgRef;
  branch: OrgRef;
}

export interface OrgRef {
  id: number;
  path: string;
}

export interface Stack {
  appUrl: string;
  helloUrl: string;
  session: BenchSession;
  database: string;
  /** The database's URL (a scenario may prepare data with its own connection). */
  databaseUrl: string;
  members: number;
  orgs: number;
  close(): Promise<void>;
}

const PASSWORD = 'Bench-Passw0rd!';

export async function startStack(opts: { members: number; databaseUrl?: string; log: (m: string) => void }): Promise<Stack> {
  const { log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'vanguard-bench-'));
  const closers: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  let closing: Promise<void> | undefined;
  // Idempotent: a signal handler and the normal path may both call it; both wait for the same cleanup.
  const close = () => {
    closing ??= (async () => {
      for (const c of closers.reverse()) await c().catch((e: unknown) => log(`cleanup: ${String(e)}`));
    })();
    return closing;
  };
  try {
    let embedded: EmbeddedDatabase | undefined;
    let url = opts.databaseUrl;
    if (!url) {
      // The temp dir itself: startEmbedded opens it to 0711 so the `postgres` OS user (as root) can reach pg/.
      embedded = await startEmbedded(dir);
      closers.push(() => (embedded as EmbeddedDatabase).stop());
      url = embedded.url;
    }
    const db = createDb(url);
    closers.push(() => db.$client.end());
    await runMigrations(db);
    const version = await db.$client.query<{ server_version: string }>('SHOW server_version');
    const database = `PostgreSQL ${version.rows[0].server_version} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'})`;

    const count = await db.$client.query<{ members: number; orgs: number }>(
      'SELECT (SELECT count(*)::int FROM members) AS members, (SELECT count(*)::int FROM orgs) AS orgs',
    );
    let { members, orgs } = count.rows[0];
    let root: OrgRef;
    if (members === 0) {
      log(`generating ${opts.members} members…`);
      const g = await generate(db.$client, { members: opts.members, log: (m) => log(`  ${m}`) });
      log(`generated ${g.members} members in ${g.orgs} orgs in ${(g.ms / 1000).toFixed(1)} s`);
      root = { id: g.rootId, path: g.rootPath };
      // Flush the generated pages now, not during the first measurements (needs superuser or pg_checkpoint).
      await db.$client.query('CHECKPOINT').catch(() => log('  (no CHECKPOINT: not allowed for this database user)'));
      members = g.members;
      orgs += g.orgs;
    } else {
      log(`the database already has ${members} members in ${orgs} orgs: using them, not generating`);
      const { rows } = await db.$client.query<OrgRef>('SELECT id, path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1');
      root = rows[0];
    }

    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: join(dir, 'app'),
      LOG_LEVEL: 'silent',
      // Fixed: a reused BENCH_DATABASE_URL keeps data keys wrapped by it (bench data is not secret).
      MASTER_KEY: BENCH_MASTER_KEY,
    });
    const app = await buildApp({ config, db, serveWeb: false });
    closers.push(() => app.close());
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });

    const hello: FastifyInstance = Fastify();
    hello.get('/', async () => ({ hello: 'world' }));
    closers.push(() => hello.close());
    const helloUrl = await hello.listen({ host: '127.0.0.1', port: 0 });

    // The same path as the test factory buildUser: a users row with hashPassword, and a role grant.
    const username = `bench_${randomBytes(4).toString('hex')}`;
    const [u] = await db
      .insert(users)
      .values({ username, displayName: '基准测试管理员', orgId: root.id, passwordHash: await hashPassword(PASSWORD) })
      .returning({ id: users.id });
    await db.insert(roleGrants).values({ userId: u.id, role: 'org_admin', orgId: root.id });
    const auth = await logIn(appUrl, username, PASSWORD);
    const mine = await firstOrg(db, root.path, 'committee');
    const branch = await firstOrg(db, root.path, 'branch');

    return {
      appUrl,
      helloUrl,
      session: { username, password: PASSWORD, auth, root, mine, branch },
      database,
      databaseUrl: url,
      members,
      orgs,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

const BENCH_MASTER_KEY = 'be'.repeat(32);

async function firstOrg(db: Db, rootPath: string, kind: string): Promise<OrgRef> {
  const { rows } = await db.$client.query<OrgRef>(
    "SELECT id, path FROM orgs WHERE path LIKE $1 || '_%' AND kind = $2 ORDER BY id LIMIT 1",
    [rootPath, kind],
  );
  if (!rows[0]) throw new Error(`no ${kind} under ${rootPath}`);
  return rows[0];
}

async function logIn(appUrl: string, username: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${appUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { stage?: string; csrfToken?: string };
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!res.ok || !cookie || body.stage !== 'active' || !body.csrfToken) {
    throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
  }
  return { cookie: cookie.split(';')[0], 'x-csrf-token': body.csrfToken };
}
