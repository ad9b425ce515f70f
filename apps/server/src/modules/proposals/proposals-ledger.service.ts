import { chinaDay } from '@vanguard/shared';
import type { RewardQuerySchema, StatsQuerySchema } from '@vanguard/shared/api/proposals';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { proposalRewards } from '../../db/schema/index.js';
import { PROPOSAL_REWARDS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import { styleHeader } from '../../platform/xlsx.js';

type RewardQuery = z.output<typeof RewardQuerySchema>;

async function rewardRows(ctx: ActorCtx, q: Omit<RewardQuery, 'page' | 'pageSize'>, page?: { page: number; pageSize: number }) {
  const org = await orgFor(ctx, q.orgId, 'proposals:manage');
  const where = sql`r.org_path LIKE ${`${org.path}%`} AND ${inScope(sql`r.org_path`, scopeOf(ctx.actor, 'proposals:manage'))}
    ${q.paid === true ? sql`AND r.paid_at IS NOT NULL` : q.paid === false ? sql`AND r.paid_at IS NULL` : sql``}`;
  const limit = page ? sql`LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}` : sql`LIMIT 50000`;
  const [{ rows }, { rows: n }] = await Promise.all([
    ctx.db.execute<{
      id: number;
      proposalId: number;
      title: string;
      name: string;
      grade: string;
      amountFen: number;
      paidAt: Date | null;
      voucher: string | null;
    }>(sql`
      SELECT r.id, r.proposal_id AS "proposalId", p.title, r.name, r.grade, r.amount_fen AS "amountFen", r.paid_at AS "paidAt", r.voucher
      FROM proposal_rewards r JOIN proposals p ON p.id = r.proposal_id WHERE ${where} ORDER BY r.id DESC ${limit}`),
    ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM proposal_rewards r WHERE ${where}`),
  ]);
  return { org, items: rows.map((r) => ({ ...r, paidAt: r.paidAt ? new Date(r.paidAt) : null })), total: n[0]?.n ?? 0 };
}

export async function listRewards(ctx: ActorCtx, q: RewardQuery) {
  const { items, total } = await rewardRows(ctx, q, q);
  return { items, total };
}

/** 奖励台账 (Excel). */
export async function rewardsXlsx(ctx: ActorCtx, q: Omit<RewardQuery, 'page' | 'pageSize'>) {
  const { org, items } = await rewardRows(ctx, q);
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('合理化建议奖励台账');
  styleHeader(s.addRow(['建议编号', '建议标题', '获奖人', '等级', '金额（元）', '发放时间', '凭证号']));
  for (const r of items)
    s.addRow([r.proposalId, r.title, r.name, r.grade, r.amountFen / 100, r.paidAt ? r.paidAt.toISOString() : '未发放', r.voucher ?? '']);
  await audit(ctx.db, ctx, {
    action: 'proposal_reward.export',
    entityType: 'proposal_reward',
    orgId: org.id,
    after: { rows: items.length },
  });
  return {
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `合理化建议奖励台账-${org.name}-${chinaDay(ctx.now())}.xlsx`,
    asciiName: `proposal-rewards-${chinaDay(ctx.now())}.xlsx`,
  };
}

/** Pays one ledger row once (the voucher of the payment). */
export async function payReward(ctx: ActorCtx, id: number, voucher: string) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadFor(ctx, PROPOSAL_REWARDS, id, 'proposals:manage', { db: tx, lock: true });
    if (r.paidAt) throw conflict('该奖励已发放');
    const [next] = await tx
      .update(proposalRewards)
      .set({ paidAt: ctx.now(), paidBy: ctx.actor.userId, voucher, updatedAt: ctx.now() })
      .where(eq(proposalRewards.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'proposal_reward.pay',
      entityType: 'proposal_reward',
      entityId: id,
      after: { amountFen: r.amountFen, voucher },
    });
    const [p] = await tx.execute<{ title: string }>(sql`SELECT title FROM proposals WHERE id = ${r.proposalId}`).then((x) => x.rows);
    return {
      id: next.id,
      proposalId: next.proposalId,
      title: p?.title ?? '',
      name: next.name,
      grade: next.grade,
      amountFen: next.amountFen,
      paidAt: next.paidAt,
      voucher: next.voucher,
    };
  });
}

/** Per child org of the org (its subtree), one year: per 100 people, adoption, implemented, verified savings, rewards paid. */
export async function proposalStats(ctx: ActorCtx, q: z.output<typeof StatsQuerySchema>) {
  const org = await orgFor(ctx, q.orgId, 'proposals:manage');
  const from = new Date(`${q.year}-01-01T00:00:00+08:00`);
  const to = new Date(`${q.year + 1}-01-01T00:00:00+08:00`);
  const { rows } = await ctx.db.execute<{
    orgId: number;
    orgName: string;
    headcount: number;
    proposals: number;
    adopted: number;
    implemented: number;
    verifiedFen: string;
    paidFen: string;
  }>(sql`
    WITH units AS (
      SELECT o.id, o.name, o.path, o.sort FROM orgs o WHERE o.parent_id = ${org.id} AND o.dissolved_at IS NULL
      UNION ALL SELECT o.id, o.name, o.path, -1 FROM orgs o WHERE o.id = ${org.id}
        AND NOT EXISTS (SELECT 1 FROM orgs c WHERE c.parent_id = ${org.id} AND c.dissolved_at IS NULL))
    SELECT u.id AS "orgId", u.name AS "orgName",
      (SELECT count(*) FROM members m WHERE m.org_path LIKE u.path || '%' AND m.status = 'normal')::int
        + (SELECT count(*) FROM workers w WHERE w.org_path LIKE u.path || '%')::int AS headcount,
      count(p.id)::int AS proposals,
      count(p.id) FILTER (WHERE p.status IN ('adopted', 'partial', 'implemented'))::int AS adopted,
      count(p.id) FILTER (WHERE p.status = 'implemented')::int AS implemented,
      coalesce(sum(p.verified_benefit_fen), 0)::text AS "verifiedFen",
      coalesce((SELECT sum(r.amount_fen) FROM proposal_rewards r WHERE r.org_path LIKE u.path || '%' AND r.paid_at >= ${from} AND r.paid_at < ${to}), 0)::text AS "paidFen"
    FROM units u LEFT JOIN proposals p ON p.org_path LIKE u.path || '%' AND p.created_at >= ${from} AND p.created_at < ${to}
    GROUP BY u.id, u.name, u.path, u.sort ORDER BY u.sort, u.id`);
  const row = (r: {
    orgId: number;
    orgName: string;
    headcount: number;
    proposals: number;
    adopted: number;
    implemented: number;
    verifiedFen: number;
    rewardsPaidFen: number;
  }) => ({
    ...r,
    per100: r.headcount ? Math.round((r.proposals * 10000) / r.headcount) / 100 : 0,
    adoptionRate: r.proposals ? Math.round((r.adopted * 10000) / r.proposals) / 100 : 0,
  });
  const out = rows.map((r) => row({ ...r, verifiedFen: Number(r.verifiedFen), rewardsPaidFen: Number(r.paidFen) }));
  const sum = (k: 'headcount' | 'proposals' | 'adopted' | 'implemented' | 'verifiedFen' | 'rewardsPaidFen') =>
    out.reduce((a, r) => a + r[k], 0);
  const total = row({
    orgId: org.id,
    orgName: `${org.name}（合计）`,
    headcount: sum('headcount'),
    proposals: sum('proposals'),
    adopted: sum('adopted'),
    implemented: sum('implemented'),
    verifiedFen: sum('verifiedFen'),
    rewardsPaidFen: sum('rewardsPaidFen'),
  });
  return { year: q.year, rows: out, total, org };
}

export async function statsXlsx(ctx: ActorCtx, q: z.output<typeof StatsQuerySchema>) {
  const { rows, total, org } = await proposalStats(ctx, q);
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet(`${q.year}年合理化建议统计`);
  styleHeader(
    s.addRow(['单位', '人数', '建议数', '每百人建议数', '采纳数', '采纳率（%）', '已实施', '核定年效益（元）', '已发奖励（元）']),
  );
  for (const r of [...rows, total])
    s.addRow([
      r.orgName,
      r.headcount,
      r.proposals,
      r.per100,
      r.adopted,
      r.adoptionRate,
      r.implemented,
      r.verifiedFen / 100,
      r.rewardsPaidFen / 100,
    ]);
  await audit(ctx.db, ctx, { action: 'proposal.stats_export', entityType: 'proposal', orgId: org.id, after: { year: q.year } });
  return {
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `合理化建议统计-${org.name}-${q.year}.xlsx`,
    asciiName: `proposal-stats-${q.year}.xlsx`,
  };
}
