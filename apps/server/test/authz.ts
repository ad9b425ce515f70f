import type { Role } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import type { TestEnv } from './harness.js';

type OrgRef = { id: number; path: string };

export interface MatrixSpec<R> {
  /** Creates the target record inside `org` (a fresh one per case). */
  makeRecord(env: TestEnv, org: OrgRef): Promise<R>;
  /** The request under test, for a record. */
  request(record: R): InjectOptions;
  /** The role that carries the route's permission (granted on the own branch or the ancestor). */
  role: Role;
  /** A role that can see the branch but lacks the permission (default: member). */
  weakRole?: Role;
  /**
   * Reads the record's state, before and after each refused request, to prove it changed nothing.
   * It must read the database (a constant cannot fail). Left out — as for reads, which have no
   * one row of their own — the whole database is compared instead (`databaseState`).
   */
  snapshot?(env: TestEnv, record: R): Promise<unknown>;
  /** Expected success status (default 200). */
  okStatus?: number;
}

/** Tables a refused request may write as a matter of course: the session's last-seen time and the audit chain. */
const BOOKKEEPING = new Set(['sessions', 'audit_log', 'audit_head']);
const tablesOf = new WeakMap<Db, Promise<string[]>>();

/**
 * A digest of every row of every table but the bookkeeping ones, by table: equal before and after
 * a request, that request wrote nothing (a difference names the table it wrote).
 */
export async function databaseState(db: Db): Promise<Record<string, string>> {
  let tables = tablesOf.get(db);
  if (!tables) {
    tables = db
      .execute<{ name: string }>(sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
      .then((r) => r.rows.map((t) => t.name).filter((t) => !BOOKKEEPING.has(t)));
    tablesOf.set(db, tables);
  }
  const digests = (await tables).map(
    (t) => `SELECT '${t}' AS name, (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t}" x) AS digest`,
  );
  const { rows } = await db.execute<{ name: string; digest: string }>(sql.raw(digests.join(' UNION ALL ')));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/**
 * The authz matrix every mutating route gets (STYLE.md §Tests): anonymous 401; no permission 403;
 * another branch's record 404 with the row unchanged; own branch 2xx; an ancestor committee 2xx.
 */
export function authzMatrix<R>(getEnv: () => TestEnv, spec: MatrixSpec<R>): void {
  const tree = async (env: TestEnv) => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    return { committee, own, other };
  };
  const ok = spec.okStatus ?? 200;
  const snapshot = (env: TestEnv, record: R) => (spec.snapshot ? spec.snapshot(env, record) : databaseState(env.db));

  it('anonymous → 401, nothing changed', async () => {
    const env = getEnv();
    const { own } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const before = await snapshot(env, record);
    const res = await env.anon.inject(spec.request(record));
    expect(res.statusCode).toBe(401);
    expect(await snapshot(env, record)).toEqual(before);
  });

  it('no permission → 403, nothing changed', async () => {
    const env = getEnv();
    const { own } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const user = await env.buildUser({ roles: [{ role: spec.weakRole ?? 'member', orgId: own.id }] });
    const before = await snapshot(env, record);
    const res = await (await env.as(user)).inject(spec.request(record));
    expect(res.statusCode).toBe(403);
    expect(await snapshot(env, record)).toEqual(before);
  });

  it("another branch's record → 404, nothing changed", async () => {
    const env = getEnv();
    const { own, other } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const user = await env.buildUser({ roles: [{ role: spec.role, orgId: other.id }] });
    const before = await snapshot(env, record);
    const res = await (await env.as(user)).inject(spec.request(record));
    expect(res.statusCode).toBe(404);
    expect(await snapshot(env, record)).toEqual(before);
  });

  it(`own branch → ${ok}`, async () => {
    const env = getEnv();
    const { own } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const user = await env.buildUser({ roles: [{ role: spec.role, orgId: own.id }] });
    const res = await (await env.as(user)).inject(spec.request(record));
    expect(res.statusCode, res.body).toBe(ok);
  });

  it(`ancestor committee → ${ok}`, async () => {
    const env = getEnv();
    const { committee, own } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const user = await env.buildUser({ roles: [{ role: spec.role, orgId: committee.id }] });
    const res = await (await env.as(user)).inject(spec.request(record));
    expect(res.statusCode, res.body).toBe(ok);
  });
}
