import type { ReportListQuerySchema } from '@vanguard/shared/api/reports';
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { orgs, reportChannels, reports } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';

/** Overdue on `today`: not accepted in time, or not concluded in time. */
export const overdueSql = (today: string): SQL =>
  sql`((${reports.status} = 'pending' AND ${reports.acceptBy} < ${today}::date) OR (${reports.status} IN ('accepted', 'investigating') AND ${reports.concludeBy} < ${today}::date))`;

export function rowOf(r: typeof reports.$inferSelect, channelName: string, orgName: string, userId: number, today: string) {
  const overdue =
    (r.status === 'pending' && r.acceptBy < today) ||
    (['accepted', 'investigating'].includes(r.status) && r.concludeBy != null && r.concludeBy < today);
  return {
    id: r.id,
    channelName,
    orgName,
    receivedOn: r.receivedOn,
    status: r.status as 'pending',
    outcome: r.outcome as 'substantiated' | null,
    important: r.important,
    label: r.label,
    acceptBy: r.acceptBy,
    concludeBy: r.concludeBy,
    overdue,
    unread: !r.readBy.includes(userId),
  };
}

/** The handler's own reports: the assignment is in the WHERE (a report not assigned is simply not there). */
export async function listAssigned(ctx: ActorCtx, q: z.output<typeof ReportListQuerySchema>, today: string) {
  const where = and(
    sql`${reports.handlerIds} @> ARRAY[${ctx.actor.userId}]::int[]`,
    q.status ? eq(reports.status, q.status) : undefined,
    q.overdue === 'true' ? overdueSql(today) : undefined,
  ) as SQL;
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select({ r: reports, channelName: reportChannels.name, orgName: orgs.name })
      .from(reports)
      .innerJoin(reportChannels, eq(reportChannels.id, reports.channelId))
      .innerJoin(orgs, eq(orgs.id, reports.orgId))
      .where(where)
      .orderBy(desc(reports.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(reports).where(where),
  ]);
  return { items: rows.map((x) => rowOf(x.r, x.channelName, x.orgName, ctx.actor.userId, today)), total: Number(n) };
}
