import { chinaDay, orgRulesetOn } from '@vanguard/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { leadershipMembers, leadershipTerms, members, orgs, units } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';
import { checkFormation, type OrgFacts, type UnitFacts } from './formation.rules.js';

/**
 * Checks the formation rules over the subtree of an org: four set-based queries (orgs, member
 * counts per org, full members per unit, people in each current term), the subtree totals summed
 * in memory, then the pure rules. Reading the org is enough: a scope reaches a whole subtree.
 */
export async function checkOrgRules(ctx: ActorCtx, id: number) {
  const root = await orgFor(ctx, id, 'orgs:read');
  const rs = orgRulesetOn(chinaDay(ctx.now()));
  const under = `${root.path}%`;

  const [orgRows, counts, unitRows, teams] = await Promise.all([
    ctx.db
      .select({ id: orgs.id, name: orgs.name, kind: orgs.kind, parentId: orgs.parentId, path: orgs.path })
      .from(orgs)
      .where(and(sql`${orgs.path} LIKE ${under}`, isNull(orgs.dissolvedAt)))
      .orderBy(orgs.path),
    ctx.db
      .select({
        orgId: members.orgId,
        members: sql<number>`count(*)::int`,
        full: sql<number>`count(*) FILTER (WHERE ${members.category} = 'full')::int`,
      })
      .from(members)
      .where(and(sql`${members.orgPath} LIKE ${under}`, eq(members.status, 'normal')))
      .groupBy(members.orgId),
    ctx.db
      .select({
        id: units.id,
        name: units.name,
        orgId: units.orgId,
        full: sql<number>`count(${members.id}) FILTER (WHERE ${members.category} = 'full')::int`,
      })
      .from(units)
      .leftJoin(members, and(eq(members.unitId, units.id), eq(members.status, 'normal')))
      .where(sql`${units.orgPath} LIKE ${under}`)
      .groupBy(units.id)
      .orderBy(units.id),
    ctx.db
      .select({ orgId: leadershipTerms.orgId, leaders: sql<number>`count(DISTINCT ${leadershipMembers.memberId})::int` })
      .from(leadershipTerms)
      .leftJoin(leadershipMembers, and(eq(leadershipMembers.termId, leadershipTerms.id), isNull(leadershipMembers.endedOn)))
      .where(and(sql`${leadershipTerms.orgPath} LIKE ${under}`, isNull(leadershipTerms.endedOn)))
      .groupBy(leadershipTerms.orgId),
  ]);

  const facts = new Map<number, OrgFacts & { parentId: number | null }>();
  for (const o of orgRows) {
    facts.set(o.id, { id: o.id, name: o.name, kind: o.kind, parentId: o.parentId, members: 0, fullMembers: 0, units: 0, leaders: null });
  }
  for (const c of counts) {
    const f = facts.get(c.orgId);
    if (f) Object.assign(f, { members: c.members, fullMembers: c.full });
  }
  // Subtree totals: deepest first (a descendant's path is longer), each org adds its totals to its parent.
  for (const o of [...orgRows].sort((x, y) => y.path.length - x.path.length)) {
    const f = facts.get(o.id);
    const parent = o.parentId === null ? undefined : facts.get(o.parentId);
    if (f && parent) {
      parent.members += f.members;
      parent.fullMembers += f.fullMembers;
    }
  }
  for (const u of unitRows) {
    const f = facts.get(u.orgId);
    if (f) f.units += 1;
  }
  for (const t of teams) {
    const f = facts.get(t.orgId);
    if (f) f.leaders = t.leaders;
  }

  const unitFacts: UnitFacts[] = unitRows.flatMap((u) => {
    const org = facts.get(u.orgId);
    return org
      ? [{ id: u.id, name: u.name, fullMembers: u.full, org: { id: org.id, name: org.name, kind: org.kind, units: org.units } }]
      : [];
  });
  const orgFacts = [...facts.values()].map(({ parentId: _p, ...f }) => f);
  return {
    orgId: root.id,
    orgName: root.name,
    ruleset: { version: rs.version, source: rs.source },
    checkedOrgs: orgFacts.length,
    warnings: checkFormation(orgFacts, unitFacts, rs),
  };
}
