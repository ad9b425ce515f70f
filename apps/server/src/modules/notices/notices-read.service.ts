import type { NoticeListQuerySchema, NoticeRecipientQuerySchema, NoticeStatsQuerySchema } from '@vanguard/shared/api/notices';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { notices, orgs } from '../../db/schema/index.js';
import { NOTICES } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { countsSql, filesOf } from './notices.common.js';

type Notice = typeof notices.$inferSelect;

const counts = sql`(SELECT row_to_json(c) FROM (${countsSql(sql`${notices.id}`)}) c)`;
const listColumns = {
  id: notices.id,
  orgId: notices.orgId,
  orgName: orgs.name,
  title: notices.title,
  docNo: notices.docNo,
  internal: notices.internal,
  requireSign: notices.requireSign,
  signDeadline: notices.signDeadline,
  status: notices.status,
  publishedAt: notices.publishedAt,
  withdrawnAt: notices.withdrawnAt,
  remindedOn: notices.remindedOn,
  counts: sql<{ recipients: number; read: number; signed: number }>`${counts}`,
};

type ListRow = { counts: { recipients: number; read: number; signed: number }; status: string } & Record<string, unknown>;
const flat = <T extends ListRow>({ counts: c, ...r }: T) => ({ ...r, ...c, status: r.status as 'published' | 'withdrawn' });

/** The notices published by the orgs where the actor may publish (newest first). */
export async function listNotices(ctx: ActorCtx, q: z.output<typeof NoticeListQuerySchema>) {
  const where = and(inScope(notices.orgPath, scopeOf(ctx.actor, 'notices:publish')), q.status ? eq(notices.status, q.status) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select(listColumns)
      .from(notices)
      .innerJoin(orgs, eq(orgs.id, notices.orgId))
      .where(where)
      .orderBy(desc(notices.publishedAt), desc(notices.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(notices).where(where),
  ]);
  return { items: rows.map(flat), total };
}

export async function getNotice(ctx: ActorCtx, id: number) {
  const n = await loadFor(ctx, NOTICES, id, 'notices:publish');
  return noticeDto(ctx, n);
}

async function noticeDto(ctx: ActorCtx, n: Notice) {
  const [[row], files] = await Promise.all([
    ctx.db.select(listColumns).from(notices).innerJoin(orgs, eq(orgs.id, notices.orgId)).where(eq(notices.id, n.id)),
    filesOf(ctx.db, n.id),
  ]);
  return { ...flat(row), body: n.body, audience: n.audience, files };
}

/**
 * Read / signed counts per branch: the direct children of `orgId` (default the notice's org) that
 * hold recipients, plus the org itself for recipients placed directly in it. One scan of the
 * recipients under the org, grouped by the next step of their org path.
 */
export async function noticeStats(ctx: ActorCtx, id: number, q: z.output<typeof NoticeStatsQuerySchema>) {
  const n = await loadFor(ctx, NOTICES, id, 'notices:publish');
  const [node] = await ctx.db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(eq(orgs.id, q.orgId ?? n.orgId), sql`${orgs.path} LIKE ${`${n.orgPath}%`}`));
  if (!node) throw notFound('该组织');
  const { rows } = await ctx.db.execute<{ seg: string; recipients: number; read: number; signed: number; deeper: boolean }>(sql`
    SELECT split_part(substr(r.org_path, ${node.path.length + 1}), '/', 1) AS seg,
           count(*)::int AS recipients, count(r.read_at)::int AS read, count(r.signed_at)::int AS signed,
           bool_or(r.org_path ~ ('^' || ${node.path} || '[0-9]+/[0-9]+/')) AS deeper
    FROM notice_recipients r
    WHERE r.notice_id = ${n.id} AND r.org_path LIKE ${`${node.path}%`}
    GROUP BY 1`);
  const ids = rows.map((r) => (r.seg === '' ? node.id : Number(r.seg)));
  const names = ids.length
    ? await ctx.db
        .select({ id: orgs.id, name: orgs.name })
        .from(orgs)
        .where(sql`${orgs.id} = ANY(${sql.param(ids)}::int[])`)
    : [];
  const nameOf = new Map(names.map((o) => [o.id, o.name]));
  const out = rows
    .map((r, i) => ({
      orgId: ids[i],
      orgName: `${nameOf.get(ids[i]) ?? ''}${r.seg === '' ? '（本级）' : ''}`,
      hasChildren: r.seg !== '' && r.deeper,
      recipients: r.recipients,
      read: r.read,
      signed: r.signed,
    }))
    .sort((a, b) => b.recipients - b.read - (a.recipients - a.read) || a.orgName.localeCompare(b.orgName, 'zh'));
  const total = out.reduce((t, r) => ({ recipients: t.recipients + r.recipients, read: t.read + r.read, signed: t.signed + r.signed }), {
    recipients: 0,
    read: 0,
    signed: 0,
  });
  return { orgId: node.id, orgName: node.name, total, rows: out };
}

/** The recipients under an org (default the notice's), by state, unread first: the drill-down to names. */
export async function noticeRecipients(ctx: ActorCtx, id: number, q: z.output<typeof NoticeRecipientQuerySchema>) {
  const n = await loadFor(ctx, NOTICES, id, 'notices:publish');
  let under = n.orgPath;
  if (q.orgId) {
    const [o] = await ctx.db
      .select({ path: orgs.path })
      .from(orgs)
      .where(and(eq(orgs.id, q.orgId), sql`${orgs.path} LIKE ${`${n.orgPath}%`}`));
    if (!o) throw notFound('该组织');
    under = o.path;
  }
  const state = {
    unread: sql`AND r.read_at IS NULL`,
    read: sql`AND r.read_at IS NOT NULL`,
    unsigned: sql`AND r.signed_at IS NULL`,
    signed: sql`AND r.signed_at IS NOT NULL`,
  }[q.state ?? 'unread'];
  const where = sql`r.notice_id = ${n.id} AND r.org_path LIKE ${`${under}%`} ${q.state ? state : sql``}`;
  const [{ rows }, { rows: totals }] = await Promise.all([
    ctx.db.execute<{ userId: number; name: string; orgName: string; readAt: Date | null; signedAt: Date | null }>(sql`
      SELECT r.user_id AS "userId", u.display_name AS name, coalesce(o.name, '') AS "orgName", r.read_at AS "readAt", r.signed_at AS "signedAt"
      FROM notice_recipients r JOIN users u ON u.id = r.user_id LEFT JOIN orgs o ON o.path = r.org_path
      WHERE ${where}
      ORDER BY r.read_at IS NULL DESC, r.org_path, u.display_name, r.user_id
      LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    ctx.db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM notice_recipients r WHERE ${where}`),
  ]);
  const at = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { items: rows.map((r) => ({ ...r, readAt: at(r.readAt), signedAt: at(r.signedAt) })), total: totals[0].total };
}
