import type { Permission } from '@vanguard/shared';
import { and, eq, getTableColumns, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Db, type DbOrTx, preparedOn } from '../../db/client.js';
import { members, orgs, workers } from '../../db/schema/index.js';
import type { ActorCtx } from '../context.js';
import { AppError, deniedError, notFound } from '../errors.js';
import { type Scope, scopeOf, visibleScope } from './scope.js';

// The one access gate (ARCHITECTURE.md §One access gate): a record by id within the actor's scope,
// the org lookup, and the actor's own member record. Modules call these; none keeps a loader of its own.

/** A scope as `LIKE ANY` patterns: one array parameter, so the statement's text does not depend on it. */
export const patternsOf = (scope: Scope): string[] => scope.paths.map((p) => `${p}%`);

/** `paths` (SQL giving `text[]` of org paths) has one inside the scope. */
const anyUnder = (paths: SQL, patterns: string[]) =>
  sql<boolean>`EXISTS (SELECT 1 FROM unnest(${paths}) AS p(path) WHERE p.path LIKE ANY(${sql.param(patterns)}::text[]))`;

/**
 * A scoped table: where a record's org lies. `path` is its org-path column; a record held by
 * several orgs (a 联席会议) gives `paths`, SQL for the `text[]` of all of them.
 */
export interface Gate<T extends PgTable> {
  table: T;
  id: AnyPgColumn;
  paths: SQL;
  /** Rows that are not there for anyone (soft-deleted). */
  live?: SQL;
  /** The record in the 404 message: `未找到${what}`. */
  what: string;
}

/**
 * `gate(recruitmentCases, recruitmentCases.orgPath, '该发展对象')`: a table whose `id` column is the
 * key; `path` its org-path column (or SQL for it, e.g. through its org id); `more.paths` for a record
 * of several orgs, `more.live` for rows that count (not deleted).
 */
export function gate<T extends PgTable>(table: T, path: AnyPgColumn | SQL, what: string, more: { paths?: SQL; live?: SQL } = {}): Gate<T> {
  const id = (getTableColumns(table) as Record<string, AnyPgColumn>).id;
  if (!id) throw new Error('gate: the table has no id column');
  return { table, id, paths: more.paths ?? sql`ARRAY[${path}]::text[]`, live: more.live, what };
}

export interface LoadOptions {
  /** A transaction to read in (default ctx.db). */
  db?: DbOrTx;
  /** `SELECT … FOR UPDATE` (inside a transaction). */
  lock?: boolean;
  /** A further condition; a row failing it is not there (404), e.g. `isNull(orgs.dissolvedAt)`. */
  where?: SQL;
  /** The request field the id came from: the 404 then names it in its details. */
  field?: string;
}

/**
 * The record `id` of a scoped table, for `permission` (null: merely visible). The visibility is
 * in the query: a record outside every org the actor holds a role in is not there → 404; one they
 * can see but hold `permission` nowhere over → 403.
 */
export async function loadFor<T extends PgTable>(
  ctx: ActorCtx,
  g: Gate<T>,
  id: number | string,
  permission: Permission | null,
  opts: LoadOptions = {},
): Promise<T['$inferSelect']> {
  const db = opts.db ?? ctx.db;
  const allowed = permission ? anyUnder(g.paths, patternsOf(scopeOf(ctx.actor, permission))) : sql<boolean>`true`;
  const where = and(eq(g.id, id), anyUnder(g.paths, patternsOf(visibleScope(ctx.actor))), g.live, opts.where);
  const q = (db as Db)
    .select({ row: g.table as PgTable, allowed })
    .from(g.table as PgTable)
    .where(where);
  const [found] = opts.lock ? await q.for('update', { of: g.table as PgTable }) : await q;
  if (!found) throw await missingOrDenied(db, g, id, opts.field);
  if (!found.allowed) throw deniedError(new AppError('FORBIDDEN'));
  return found.row as T['$inferSelect'];
}

/**
 * The 404 for a record not in scope. Only on this failure path is it asked whether the record
 * exists elsewhere: then the refusal is marked (`deniedError`) and audited as `access.denied`
 * (issue 15 item 7); a missing id is a plain 404 and writes nothing.
 */
async function missingOrDenied<T extends PgTable>(db: DbOrTx, g: Gate<T>, id: number | string, field?: string) {
  const [exists] = await (db as Db)
    .select({ one: sql<number>`1` })
    .from(g.table as PgTable)
    .where(and(eq(g.id, id), g.live));
  const e = missing(g.what, field);
  return exists ? deniedError(e) : e;
}

/**
 * A record the actor takes part in rather than manages (one side of a mentor pair, their own
 * application): `part(row)` — a pure rule from the module's policy — names the part, or gives null or false;
 * no row, or no part → 404, as for a record outside scope.
 */
export async function loadOwn<T extends PgTable, P>(
  ctx: ActorCtx,
  g: Gate<T>,
  id: number | string,
  part: (row: T['$inferSelect']) => P | null | false,
  opts: Omit<LoadOptions, 'where'> = {},
): Promise<{ row: T['$inferSelect']; part: P }> {
  const q = ((opts.db ?? ctx.db) as Db)
    .select()
    .from(g.table as PgTable)
    .where(and(eq(g.id, id), g.live));
  const [row] = opts.lock ? await q.for('update') : await q;
  const p = row ? part(row as T['$inferSelect']) : null;
  if (!row) throw missing(g.what, opts.field);
  if (p === null || p === false) throw deniedError(missing(g.what, opts.field));
  return { row: row as T['$inferSelect'], part: p as P };
}

function missing(what: string, field?: string): AppError {
  const e = notFound(what);
  return field ? new AppError('NOT_FOUND', e.message, [{ path: field, message: e.message }]) : e;
}

const orgGate = gate(orgs, orgs.path, '该组织');

// The org lookup runs on every ledger, report and list under an org: a named prepared statement
// outside transactions (the scope goes in as two arrays of patterns, so the text never changes).
const orgStatement = preparedOn((db: Db) =>
  db
    .select({ row: orgs, allowed: sql<boolean>`${orgs.path} LIKE ANY(${sql.placeholder('allowed')}::text[])` })
    .from(orgs)
    .where(and(eq(orgs.id, sql.placeholder('id')), sql`${orgs.path} LIKE ANY(${sql.placeholder('visible')}::text[])`))
    .prepare('vg_access_org'),
);

export interface OrgOptions {
  db?: DbOrTx;
  lock?: boolean;
  /** A dissolved org counts too (its history stays readable); by default it is not there. */
  dissolved?: boolean;
  /** The org in the 404 message (default 该组织). */
  what?: string;
  field?: string;
}

/** A live org in the actor's scope for `permission`: not visible (or dissolved) → 404, visible without it → 403. */
export async function orgFor(ctx: ActorCtx, orgId: number, permission: Permission, opts: OrgOptions = {}) {
  const what = opts.what ?? '该组织';
  if ((opts.db === undefined || opts.db === ctx.db) && !opts.lock) {
    const [found] = await orgStatement(ctx.db).execute({
      id: orgId,
      allowed: patternsOf(scopeOf(ctx.actor, permission)),
      visible: patternsOf(visibleScope(ctx.actor)),
    });
    if (!found) throw await missingOrDenied(ctx.db, { ...orgGate, what }, orgId, opts.field);
    if (found.row.dissolvedAt && !opts.dissolved) throw missing(what, opts.field);
    if (!found.allowed) throw deniedError(new AppError('FORBIDDEN'));
    return found.row;
  }
  return loadFor(ctx, { ...orgGate, what }, orgId, permission, {
    db: opts.db,
    lock: opts.lock,
    field: opts.field,
    where: opts.dissolved ? undefined : isNull(orgs.dissolvedAt),
  });
}

export type MemberRow = typeof members.$inferSelect;

/** The one answer for an account with no member record (a worker, an administrator). */
export const NO_MEMBER_RECORD = '您的党员档案（账号未关联党员档案，请联系支部书记）';

export interface MyMemberOptions {
  db?: DbOrTx;
  /** Also a record no longer in normal standing (transferred out, …): for the member's own history. */
  anyStatus?: boolean;
}

/** Every member and worker record linked to the signed-in user (any status): for policies on records they take part in. */
export async function myRecords(ctx: ActorCtx, db: DbOrTx = ctx.db): Promise<{ memberIds: number[]; workerIds: number[] }> {
  const [ms, ws] = await Promise.all([
    db.select({ id: members.id }).from(members).where(eq(members.userId, ctx.actor.userId)),
    db.select({ id: workers.id }).from(workers).where(eq(workers.userId, ctx.actor.userId)),
  ]);
  return { memberIds: ms.map((m) => m.id), workerIds: ws.map((w) => w.id) };
}

/** The signed-in user's own member record (members.user_id), or undefined. */
export async function findMyMember(ctx: ActorCtx, opts: MyMemberOptions = {}): Promise<MemberRow | undefined> {
  const mine = eq(members.userId, ctx.actor.userId);
  const [m] = await (opts.db ?? ctx.db)
    .select()
    .from(members)
    .where(opts.anyStatus ? mine : and(mine, eq(members.status, 'normal')))
    .limit(1);
  return m;
}

/** The signed-in user's own member record; an account without one (a worker) → 404 `未找到${NO_MEMBER_RECORD}`. */
export async function myMember(ctx: ActorCtx, opts: MyMemberOptions = {}): Promise<MemberRow> {
  const m = await findMyMember(ctx, opts);
  if (!m) throw notFound(NO_MEMBER_RECORD);
  return m;
}
