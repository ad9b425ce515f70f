import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES, type ProposalCategory, type ProposalStatus } from '@vanguard/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { files, orgs, proposalCoproposers, type proposals, users, workers } from '../../db/schema/index.js';
import { findMyMember } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';

export type ProposalRow = typeof proposals.$inferSelect;

/** Where the signed-in person is: their member or worker record's org, else their account's org. */
export async function myPlace(ctx: ActorCtx, db: DbOrTx = ctx.db): Promise<{ orgId: number; orgPath: string } | null> {
  const m = await findMyMember(ctx, { db });
  if (m) return { orgId: m.orgId, orgPath: m.orgPath };
  const [w] = await db
    .select({ orgId: workers.orgId, orgPath: workers.orgPath })
    .from(workers)
    .where(eq(workers.userId, ctx.actor.userId))
    .limit(1);
  if (w) return w;
  if (ctx.actor.orgId === null) return null;
  const [o] = await db.select({ orgId: orgs.id, orgPath: orgs.path }).from(orgs).where(eq(orgs.id, ctx.actor.orgId));
  return o ?? null;
}

/** Photos must be images this person uploaded (the files module sniffed their type). */
export async function checkPhotos(ctx: ActorCtx, db: DbOrTx, ids: readonly string[], field = 'photoIds'): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: files.id, mime: files.mime, ownerId: files.ownerId })
    .from(files)
    .where(inArray(files.id, [...ids]));
  for (const [i, id] of ids.entries()) {
    const f = rows.find((r) => r.id === id);
    if (!f || f.ownerId !== ctx.actor.userId) throw invalid(`${field}.${i}`, '照片未找到（请重新上传）');
    if (!f.mime.startsWith('image/')) throw invalid(`${field}.${i}`, '照片须为图片（JPG/PNG/WebP）');
  }
}

export async function coproposersOf(db: DbOrTx, proposalId: number) {
  return db
    .select({ userId: proposalCoproposers.userId, name: proposalCoproposers.name })
    .from(proposalCoproposers)
    .where(eq(proposalCoproposers.proposalId, proposalId));
}

export async function userNames(db: DbOrTx, ids: readonly number[]): Promise<Map<number, { name: string; orgId: number | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName, orgId: users.orgId })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { name: r.name, orgId: r.orgId }]));
}

export const itemSql = sql`p.id, p.category, p.title, p.status, p.proposer_name AS "proposerName", p.hide_name AS "hideName",
  o.name AS "orgName", p.support_count AS "supportCount", p.score_cents AS "scoreCents", p.created_at AS "createdAt"`;

export type ItemRow = {
  id: number;
  category: string;
  title: string;
  status: string;
  proposerName: string;
  hideName: boolean;
  orgName: string;
  supportCount: number;
  scoreCents: number | null;
  createdAt: Date | string;
};

export function toItem(r: ItemRow, showName = true) {
  return {
    id: r.id,
    category: r.category as ProposalCategory,
    categoryName: PROPOSAL_CATEGORIES[r.category as ProposalCategory] ?? r.category,
    title: r.title,
    status: r.status as ProposalStatus,
    statusName: PROPOSAL_STATUSES[r.status as ProposalStatus] ?? r.status,
    proposerName: showName || !r.hideName ? r.proposerName : '匿名',
    orgName: r.orgName,
    supportCount: r.supportCount,
    scoreCents: r.scoreCents,
    createdAt: new Date(r.createdAt),
  };
}
