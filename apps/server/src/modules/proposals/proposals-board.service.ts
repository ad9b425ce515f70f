import { boardColumn, boardRoot, chinaDay, PROPOSAL_STATUSES, type ProposalStatus, proposalsRulesetOn } from '@vanguard/shared';
import type { BoardQuerySchema, ProposalCreateSchema } from '@vanguard/shared/api/proposals';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { proposalComments, proposalCoproposers, proposalReviews, proposalSupports, proposals } from '../../db/schema/index.js';
import { PROPOSALS } from '../../platform/access/gates.js';
import { loadOwn } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { addTodos } from '../../platform/todos/todos.js';
import { checkPhotos, itemSql, myPlace, type ProposalRow, toItem, userNames } from './proposals.common.js';
import { detailOf } from './proposals.detail.js';
import { conflicted, onBoard } from './proposals.policy.js';

/** Reviewers from the routing table: the most specific org's row for the category, without conflicted people. */
export async function assignReviewers(ctx: ActorCtx, tx: DbOrTx, p: ProposalRow, coproposerIds: number[]): Promise<number> {
  const rs = proposalsRulesetOn(chinaDay(ctx.now()));
  const { rows } = await tx.execute<{ ids: number[] }>(sql`
    SELECT reviewer_user_ids AS ids FROM proposal_routes
    WHERE category = ${p.category} AND ${p.orgPath} LIKE org_path || '%'
    ORDER BY length(org_path) DESC LIMIT 1`);
  const ids = (rows[0]?.ids ?? []).filter((id) => !conflicted(id, p, coproposerIds)).slice(0, rs.reviewers);
  if (ids.length === 0) return 0;
  const names = await userNames(tx, ids);
  await tx
    .insert(proposalReviews)
    .values(ids.map((id) => ({ proposalId: p.id, reviewerUserId: id, reviewerName: names.get(id)?.name ?? '' })))
    .onConflictDoNothing();
  await addTodos(
    tx,
    ids.map((id) => ({
      userId: id,
      title: `评审合理化建议：${p.title}`,
      body: '按评分细则（创新性、可行性、预期效益）打分',
      link: '/m/proposals/reviews',
      sourceKey: `proposal:${p.id}:review:${id}`,
    })),
    ctx.now(),
  );
  return ids.length;
}

export async function createProposal(ctx: ActorCtx, body: z.output<typeof ProposalCreateSchema>) {
  return ctx.db.transaction(async (tx) => {
    const place = await myPlace(ctx, tx);
    if (!place) throw notFound('您所在的组织（账号未关联组织）');
    await checkPhotos(ctx, tx, body.photoIds);
    const coIds = [...new Set(body.coproposerUserIds)].filter((id) => id !== ctx.actor.userId);
    const names = await userNames(tx, coIds);
    for (const [i, id] of coIds.entries()) if (!names.has(id)) throw invalid(`coproposerUserIds.${i}`, '联名人未找到');
    const [p] = await tx
      .insert(proposals)
      .values({
        orgId: place.orgId,
        orgPath: place.orgPath,
        proposerUserId: ctx.actor.userId,
        proposerName: ctx.actor.displayName,
        hideName: body.hideName,
        category: body.category,
        title: body.title,
        problem: body.problem,
        change: body.change,
        expectedBenefit: body.expectedBenefit,
        expectedBenefitFen: body.expectedBenefitFen,
        place: body.place,
        photoIds: body.photoIds,
        rulesetVersion: proposalsRulesetOn(chinaDay(ctx.now())).version,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    if (coIds.length) {
      await tx.insert(proposalCoproposers).values(coIds.map((id) => ({ proposalId: p.id, userId: id, name: names.get(id)?.name ?? '' })));
    }
    await assignReviewers(ctx, tx, p, coIds);
    await audit(tx, ctx, { action: 'proposal.create', entityType: 'proposal', entityId: p.id, orgId: p.orgId, after: { title: p.title } });
    return detailOf(ctx, tx, p, 'board');
  });
}

/** Similar proposals while typing: trigram similarity on the title through the GIN index, in the same mine. */
export async function similarProposals(ctx: ActorCtx, q: string) {
  const place = await myPlace(ctx);
  if (!place) return { items: [] };
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL pg_trgm.similarity_threshold = 0.2`);
    const { rows } = await tx.execute<{ id: number; title: string; status: string; sim: number }>(sql`
      SELECT id, title, status, similarity(title, ${q}) AS sim FROM proposals
      WHERE title % ${q} AND org_path LIKE ${`${boardRoot(place.orgPath)}%`}
      ORDER BY sim DESC, id DESC LIMIT 5`);
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        statusName: PROPOSAL_STATUSES[r.status as ProposalStatus] ?? r.status,
        similarity: Math.round(Number(r.sim) * 100) / 100,
      })),
    };
  });
}

const COLUMN_STATUSES: Record<string, string[]> = {
  open: ['reviewing', 'committee', 'scored'],
  adopted: ['adopted', 'partial'],
  implemented: ['implemented'],
  closed: ['rejected', 'merged'],
};

/** The public board of the person's mine, by column, newest first. */
export async function board(ctx: ActorCtx, q: z.output<typeof BoardQuerySchema>, mineOnly = false) {
  const place = await myPlace(ctx);
  if (!place) return { items: [], total: 0 };
  const where = sql`p.org_path LIKE ${`${boardRoot(place.orgPath)}%`}
    ${q.column ? sql`AND p.status = ANY(${sql.param(COLUMN_STATUSES[q.column])}::text[])` : sql``}
    ${mineOnly ? sql`AND (p.proposer_user_id = ${ctx.actor.userId} OR EXISTS (SELECT 1 FROM proposal_coproposers c WHERE c.proposal_id = p.id AND c.user_id = ${ctx.actor.userId}))` : sql``}`;
  const [{ rows }, { rows: n }] = await Promise.all([
    ctx.db.execute<Parameters<typeof toItem>[0]>(sql`
      SELECT ${itemSql} FROM proposals p JOIN orgs o ON o.id = p.org_id WHERE ${where}
      ORDER BY p.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM proposals p WHERE ${where}`),
  ]);
  return { items: rows.map((r) => ({ ...toItem(r, mineOnly), column: boardColumn(r.status as ProposalStatus) })), total: n[0]?.n ?? 0 };
}

/** A proposal as the board shows it to a person of the same mine. */
async function boardProposal(ctx: ActorCtx, id: number, db: DbOrTx = ctx.db, lock = false) {
  const place = await myPlace(ctx, db);
  return loadOwn(ctx, PROPOSALS, id, (p) => onBoard(p.orgPath, place?.orgPath ?? null), { db, lock });
}

export async function getBoardProposal(ctx: ActorCtx, id: number) {
  const { row } = await boardProposal(ctx, id);
  return detailOf(ctx, ctx.db, row, 'board');
}

/** One support per person: the primary key decides, so a concurrent second one is refused too. */
export async function supportProposal(ctx: ActorCtx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const { row } = await boardProposal(ctx, id, tx);
    if (row.proposerUserId === ctx.actor.userId) throw conflict('不能支持自己的建议');
    const ins = await tx
      .insert(proposalSupports)
      .values({ proposalId: id, userId: ctx.actor.userId, at: ctx.now() })
      .onConflictDoNothing()
      .returning({ userId: proposalSupports.userId });
    if (ins.length === 0) throw conflict('您已支持过该建议（每人限一次）');
    const [p] = await tx
      .update(proposals)
      .set({ supportCount: sql`${proposals.supportCount} + 1` })
      .where(eq(proposals.id, id))
      .returning();
    await audit(tx, ctx, { action: 'proposal.support', entityType: 'proposal', entityId: id, orgId: row.orgId });
    return detailOf(ctx, tx, p, 'board');
  });
}

export async function commentProposal(ctx: ActorCtx, id: number, body: string) {
  return ctx.db.transaction(async (tx) => {
    const { row } = await boardProposal(ctx, id, tx);
    await tx
      .insert(proposalComments)
      .values({ proposalId: id, userId: ctx.actor.userId, name: ctx.actor.displayName, body, createdAt: ctx.now() });
    return detailOf(ctx, tx, row, 'board');
  });
}

/** People to name as co-proposers, reviewers or owners: accounts in the same mine or in the actor's scope. */
export async function findPeople(ctx: ActorCtx, q: string) {
  const place = await myPlace(ctx);
  const roots = [...new Set([...(place ? [boardRoot(place.orgPath)] : []), ...ctx.actor.grants.map((g) => g.orgPath)])];
  if (roots.length === 0) return { items: [] };
  const { rows } = await ctx.db.execute<{ userId: number; name: string; orgName: string }>(sql`
    SELECT u.id AS "userId", u.display_name AS name, o.name AS "orgName" FROM users u JOIN orgs o ON o.id = u.org_id
    WHERE u.disabled_at IS NULL AND u.display_name LIKE ${`%${q.replace(/[\\%_]/g, '\\$&')}%`}
      AND o.path LIKE ANY(${sql.param(roots.map((r) => `${r}%`))}::text[])
    ORDER BY u.display_name, u.id LIMIT 20`);
  return { items: rows };
}
