import type { OrgEventKind } from '@vanguard/shared/api/orgs';
import { and, count, desc, eq, getTableColumns, getTableName, is, isNull, sql } from 'drizzle-orm';
import { type PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.js';
import * as schema from '../../db/schema/index.js';
import {
  leadershipMembers,
  leadershipTerms,
  memberCorrections,
  members,
  orgEvents,
  orgs,
  pioneerPosts,
  recruitmentCases,
  relationContacts,
  relationLetters,
  relationLostCases,
  relationMobiles,
  relationTransfers,
  units,
  users,
  workers,
} from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import type { OrgRow } from './orgs.repository.js';

/**
 * Every table that copies an org path into `org_path`, found from the schema itself: a table added
 * later by another module follows moves without anyone remembering to list it here.
 */
const PATH_TABLES: { name: string; column: PgColumn; table: PgTable }[] = (Object.values(schema) as unknown[])
  .filter((t): t is PgTable => is(t, PgTable))
  .flatMap((table) => {
    const column = (getTableColumns(table) as Record<string, PgColumn>).orgPath;
    return column ? [{ name: getTableName(table), column, table }] : [];
  });

/**
 * Rows that belong to people or places rather than to the org's own record: on a merge or a
 * dissolution with transfer they go with the members — with the people's recruitment cases and
 * relations rows (transfers, letters, mobile registrations, contacts, lost-contact cases). Leadership
 * terms and annual recruitment plans stay as the old org's history.
 */
const FOLLOW_MEMBERS = [
  members,
  workers,
  units,
  pioneerPosts,
  memberCorrections,
  recruitmentCases,
  relationTransfers,
  relationLetters,
  relationMobiles,
  relationContacts,
  relationLostCases,
] as const;

export async function lockOrg(tx: Tx, id: number): Promise<OrgRow | undefined> {
  const [row] = await tx.select().from(orgs).where(eq(orgs.id, id)).for('update');
  return row;
}

/**
 * Replaces the path prefix `from` by `to` on every org at or under `from` and on every scoped row
 * carrying such a path, one set-based UPDATE per table. With `below`, the org at `from` itself and
 * the rows filed directly under it keep their path (a merge moves only what is beneath).
 */
export async function rewritePaths(tx: Tx, from: string, to: string, now: Date, opts: { below?: boolean } = {}) {
  const like = `${from}%`;
  const cut = from.length + 1;
  const changed: Record<string, number> = {};
  const org = await tx.execute(
    sql`UPDATE ${orgs} SET path = ${to} || substr(path, ${cut}), updated_at = ${now}
        WHERE path LIKE ${like} ${opts.below ? sql`AND path <> ${from}` : sql``}`,
  );
  changed.orgs = org.rowCount ?? 0;
  for (const { name, column, table } of PATH_TABLES) {
    const col = sql.identifier(column.name);
    const res = await tx.execute(
      sql`UPDATE ${table} SET ${col} = ${to} || substr(${col}, ${cut}) WHERE ${col} LIKE ${like} ${opts.below ? sql`AND ${col} <> ${from}` : sql``}`,
    );
    changed[name] = res.rowCount ?? 0;
  }
  return changed;
}

/** Moves the members of org `fromId`, with their workers, units, 先锋岗 and pending corrections, to `to`. */
export async function moveMembersAndTheirRows(tx: Tx, fromId: number, to: { id: number; path: string }) {
  const moved: Record<string, number> = {};
  for (const table of FOLLOW_MEMBERS) {
    const res = await tx.update(table).set({ orgId: to.id, orgPath: to.path }).where(eq(table.orgId, fromId));
    moved[getTableName(table)] = res.rowCount ?? 0;
  }
  // Transfers on their way INTO the old org are received by the new one.
  const incoming = await tx
    .update(relationTransfers)
    .set({ toOrgId: to.id, toOrgName: sql`(SELECT name FROM orgs WHERE id = ${to.id})` })
    .where(and(eq(relationTransfers.toOrgId, fromId), sql`${relationTransfers.status} IN ('requested', 'pending')`));
  moved.relation_transfers_incoming = incoming.rowCount ?? 0;
  return moved;
}

/** Ends the org's current leadership term (and its posts) on `on`. */
export async function endCurrentTerm(tx: Tx, orgId: number, on: string, now: Date): Promise<number | null> {
  const [term] = await tx
    .update(leadershipTerms)
    .set({ endedOn: on, updatedAt: now })
    .where(and(eq(leadershipTerms.orgId, orgId), isNull(leadershipTerms.endedOn)))
    .returning({ id: leadershipTerms.id });
  if (!term) return null;
  await tx
    .update(leadershipMembers)
    .set({ endedOn: on, updatedAt: now })
    .where(and(eq(leadershipMembers.termId, term.id), isNull(leadershipMembers.endedOn)));
  return term.id;
}

/** Live orgs directly under `parentId`. */
export async function liveChildren(db: DbOrTx, parentId: number) {
  return db
    .select({ id: orgs.id, name: orgs.name, kind: orgs.kind })
    .from(orgs)
    .where(and(eq(orgs.parentId, parentId), isNull(orgs.dissolvedAt)))
    .orderBy(orgs.sort, orgs.id);
}

/** People filed directly in an org: members (any status, their archive must live somewhere) and workers. */
export async function peopleIn(db: DbOrTx, orgId: number) {
  const [[m], [w]] = await Promise.all([
    db.select({ n: count() }).from(members).where(eq(members.orgId, orgId)),
    db.select({ n: count() }).from(workers).where(eq(workers.orgId, orgId)),
  ]);
  return { members: m.n, workers: w.n };
}

export async function endCurrentPioneerPosts(tx: Tx, orgId: number, on: string, now: Date): Promise<number> {
  const res = await tx
    .update(pioneerPosts)
    .set({ endedOn: on, updatedAt: now })
    .where(and(eq(pioneerPosts.orgId, orgId), isNull(pioneerPosts.endedOn)));
  return res.rowCount ?? 0;
}

export async function addOrgEvent(
  tx: DbOrTx,
  ctx: ActorCtx,
  e: { orgId: number; kind: OrgEventKind; docNo?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(orgEvents).values({
    orgId: e.orgId,
    kind: e.kind,
    at: ctx.now(),
    actorId: ctx.actor.userId,
    docNo: e.docNo ?? null,
    details: e.details ?? {},
  });
}

/** An org's events, newest first, with the actor's display name. */
export async function listOrgEvents(db: DbOrTx, orgId: number) {
  return db
    .select({ ...getTableColumns(orgEvents), actorName: users.displayName })
    .from(orgEvents)
    .leftJoin(users, eq(users.id, orgEvents.actorId))
    .where(eq(orgEvents.orgId, orgId))
    .orderBy(desc(orgEvents.at), desc(orgEvents.id));
}
