import { PassThrough } from 'node:stream';
import { chinaDay, REPORT_STATUSES, suppressSmall } from '@vanguard/shared';
import type { RewardLedgerQuerySchema } from '@vanguard/shared/api/reports';
import { and, asc, eq, gte, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { orgs, reportChannels, reports } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { styleHeader } from '../../platform/xlsx.js';
import { overdueSql } from './reports-handle.queries.js';
import { assertHandler } from './reports-keys.service.js';

const mine = (ctx: ActorCtx) => sql`${reports.handlerIds} @> ARRAY[${ctx.actor.userId}]::int[]`;

/**
 * 举报奖励台账 (issue 18 item 8): amounts and dates of the rewards on the handler's reports, no identities,
 * no content — the report number, channel, mine, outcome, amount, set and paid days.
 */
export async function rewardLedger(ctx: ActorCtx, q: z.output<typeof RewardLedgerQuerySchema>) {
  assertHandler(ctx);
  const rows = await ctx.db
    .select({ r: reports, channel: reportChannels.name, org: orgs.name })
    .from(reports)
    .innerJoin(reportChannels, eq(reportChannels.id, reports.channelId))
    .innerJoin(orgs, eq(orgs.id, reports.orgId))
    .where(
      and(
        mine(ctx),
        isNotNull(reports.rewardFen),
        q.from ? gte(reports.rewardSetOn, q.from) : undefined,
        q.to ? lte(reports.rewardSetOn, q.to) : undefined,
      ) as SQL,
    )
    .orderBy(asc(reports.rewardSetOn), asc(reports.id));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: true });
  const ws = wb.addWorksheet('举报奖励台账');
  ws.columns = [
    { header: '举报编号', key: 'id', width: 10 },
    { header: '渠道', key: 'channel', width: 18 },
    { header: '单位', key: 'org', width: 22 },
    { header: '办理结果', key: 'outcome', width: 12 },
    { header: '奖励金额（元）', key: 'amount', width: 14 },
    { header: '核定日期', key: 'set', width: 12 },
    { header: '领取日期', key: 'paid', width: 12 },
  ];
  styleHeader(ws.getRow(1));
  const out: Buffer[] = [];
  (wb as unknown as { stream: PassThrough }).stream.on('data', (c: Buffer) => out.push(c));
  for (const { r, channel, org } of rows) {
    ws.addRow({
      id: r.id,
      channel,
      org,
      outcome: r.outcome === 'partly' ? '部分属实' : '属实',
      amount: (r.rewardFen ?? 0) / 100,
      set: r.rewardSetOn,
      paid: r.rewardPaidOn ?? '未领取',
    }).commit();
  }
  await wb.commit();
  await audit(ctx.db, ctx, { action: 'reports.ledger_export', entityType: 'report', after: { rows: rows.length } });
  return { bytes: Buffer.concat(out), name: `举报奖励台账-${chinaDay(ctx.now())}.xlsx` };
}

/**
 * Counts without leaks (item 9): over the reports assigned to the handler, by channel, status, month and
 * mine, and overdue; a cell under 3 is "<3". Only handlers get an answer; anyone else 404.
 */
export async function reportStats(ctx: ActorCtx) {
  assertHandler(ctx);
  const today = chinaDay(ctx.now());
  const group = async (col: SQL) =>
    (
      await ctx.db.execute<{ k: string; n: string }>(
        sql`SELECT ${col} AS k, count(*)::int AS n FROM reports JOIN report_channels c ON c.id = reports.channel_id JOIN orgs o ON o.id = reports.org_id WHERE ${mine(ctx)} GROUP BY 1 ORDER BY 1`,
      )
    ).rows;
  const [byChannel, byStatus, byMonth, byOrg, [over]] = await Promise.all([
    group(sql`c.name`),
    group(sql`reports.status`),
    group(sql`to_char(reports.received_on, 'YYYY-MM')`),
    group(sql`o.name`),
    ctx.db
      .execute<{ n: string }>(sql`SELECT count(*)::int AS n FROM reports WHERE ${mine(ctx)} AND ${overdueSql(today)}`)
      .then((r) => r.rows),
  ]);
  return {
    byChannel: byChannel.map((x) => ({ name: x.k, count: suppressSmall(Number(x.n)) })),
    byStatus: REPORT_STATUSES.map((s) => ({ status: s, count: suppressSmall(Number(byStatus.find((x) => x.k === s)?.n ?? 0)) })),
    byMonth: byMonth.map((x) => ({ month: x.k, count: suppressSmall(Number(x.n)) })),
    byOrg: byOrg.map((x) => ({ name: x.k, count: suppressSmall(Number(x.n)) })),
    overdue: suppressSmall(Number(over?.n ?? 0)),
  };
}
