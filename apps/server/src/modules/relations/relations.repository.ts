import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  memberCorrections,
  memberStatusHistory,
  members,
  orgs,
  pioneerPosts,
  relationContacts,
  relationLostCases,
  relationMobiles,
  roleGrants,
  users,
} from '../../db/schema/index.js';
import { inScope, type Scope } from '../../platform/access/scope.js';

/** Org ids along a materialized path, root first: `/1/5/23/` → [1, 5, 23]. */
const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

/** The group an org belongs to: the subtree of its top-level org (`/1/`). */
export const groupPrefix = (path: string): string => `/${pathIds(path)[0]}/`;

/**
 * The issuing 基层党委 of an org: the nearest committee at or above it (letters are numbered per
 * committee). A tree without any committee falls back to its top-level org.
 */
export async function committeeOf(db: DbOrTx, orgPath: string): Promise<{ id: number; name: string; path: string }> {
  const ids = pathIds(orgPath);
  const rows = await db.select({ id: orgs.id, name: orgs.name, path: orgs.path, kind: orgs.kind }).from(orgs).where(inArray(orgs.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of [...ids].reverse()) {
    const o = byId.get(id);
    if (o?.kind === 'committee') return { id: o.id, name: o.name, path: o.path };
  }
  const top = byId.get(ids[0]);
  if (!top) throw new Error(`org path without orgs: ${orgPath}`);
  return { id: top.id, name: top.name, path: top.path };
}

/**
 * Next letter number of a committee for a year, gap-free: the counter row is created or
 * incremented under its row lock inside the caller's transaction, so concurrent issues queue and a
 * rolled-back issue gives its number back.
 */
export async function nextLetterSeq(tx: Tx, committeeId: number, year: number, now: Date): Promise<number> {
  const res = await tx.execute<{ last_seq: number }>(sql`
    INSERT INTO relation_letter_counters (committee_id, year, last_seq, created_at, updated_at)
    VALUES (${committeeId}, ${year}, 1, ${now}, ${now})
    ON CONFLICT (committee_id, year) DO UPDATE SET last_seq = relation_letter_counters.last_seq + 1, updated_at = ${now}
    RETURNING last_seq`);
  return Number(res.rows[0].last_seq);
}

export interface ContactDates {
  lastLifeOn: string | null;
  lastDuesOn: string | null;
}

/**
 * Last organizational-life and dues dates per member, for the members matching `memberFilter` (a
 * condition on `m`, the members table), from every source in one GROUP BY: the facts the branch
 * enters by hand (relation_contacts), the meetings the member signed in to (member_life_dates, kept
 * by the life module) and the months of dues paid, back-paid or prepaid (dues_bills). A list over a
 * whole group is one aggregate and a hash join, not a lookup per member.
 */
function contactFactsSql(memberFilter: SQL) {
  return sql`
    SELECT x.member_id, max(x.life_on)::text AS last_life_on, max(x.dues_on)::text AS last_dues_on
    FROM (
      SELECT c.member_id, CASE WHEN c.kind = 'life' THEN c.on END AS life_on, CASE WHEN c.kind = 'dues' THEN c.on END AS dues_on
      FROM relation_contacts c
      UNION ALL
      SELECT l.member_id, l.last_life_on, NULL FROM member_life_dates l
      UNION ALL
      SELECT b.member_id, NULL, b.month FROM dues_bills b WHERE b.status IN ('paid', 'backpaid', 'prepaid')
    ) x JOIN members m ON m.id = x.member_id
    WHERE ${memberFilter}
    GROUP BY x.member_id`;
}

/** Last organizational life and last dues payment per member (null when nothing is known). */
export async function lastContactDates(db: DbOrTx, memberIds: number[]): Promise<Map<number, ContactDates>> {
  const out = new Map<number, ContactDates>(memberIds.map((id) => [id, { lastLifeOn: null, lastDuesOn: null }]));
  if (memberIds.length === 0) return out;
  const res = await db.execute<{ member_id: number; last_life_on: string | null; last_dues_on: string | null }>(
    contactFactsSql(sql`m.id = ANY(${sql.param(memberIds)}::int[])`),
  );
  for (const r of res.rows) out.set(Number(r.member_id), { lastLifeOn: r.last_life_on, lastDuesOn: r.last_dues_on });
  return out;
}

/**
 * Members in `scope` (status normal) whose later of the two dates is on or before `cutoff`
 * (today − 6 months), oldest first, with the dates; and how many members have no facts at all.
 * Facts carry the member's org path (they move with the member), so both sides filter by scope.
 */
export async function lostCandidates(db: DbOrTx, scope: Scope, cutoff: string, page: { limit: number; offset: number }) {
  const memberScope = inScope(sql`m.org_path`, scope);
  const res = await db.execute<{
    member_id: number;
    last_life_on: string | null;
    last_dues_on: string | null;
    total: string;
    with_facts: string;
    members: string;
  }>(sql`
    WITH f AS (${contactFactsSql(memberScope)}),
    d AS (
      SELECT f.* FROM f JOIN members m ON m.id = f.member_id
      WHERE m.status = 'normal' AND ${memberScope}
    ),
    lost AS (SELECT * FROM d WHERE greatest(last_life_on, last_dues_on) <= ${cutoff})
    SELECT lost.*, count(*) OVER () AS total,
      (SELECT count(*) FROM d) AS with_facts,
      (SELECT count(*) FROM members m WHERE m.status = 'normal' AND ${memberScope}) AS members
    FROM lost
    ORDER BY greatest(last_life_on, last_dues_on), member_id LIMIT ${page.limit} OFFSET ${page.offset}`);
  let unknown: number;
  if (res.rows.length) unknown = Number(res.rows[0].members) - Number(res.rows[0].with_facts);
  else {
    const [c] = (
      await db.execute<{ n: string }>(sql`
        SELECT (SELECT count(*) FROM members m WHERE m.status = 'normal' AND ${memberScope})
          - (SELECT count(*) FROM (${contactFactsSql(memberScope)}) f JOIN members m ON m.id = f.member_id
             WHERE m.status = 'normal' AND ${memberScope}) AS n`)
    ).rows;
    unknown = Number(c.n);
  }
  return {
    rows: res.rows.map((r) => ({ memberId: Number(r.member_id), lastLifeOn: r.last_life_on, lastDuesOn: r.last_dues_on })),
    total: Number(res.rows[0]?.total ?? 0),
    unknown,
  };
}

/**
 * Moves ONE member to another org, atomically in the caller's transaction (the single-member
 * counterpart of moveMembersAndTheirRows in orgs/structure.repository.ts): the archive row, pending
 * correction requests, the member's own open relations rows (contacts, mobile registration, lost
 * case) and their `member` role grant follow; current 先锋岗 end on the day (a post belongs to the
 * old team). The org change is kept in the status history with its reason. Returns what moved.
 */
export async function moveMember(
  tx: Tx,
  m: { id: number; orgId: number; userId: number | null },
  from: { id: number; name: string },
  to: { id: number; name: string; path: string },
  opts: { on: string; now: Date; actorId: number; reason: string },
) {
  const moved: Record<string, number> = {};
  const count = (r: { rowCount: number | null }) => r.rowCount ?? 0;
  moved.members = count(await tx.update(members).set({ orgId: to.id, orgPath: to.path, updatedAt: opts.now }).where(eq(members.id, m.id)));
  moved.member_corrections = count(
    await tx
      .update(memberCorrections)
      .set({ orgId: to.id, orgPath: to.path, updatedAt: opts.now })
      .where(and(eq(memberCorrections.memberId, m.id), eq(memberCorrections.status, 'pending'))),
  );
  moved.relation_contacts = count(
    await tx.update(relationContacts).set({ orgId: to.id, orgPath: to.path }).where(eq(relationContacts.memberId, m.id)),
  );
  moved.relation_mobiles = count(
    await tx
      .update(relationMobiles)
      .set({ orgId: to.id, orgPath: to.path })
      .where(and(eq(relationMobiles.memberId, m.id), isNull(relationMobiles.returnedOn))),
  );
  moved.relation_lost_cases = count(
    await tx
      .update(relationLostCases)
      .set({ orgId: to.id, orgPath: to.path })
      .where(and(eq(relationLostCases.memberId, m.id), eq(relationLostCases.status, 'open'))),
  );
  moved.pioneer_posts_ended = count(
    await tx
      .update(pioneerPosts)
      .set({ endedOn: opts.on, updatedAt: opts.now })
      .where(and(eq(pioneerPosts.memberId, m.id), isNull(pioneerPosts.endedOn))),
  );
  if (m.userId) {
    moved.role_grants = count(
      await tx
        .update(roleGrants)
        .set({ orgId: to.id, updatedAt: opts.now })
        .where(and(eq(roleGrants.userId, m.userId), eq(roleGrants.role, 'member'), eq(roleGrants.orgId, from.id))),
    );
    await tx
      .update(users)
      .set({ orgId: to.id, updatedAt: opts.now })
      .where(and(eq(users.id, m.userId), eq(users.orgId, from.id)));
  }
  await tx.insert(memberStatusHistory).values({
    memberId: m.id,
    field: 'org',
    fromValue: from.name,
    toValue: to.name,
    effectiveOn: opts.on,
    reason: opts.reason,
    actorId: opts.actorId,
  });
  return moved;
}

/** The branch secretaries of an org (to-dos of the relations work go to them). */
export async function secretariesOf(db: DbOrTx, orgId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(users, and(eq(users.id, roleGrants.userId), isNull(users.disabledAt)))
    .where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.role, 'branch_secretary')))
    .orderBy(desc(roleGrants.id));
  return [...new Set(rows.map((r) => r.userId))];
}
