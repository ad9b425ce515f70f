import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role, SessionStage } from '@vanguard/shared';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { createDb, type Db } from '../src/db/client.js';
import { urlAs } from '../src/db/roles.js';
import { members, orgs, roleGrants, users } from '../src/db/schema/index.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.js';
import { ManualClock } from '../src/platform/clock.js';
import { type Ciphers, loadCiphers } from '../src/platform/crypto/keys.js';
import { TEMPLATE_DB, TEST_APP_ROLE, withDatabase } from './global-setup.js';

export const TEST_PASSWORD = 'Test-Passw0rd!';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: number;
  username: string;
}

export interface Caller {
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export interface TestEnv {
  app: FastifyInstance;
  /** The app's pool, as the application role (not the owner, not a superuser), as in production. */
  db: Db;
  clock: ManualClock;
  config: Config;
  ciphers: Ciphers;
  /** A superuser connection to this file's database (to tamper, as a DBA could). */
  dbUrl: string;
  anon: Caller;
  /** Issues a session for the user directly (only the auth tests log in for real). */
  as(user: TestUser, stage?: SessionStage): Promise<Caller>;
  buildOrg(o?: {
    parent?: { id: number; path: string };
    name?: string;
    kind?: string;
    category?: string;
  }): Promise<{ id: number; path: string; name: string }>;
  buildUser(o?: {
    username?: string;
    roles?: { role: Role; orgId: number }[];
    orgId?: number;
    password?: string;
    mustChangePassword?: boolean;
  }): Promise<TestUser>;
  buildMember(o: { org: { id: number; path: string }; name?: string; category?: 'full' | 'probationary' }): Promise<{ id: number }>;
  /** A login with the member role in `orgId`, linked to an existing member record (members.user_id). */
  linkLogin(memberId: number, orgId: number): Promise<TestUser>;
  /** A member record with a login linked to it, holding the member role: the phone portal's user. */
  buildMemberUser(o: {
    org: { id: number; path: string };
    name?: string;
    category?: 'full' | 'probationary';
  }): Promise<{ memberId: number; user: TestUser }>;
}

let seq = 0;
const uniq = (p: string) => `${p}${process.pid}_${++seq}_${randomBytes(3).toString('hex')}`;

/** The master key of the demo templates and of every database cloned from one (their data keys are wrapped by it). */
const DEMO_MASTER_KEY = 'a5'.repeat(32);

/**
 * A template database holding what `seedDemo(db, ciphers, now)` writes, made once per `now` per run
 * (about 14 s each): the first file that asks seeds it, under an advisory lock so that a file in the
 * other worker waits for it instead of seeding too; the rest clone it. The global setup drops it with
 * the other `vg_test_` databases.
 */
async function demoTemplate(adminUrl: string, now: string): Promise<string> {
  const name = `vg_test_demo_${new Date(now).getTime()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building} TEMPLATE ${TEMPLATE_DB}`);
      const db = createDb(withDatabase(adminUrl, building), 5);
      try {
        const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: tmpdir(), LOG_LEVEL: 'silent', MASTER_KEY: DEMO_MASTER_KEY });
        // Imported here: the demo seeds (and faker) load only in the files that use them.
        const { seedDemo } = await import('../src/seed/demo.js');
        await seedDemo(db, await loadCiphers(db, config.masterKey, config.fieldCipher), new Date(now));
      } finally {
        await db.$client.end();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
    await admin.end();
  }
  return name;
}

/**
 * A fresh database cloned from the migrated template, and the app built on it with a manual clock.
 * `demoSeededAt`: cloned instead from a template with the demo data seeded at that time (see
 * `demoTemplate`), with that template's master key; a `seedDemo` on it finds the data and returns null.
 */
export async function createTestEnv(opts: { env?: Record<string, string>; demoSeededAt?: string } = {}): Promise<TestEnv> {
  const adminUrl = inject('adminUrl');
  const name = `vg_test_${randomBytes(6).toString('hex')}`;
  const template = opts.demoSeededAt ? await demoTemplate(adminUrl, opts.demoSeededAt) : TEMPLATE_DB;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const dbUrl = withDatabase(adminUrl, name);
  const db = createDb(urlAs(dbUrl, TEST_APP_ROLE), 5);
  const dataDir = mkdtempSync(join(tmpdir(), 'vg-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    MASTER_KEY: opts.demoSeededAt ? DEMO_MASTER_KEY : randomBytes(32).toString('hex'),
    ...opts.env,
  });
  const clock = new ManualClock();
  const app = await buildApp({ config, db, clock, serveWeb: false });
  await app.ready();
  const ciphers = await loadCiphers(db, config.masterKey, config.fieldCipher);

  afterAll(async () => {
    await app.close();
    await db.$client.end();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  const caller = (cookie?: string, csrf?: string): Caller => {
    const run = (o: InjectOptions) =>
      app.inject({
        ...o,
        headers: { ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...o.headers },
      });
    return {
      inject: run,
      get: (url) => run({ method: 'GET', url }),
      post: (url, body) => run({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
      patch: (url, body) => run({ method: 'PATCH', url, payload: body as object }),
      put: (url, body) => run({ method: 'PUT', url, payload: body as object }),
      delete: (url) => run({ method: 'DELETE', url }),
    };
  };

  const env: TestEnv = {
    app,
    db,
    clock,
    config,
    ciphers,
    dbUrl,
    anon: caller(),
    async as(user, stage = 'active') {
      const { token, session } = await createSession(db, user.id, stage, clock.now(), { ip: '127.0.0.1', userAgent: 'test' });
      return caller(token, session.csrfToken);
    },
    async buildOrg(o = {}) {
      const [row] = await db
        .insert(orgs)
        .values({
          parentId: o.parent?.id ?? null,
          path: '/',
          name: o.name ?? uniq('组织'),
          kind: o.kind ?? 'branch',
          category: o.category ?? 'production',
        })
        .returning({ id: orgs.id, name: orgs.name });
      const path = `${o.parent?.path ?? '/'}${row.id}/`;
      await db.update(orgs).set({ path }).where(eq(orgs.id, row.id));
      return { id: row.id, path, name: row.name };
    },
    async buildUser(o = {}) {
      const orgId = o.orgId ?? o.roles?.[0]?.orgId ?? (await env.buildOrg()).id;
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const username = o.username ?? uniq('u');
      const [u] = await db
        .insert(users)
        .values({
          username,
          displayName: `测试${username}`,
          orgId,
          passwordHash: o.password ? await hashPassword(o.password) : await passwordHash,
          mustChangePassword: o.mustChangePassword ?? false,
        })
        .returning({ id: users.id });
      for (const g of o.roles ?? []) await db.insert(roleGrants).values({ userId: u.id, role: g.role, orgId: g.orgId });
      return { id: u.id, username };
    },
    async buildMember(o) {
      const [m] = await db
        .insert(members)
        .values({
          orgId: o.org.id,
          orgPath: o.org.path,
          name: o.name ?? '张伟',
          sex: '男',
          birthDate: '1985-06-01',
          category: o.category ?? 'full',
          appliedOn: '2008-03-01',
          admittedOn: '2009-07-01',
          fullOn: o.category === 'probationary' ? null : '2010-07-01',
        })
        .returning({ id: members.id });
      return m;
    },
    async linkLogin(memberId, orgId) {
      const user = await env.buildUser({ roles: [{ role: 'member', orgId }] });
      await db.update(members).set({ userId: user.id }).where(eq(members.id, memberId));
      return user;
    },
    async buildMemberUser(o) {
      const m = await env.buildMember(o);
      return { memberId: m.id, user: await env.linkLogin(m.id, o.org.id) };
    },
  };
  return env;
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse): T => res.json() as T;

/** A 1×1 PNG: the smallest upload the file sniffing accepts as an image. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A multipart body with one file in the field `file`, for `caller.inject({ method: 'POST', url, ...multipart(…) })`. */
export function multipart(name: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----vanguard';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
