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

/**
 * A query for a hot path, built once per database handle and run as a named prepared statement
 * (`build` ends in `.prepare(name)`): no SQL building in Node and, once PostgreSQL settles on a
 * generic plan, no parse or plan per request. Values go in as `sql.placeholder(…)`; a prefix match
 * on a path is written as a range (`~>=~` / `~<~`, see `prefixRange`) so the generic plan keeps the index.
 */
export function preparedOn<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let q = built.get(db);
    if (q === undefined) {
      q = build(db);
      built.set(db, q);
    }
    return q;
  };
}

/** The bounds of the paths under `path` (`/1/5/` → [`/1/5/`, `/1/50`]) for `col ~>=~ lo AND col ~<~ hi`. */
export function prefixRange(path: string): { lo: string; hi: string } {
  return { lo: path, hi: path.slice(0, -1) + String.fromCharCode(path.charCodeAt(path.length - 1) + 1) };
}

export function createDb(url: string, max = 20): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'vanguard' });
  // An idle client loses its server (restart, failover, or the embedded database stopping on
  // Ctrl-C): the pool drops it and opens a new one on demand; unhandled, it would kill the process.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') process.stderr.write(`数据库连接中断 / idle database client error: ${err.message}\n`);
  });
  return drizzle(pool, { schema }) as Db;
}
