import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.js';

// node-postgres returns bigint (int8) and numeric as strings; counts are cast explicitly in SQL
// (`count(*)::int`), and int8 ids are parsed here because ours stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export function createDb(url: string, max = 20): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'vanguard' });
  // An idle client loses its server (restart, failover, or the embedded database stopping on
  // Ctrl-C): the pool drops it and opens a new one on demand; unhandled, it would kill the process.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') process.stderr.write(`数据库连接中断 / idle database client error: ${err.message}\n`);
  });
  return drizzle(pool, { schema }) as Db;
}
