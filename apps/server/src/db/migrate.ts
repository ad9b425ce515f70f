import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Db } from './client.js';

const MIGRATIONS_DIR = resolve(fileURLToPath(import.meta.url), '../migrations');

/** Applies pending migrations (drizzle keeps its journal in the `drizzle` schema). */
export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
