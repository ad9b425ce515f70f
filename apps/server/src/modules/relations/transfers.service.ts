import type { TransferDto, TransferListQuery } from '@vanguard/shared/api/relations';
import { and, count, desc, eq, ilike, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { orgs, relationTransfers } from '../../db/schema/index.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { groupPrefix } from './relations.repository.js';
import { onASide, select, toDto, toOrg } from './transfers.common.js';

/** One transfer, for either side (404 when the actor is on neither). */
export async function getTransfer(ctx: ActorCtx, id: number): Promise<TransferDto> {
  const [r] = await select(ctx.db).where(and(eq(relationTransfers.id, id), onASide(ctx)));
  if (!r) throw notFound('该转接');
  return toDto(ctx, r);
}

/** Outgoing transfers (sent from orgs in scope) or incoming ones (to orgs the actor may receive into). */
export async function listTransfers(ctx: ActorCtx, q: TransferListQuery) {
  const where = and(
    q.box === 'out'
      ? inScope(relationTransfers.orgPath, scopeOf(ctx.actor, 'members:read'))
      : and(inScope(toOrg.path, scopeOf(ctx.actor, 'members:write')), ne(relationTransfers.status, 'requested')),
    q.status ? eq(relationTransfers.status, q.status) : undefined,
  ) as SQL;
  const [rows, [{ total }]] = await Promise.all([
    select(ctx.db)
      .where(where)
      .orderBy(desc(relationTransfers.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(relationTransfers).leftJoin(toOrg, eq(toOrg.id, relationTransfers.toOrgId)).where(where),
  ]);
  return { items: rows.map((r) => toDto(ctx, r)), total };
}

/** Orgs of the actor's groups that can receive a member (names only: choosing one reveals no member data). */
export async function listDestinations(ctx: ActorCtx, q: string | undefined) {
  const scope = scopeOf(ctx.actor, 'members:write');
  const groups = [...new Set(scope.paths.map(groupPrefix))];
  if (groups.length === 0) return [];
  const parent = alias(orgs, 'parent');
  return ctx.db
    .select({ id: orgs.id, name: orgs.name, parentName: parent.name })
    .from(orgs)
    .leftJoin(parent, eq(parent.id, orgs.parentId))
    .where(
      and(
        or(...groups.map((g) => sql`${orgs.path} LIKE ${`${g}%`}`)),
        isNull(orgs.dissolvedAt),
        ne(orgs.kind, 'group'),
        q ? ilike(orgs.name, `%${q}%`) : undefined,
      ),
    )
    .orderBy(orgs.path)
    .limit(50);
}
