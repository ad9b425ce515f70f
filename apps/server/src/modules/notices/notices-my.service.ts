import type { MyNoticeQuerySchema } from '@vanguard/shared/api/notices';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActorCtx } from '../../platform/context.js';
import { invalid, notFound } from '../../platform/errors.js';
import { filesOf, todoKeyPattern } from './notices.common.js';
import { signProblem } from './notices.policy.js';

type MyRow = {
  id: number;
  orgName: string;
  title: string;
  docNo: string | null;
  internal: boolean;
  requireSign: boolean;
  signDeadline: Date | null;
  publishedAt: Date;
  readAt: Date | null;
  signedAt: Date | null;
  body: string;
};

const columns = sql`n.id, o.name AS "orgName", n.title, n.doc_no AS "docNo", n.internal, n.require_sign AS "requireSign",
  n.sign_deadline AS "signDeadline", n.published_at AS "publishedAt", r.read_at AS "readAt", r.signed_at AS "signedAt"`;
const from = (userId: number) => sql`notice_recipients r JOIN notices n ON n.id = r.notice_id AND n.status = 'published'
  JOIN orgs o ON o.id = n.org_id WHERE r.user_id = ${userId}`;

const at = (v: Date | string | null) => (v === null ? null : new Date(v));
const dto = ({ body: _, ...r }: MyRow) => ({
  ...r,
  signDeadline: at(r.signDeadline),
  publishedAt: new Date(r.publishedAt),
  readAt: at(r.readAt),
  signedAt: at(r.signedAt),
});

/** My notices: unread first, then to sign, newest first. */
export async function myNotices(ctx: ActorCtx, q: z.output<typeof MyNoticeQuerySchema>) {
  const me = ctx.actor.userId;
  const [{ rows }, { rows: t }] = await Promise.all([
    ctx.db.execute<MyRow>(sql`SELECT ${columns}, '' AS body FROM ${from(me)}
      ORDER BY r.read_at IS NULL DESC, (n.require_sign AND r.signed_at IS NULL) DESC, n.published_at DESC, n.id DESC
      LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    ctx.db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM ${from(me)}`),
  ]);
  return { items: rows.map(dto), total: t[0].total };
}

/** The phone's badge: unread, and required 签收 not yet given. */
export async function myNoticeCount(ctx: ActorCtx) {
  const { rows } = await ctx.db.execute<{ unread: number; toSign: number }>(sql`
    SELECT count(*) FILTER (WHERE r.read_at IS NULL)::int AS unread,
           count(*) FILTER (WHERE n.require_sign AND r.signed_at IS NULL)::int AS "toSign"
    FROM ${from(ctx.actor.userId)}`);
  return rows[0];
}

async function mine(ctx: ActorCtx, id: number, lock = false) {
  const { rows } = await ctx.db.execute<MyRow>(sql`SELECT ${columns}, n.body FROM ${from(ctx.actor.userId)} AND n.id = ${id}
    ${lock ? sql`FOR UPDATE OF r` : sql``}`);
  if (!rows[0]) throw notFound('该通知');
  return rows[0];
}

export async function myNotice(ctx: ActorCtx, id: number) {
  const row = await mine(ctx, id);
  return { ...dto(row), body: row.body, files: await filesOf(ctx.db, id) };
}

/** Opening a notice marks it read (the first time only) and closes its in-app messages. */
export async function readNotice(ctx: ActorCtx, id: number) {
  return mark(ctx, id, false);
}

/** 签收: also marks read; a second one keeps the first time (idempotent). */
export async function signNotice(ctx: ActorCtx, id: number) {
  return mark(ctx, id, true);
}

async function mark(ctx: ActorCtx, id: number, sign: boolean) {
  const now = ctx.now();
  const row = await mine(ctx, id);
  if (sign) {
    const p = signProblem(row);
    if (p) throw invalid('id', p);
  }
  if (row.readAt && (!sign || row.signedAt)) return dto(row);
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE notice_recipients SET read_at = coalesce(read_at, ${now})
      ${sign ? sql`, signed_at = coalesce(signed_at, ${now})` : sql``}
      WHERE notice_id = ${id} AND user_id = ${ctx.actor.userId}`);
    await tx.execute(sql`UPDATE todos SET done_at = ${now}, updated_at = ${now}
      WHERE user_id = ${ctx.actor.userId} AND source_key LIKE ${todoKeyPattern(id)} AND done_at IS NULL`);
  });
  return dto(await mine(ctx, id));
}
