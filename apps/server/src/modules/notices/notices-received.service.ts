import type { ReceivedQuerySchema } from '@vanguard/shared/api/notices';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { orgFor } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';

/**
 * The notices that reached people of an org (whoever published them), with that org's own counts — a
 * branch secretary's "12 of 40 unread". Only the counts under the org: the publisher's other orgs stay theirs.
 */
export async function receivedNotices(ctx: ActorCtx, q: z.output<typeof ReceivedQuerySchema>) {
  const org = await orgFor(ctx, q.orgId, 'notices:publish', { field: 'orgId', dissolved: true });
  const under = `${org.path}%`;
  const { rows } = await ctx.db.execute<{
    id: number;
    orgName: string;
    title: string;
    docNo: string | null;
    requireSign: boolean;
    signDeadline: Date | string | null;
    publishedAt: Date | string;
    recipients: number;
    read: number;
    signed: number;
    total: number;
  }>(sql`
    SELECT n.id, o.name AS "orgName", n.title, n.doc_no AS "docNo", n.require_sign AS "requireSign", n.sign_deadline AS "signDeadline",
           n.published_at AS "publishedAt", c.recipients, c.read, c.signed, count(*) OVER ()::int AS total
    FROM notices n JOIN orgs o ON o.id = n.org_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS recipients, count(r.read_at)::int AS read, count(r.signed_at)::int AS signed
      FROM notice_recipients r WHERE r.notice_id = n.id AND r.org_path LIKE ${under}) c
    WHERE n.status = 'published' AND c.recipients > 0
    ORDER BY n.published_at DESC, n.id DESC
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  const at = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    items: rows.map(({ total: _, ...r }) => ({ ...r, signDeadline: at(r.signDeadline), publishedAt: new Date(r.publishedAt) })),
    total: rows[0]?.total ?? 0,
  };
}
