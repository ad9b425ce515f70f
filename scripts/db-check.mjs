#!/usr/bin/env node
// Fails when the Drizzle schema has changes that no migration captures (generated files stale).
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const migrations = join(root, 'apps/server/src/db/migrations');
// drizzle-kit wants a path relative to the working directory.
const rel = `.migrations-check-${process.pid}`;
const tmp = join(root, rel);
cpSync(migrations, tmp, { recursive: true });
const before = readdirSync(tmp).length;
const r = spawnSync(
  'npx',
  [
    'drizzle-kit',
    'generate',
    '--dialect',
    'postgresql',
    '--schema',
    'apps/server/src/db/schema/index.ts',
    '--out',
    rel,
    '--name',
    'freshness',
  ],
  { cwd: root, encoding: 'utf8' },
);
const created = readdirSync(tmp).length - before;
rmSync(tmp, { recursive: true, force: true });
// drizzle-kit exits 0 on some errors: only its own "No schema changes" counts as fresh.
if (r.status !== 0 || (created === 0 && !/No schema changes/i.test(r.stdout + r.stderr))) {
  process.stdout.write(r.stdout + r.stderr);
  process.exit(1);
}
if (created > 0) {
  process.stdout.write('Migrations are stale: the schema changed without a migration. Run `npm run db:generate`.\n');
  process.exit(1);
}
process.stdout.write('Migrations are fresh.\n');
