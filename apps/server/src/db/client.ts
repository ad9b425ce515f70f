import { Placeholder, type SQL, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { type AnyPgColumn, PgDialect } from 'drizzle-orm/pg-core';
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
 * (`build` ends in `.prepare(name)`) on the handle's own few connections for prepared statements,
 * where `plan_cache_mode = force_generic_plan`: no SQL building in Node, and no parse or plan in
 * PostgreSQL per request. Left to choose, PostgreSQL compares the generic plan's estimate with the
 * custom plans' and, where the estimate for unknown values is pessimistic (the dues ledger), plans
 * again on every call: 0.44 ms a call instead of 0.16 ms. So only a statement written for a generic
 * plan belongs here: values go in as `sql.placeholder(…)`, and a prefix match on a path is written
 * as a range (`underPath`) so the generic plan keeps the index. An ad-hoc
 * query stays on the main pool, with plans for its values.
 */
export function preparedOn<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let q = built.get(db);
    if (q === undefined) {
      q = build(preparedHandles.get(db) ?? db);
      built.set(db, q);
    }
    return q;
  };
}

/**
 * The hottest reads, where mapping rows through the ORM costs more than the statement: under load,
 * drizzle's row mapping took 16% of the server's CPU on the dues ledger page. The statement is one
 * `sql` template with its result columns named and typed as the API returns them (dates as text);
 * it runs as a named prepared statement on the prepared connections, as `preparedOn`'s do, with
 * `sql.placeholder(name)` values taken from `values`, and the rows come back as pg gives them.
 */
export function preparedRows<R extends pg.QueryResultRow>(
  name: string,
  query: SQL,
): (db: Db, values: Record<string, unknown>) => Promise<R[]> {
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  const names = params.map((p) => {
    if (!(p instanceof Placeholder)) throw new Error(`${name}: a value in the statement that is not a placeholder`);
    return p.name;
  });
  return async (db, values) => {
    const { rows } = await (preparedHandles.get(db) ?? db).$client.query<R>({ name, text, values: names.map((n) => values[n]) });
    return rows;
  };
}

/**
 * `col` (an org path) lies under `path` (SQL giving an org path, `/1/5/`), written as a range:
 * `~>=~ '/1/5/' AND ~<~ '/1/50'` (the last character raised by one). A generic plan cannot see the
 * pattern of a `LIKE $1`, so it cannot use the path index for it; it can for the range.
 */
export function underPath(col: AnyPgColumn | SQL, path: SQL): SQL {
  return sql`(${col} ~>=~ ${path} AND ${col} ~<~ (left(${path}, -1) || chr(ascii(right(${path}, 1)) + 1)))`;
}

const preparedHandles = new WeakMap<Db, Db>();

function newPool(url: string, max: number, options?: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, options, application_name: 'vanguard' });
  // An idle client loses its server (restart, failover, or the embedded database stopping on
  // Ctrl-C): the pool drops it and opens a new one on demand; unhandled, it would kill the process.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') process.stderr.write(`数据库连接中断 / idle database client error: ${err.message}\n`);
  });
  // A client checked out of the pool has no error listener of the pool's: PostgreSQL dying while a
  // transaction holds one between two statements (the postmaster killed under load, bench/crash.ts)
  // emitted an unhandled 'error' and killed the app. The client's next query fails instead, and the
  // request answers 503/500 (issue 17 item 2).
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

const closers = new WeakMap<Db, (() => Promise<void>)[]>();

/** Runs `close` when the handle is ended (`db.$client.end()`): for what lives as long as it, as its change feed. */
export function onDbEnd(db: Db, close: () => Promise<void>): void {
  closers.get(db)?.push(close);
}

/**
 * The main pool of `max` connections, and beside it half as many for the prepared statements
 * (`preparedOn`). Ending the main pool (`db.$client.end()`) ends both, and what `onDbEnd` added.
 */
export function createDb(url: string, max = 20): Db {
  const pool = newPool(url, max);
  const prepared = newPool(url, Math.max(2, Math.ceil(max / 2)), '-c plan_cache_mode=force_generic_plan');
  const endMain = pool.end.bind(pool);
  const ending: (() => Promise<void>)[] = [];
  pool.end = (async () => {
    await Promise.all(ending.map((close) => close()));
    await Promise.all([endMain(), prepared.end()]);
  }) as typeof pool.end;
  const db = drizzle(pool, { schema }) as Db;
  preparedHandles.set(db, drizzle(prepared, { schema }) as Db);
  closers.set(db, ending);
  return db;
}
