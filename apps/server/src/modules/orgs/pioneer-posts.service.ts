import { chinaDay, maskAs } from '@vanguard/shared';
import {
  PIONEER_KINDS,
  type PioneerPostCreateInput,
  type PioneerPostDto,
  type PioneerPostListQuery,
  type PioneerPostUpdateInput,
} from '@vanguard/shared/api/orgs';
import { and, asc, count, eq, getTableColumns, isNull, type SQL, sql } from 'drizzle-orm';
import { members, orgs, pioneerPosts } from '../../db/schema/index.js';
import { assertCan, covers, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { findOrg } from './orgs.repository.js';
import { writableOrg } from './structure.service.js';

const columns = { ...getTableColumns(pioneerPosts), orgName: orgs.name, memberName: members.name };

async function rows(ctx: ActorCtx, where: SQL, page?: { limit: number; offset: number }) {
  const q = ctx.db
    .select(columns)
    .from(pioneerPosts)
    .innerJoin(orgs, eq(orgs.id, pioneerPosts.orgId))
    .innerJoin(members, eq(members.id, pioneerPosts.memberId))
    .where(where)
    .orderBy(asc(pioneerPosts.orgPath), asc(pioneerPosts.startedOn), asc(pioneerPosts.id));
  return page ? q.limit(page.limit).offset(page.offset) : q;
}

function toDto(ctx: ActorCtx, r: Awaited<ReturnType<typeof rows>>[number]): PioneerPostDto {
  // Who holds a post is membership data: shown to those who may read the org's members.
  const showName = covers(scopeOf(ctx.actor, 'members:read'), r.orgPath);
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    memberId: r.memberId,
    memberName: showName ? r.memberName : (maskAs('name', r.memberName) ?? ''),
    kind: r.kind,
    kindName: PIONEER_KINDS[r.kind as keyof typeof PIONEER_KINDS] ?? r.kind,
    name: r.name,
    location: r.location,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
  };
}

async function getPioneerPost(ctx: ActorCtx, id: number): Promise<PioneerPostDto> {
  const [row] = await rows(ctx, eq(pioneerPosts.id, id));
  return toDto(ctx, row);
}

/** 先锋岗 and 责任区 in the subtree of an org, current ones unless asked otherwise, with member names. */
export async function listPioneerPosts(ctx: ActorCtx, orgId: number, q: PioneerPostListQuery) {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound('该组织');
  assertCan(ctx.actor, 'orgs:read', org.path, '该组织');
  const where = and(
    inScope(pioneerPosts.orgPath, scopeOf(ctx.actor, 'orgs:read')),
    sql`${pioneerPosts.orgPath} LIKE ${`${org.path}%`}`,
    q.includeEnded ? undefined : isNull(pioneerPosts.endedOn),
    q.kind ? eq(pioneerPosts.kind, q.kind) : undefined,
  ) as SQL;
  const [items, [{ total }]] = await Promise.all([
    rows(ctx, where, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    ctx.db.select({ total: count() }).from(pioneerPosts).where(where),
  ]);
  return { items: items.map((r) => toDto(ctx, r)), total };
}

/** Assigns a 先锋岗 or 责任区 to a member of the org (its subtree included). */
export async function createPioneerPost(ctx: ActorCtx, orgId: number, input: PioneerPostCreateInput): Promise<PioneerPostDto> {
  const id = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const org = await writableOrg(tx, ctx, orgId, '该组织');
    const [m] = await tx.select().from(members).where(eq(members.id, input.memberId));
    if (!m?.orgPath.startsWith(org.path)) throw invalid('memberId', `该党员不在${org.name}`);
    if (m.status !== 'normal') throw invalid('memberId', `${m.name}党籍状态不正常，不能设岗`);
    if (input.startedOn > chinaDay(ctx.now())) throw invalid('startedOn', '开始日期不能晚于今天');
    const [row] = await tx
      .insert(pioneerPosts)
      .values({ ...input, location: input.location ?? null, orgId: org.id, orgPath: org.path })
      .returning();
    await audit(tx, ctx, { action: 'pioneer_post.create', entityType: 'pioneer_post', entityId: row.id, orgId: org.id, after: row });
    return row.id;
  });
  return getPioneerPost(ctx, id);
}

/** Ends a 先锋岗 (endedOn) or corrects its name or location. */
export async function updatePioneerPost(
  ctx: ActorCtx,
  orgId: number,
  postId: number,
  input: PioneerPostUpdateInput,
): Promise<PioneerPostDto> {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(pioneerPosts).where(eq(pioneerPosts.id, postId)).for('update');
    // The post is addressed through its org: a post of another org is not found here.
    const [org] = before ? await tx.select().from(orgs).where(eq(orgs.id, orgId)) : [];
    if (!before || !org || !before.orgPath.startsWith(org.path)) throw notFound('该先锋岗');
    assertCan(ctx.actor, 'orgs:write', before.orgPath, '该先锋岗');
    if (input.endedOn !== undefined) {
      if (before.endedOn)
        throw conflict(`该${PIONEER_KINDS[before.kind as keyof typeof PIONEER_KINDS] ?? '岗位'}已于 ${before.endedOn} 结束`);
      if (input.endedOn < before.startedOn) throw invalid('endedOn', `结束日期不能早于开始日期 ${before.startedOn}`);
      if (input.endedOn > chinaDay(ctx.now())) throw invalid('endedOn', '结束日期不能晚于今天');
    }
    const [after] = await tx
      .update(pioneerPosts)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(pioneerPosts.id, postId))
      .returning();
    await audit(tx, ctx, {
      action: 'pioneer_post.update',
      entityType: 'pioneer_post',
      entityId: postId,
      orgId: before.orgId,
      before,
      after,
    });
  });
  return getPioneerPost(ctx, postId);
}
