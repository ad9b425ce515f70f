import type { Config } from './config.js';
import { createDb, type Db } from './db/client.js';
import { type EmbeddedDatabase, startEmbedded } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';

export interface Runtime {
  db: Db;
  url: string;
  stop(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL; then migrates. */
export async function openDatabase(config: Config, log: (m: string) => void): Promise<Runtime> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbedded(config.dataDir, log);
    url = embedded.url;
    log(`嵌入式 PostgreSQL 已启动（数据目录 ${config.dataDir}/pg，仅监听 127.0.0.1）`);
  }
  const db = createDb(url);
  try {
    await runMigrations(db);
  } catch (e) {
    await db.$client.end();
    await embedded?.stop();
    throw e;
  }
  return {
    db,
    url,
    async stop() {
      await db.$client.end();
      await embedded?.stop();
    },
  };
}
