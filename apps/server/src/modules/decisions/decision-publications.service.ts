import type { PageQuery } from '@vanguard/shared';
import { DECISION_KINDS, type DecisionKind } from '@vanguard/shared';
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { decisionMatters, decisionPublications, decisionReads, orgs } from '../../db/schema/index.js';
import { DECISION_PUBLICATIONS } from '../../platform/access/gates.js';
import { loadOwn } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { inAudience } from './decisions.policy.js';

/** Publications reaching the actor: a role of theirs on an org in the publication's subtree (and one of its roles, when named). */
function reaching(ctx: ActorCtx): SQL {
  const grants = ctx.actor.grants;
  if (grants.length === 0) return sql`false`;
  const parts = grants.map(
    (g) =>
      sql`(${g.orgPath} LIKE ${decisionPublications.orgPath} || '%' AND (jsonb_array_length(${decisionPublications.roles}) = 0 OR ${decisionPublications.roles} ? ${g.role}))`,
  );
  return sql`(${sql.join(parts, sql` OR `)})`;
}

const columns = {
  id: decisionPublications.id,
  matterId: decisionPublications.matterId,
  title: decisionMatters.title,
  kind: decisionMatters.kind,
  orgName: orgs.name,
  body: decisionPublications.body,
  publishedAt: decisionPublications.publishedAt,
  readAt: decisionReads.readAt,
};

const toDto = (r: {
  id: number;
  matterId: number;
  title: string;
  kind: string;
  orgName: string;
  body: string;
  publishedAt: Date;
  readAt: Date | null;
}) => ({
  id: r.id,
  matterId: r.matterId,
  title: r.title,
  kindName: DECISION_KINDS[r.kind as DecisionKind] ?? r.kind,
  orgName: r.orgName,
  body: r.body,
  publishedAt: r.publishedAt,
  read: r.readAt !== null,
});

function base(ctx: ActorCtx) {
  return ctx.db
    .select(columns)
    .from(decisionPublications)
    .innerJoin(decisionMatters, eq(decisionMatters.id, decisionPublications.matterId))
    .innerJoin(orgs, eq(orgs.id, decisionMatters.orgId))
    .leftJoin(decisionReads, and(eq(decisionReads.publicationId, decisionPublications.id), eq(decisionReads.userId, ctx.actor.userId)));
}

/** 党务公开 reaching the signed-in person, newest first. */
export async function myPublications(ctx: ActorCtx, q: PageQuery) {
  const where = reaching(ctx);
  const [rows, [{ total }]] = await Promise.all([
    base(ctx)
      .where(where)
      .orderBy(desc(decisionPublications.publishedAt), desc(decisionPublications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(decisionPublications).where(where),
  ]);
  return { items: rows.map(toDto), total };
}

/** Opens one publication: marks it read (once; the read statistics count it). Outside its audience → 404. */
export async function readPublication(ctx: ActorCtx, id: number) {
  const { row } = await loadOwn(ctx, DECISION_PUBLICATIONS, id, (p) => inAudience(p, ctx.actor.grants));
  await ctx.db.transaction(async (tx) => {
    const [first] = await tx
      .insert(decisionReads)
      .values({ publicationId: row.id, userId: ctx.actor.userId, readAt: ctx.now(), createdAt: ctx.now(), updatedAt: ctx.now() })
      .onConflictDoNothing()
      .returning({ id: decisionReads.id });
    if (first) await audit(tx, ctx, { action: 'decision.publication.read', entityType: 'decision_publication', entityId: row.id });
  });
  const [r] = await base(ctx).where(eq(decisionPublications.id, row.id));
  return toDto(r);
}
