import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../src/db/client.js';
import { type EmbeddedDatabase, startEmbedded } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { type AppRole, ensureAppRole, grantAppPrivileges } from '../src/db/roles.js';

export const TEMPLATE_DB = 'vg_test_template';
/**
 * The application role every test file's app connects as (as the app does, issue 15 item 1): its
 * grants are made in the template, so each clone has them. One role for the server (roles are
 * per cluster), made or re-passworded by the setup.
 */
export const TEST_APP_ROLE: AppRole = { name: 'vg_test_app', password: 'vg_test_app' };

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    serverLabel: string;
  }
}

/**
 * One PostgreSQL for the run: the embedded one by default, or TEST_DATABASE_URL when
 * VG_TEST_TARGET=url (npm test runs the suite against both when the URL is set). Migrations are
 * applied once to a template database; each test file clones it (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  let adminUrl: string;
  if (process.env.VG_TEST_TARGET === 'url') {
    if (!process.env.TEST_DATABASE_URL) throw new Error('VG_TEST_TARGET=url needs TEST_DATABASE_URL');
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    dir = mkdtempSync(join(tmpdir(), 'vanguard-test-'));
    embedded = await startEmbedded(dir, { log: (m) => process.stdout.write(`${m}\n`) });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
  // Leftovers of an interrupted run on a shared server.
  const old = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'vg_test_%'");
  for (const { datname } of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();

  const db = createDb(withDatabase(adminUrl, TEMPLATE_DB), 2);
  await runMigrations(db);
  await db.$client.end();
  const owner = new pg.Client({ connectionString: withDatabase(adminUrl, TEMPLATE_DB) });
  await owner.connect();
  await ensureAppRole(owner, TEST_APP_ROLE, { create: true });
  await grantAppPrivileges(owner, TEST_APP_ROLE.name);
  await owner.end();

  project.provide('adminUrl', adminUrl);
  project.provide('serverLabel', `PostgreSQL ${rows[0].server_version}${embedded ? ' (embedded)' : ' (TEST_DATABASE_URL)'}`);
  process.stdout.write(`API tests on PostgreSQL ${rows[0].server_version}${embedded ? ' (embedded)' : ' (TEST_DATABASE_URL)'}\n`);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const left = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'vg_test_%'");
    for (const { datname } of left.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    // Application roles the CLI made for a test database (`<database>_app`, runtime.ts).
    const roles = await c.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE rolname LIKE 'vg\\_test\\_%\\_app'");
    for (const { rolname } of roles.rows) await c.query(`DROP ROLE IF EXISTS "${rolname}"`).catch(() => {});
    await c.end();
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
