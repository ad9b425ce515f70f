import { METRIC_GROUPS, MODULE_METRICS } from '@vanguard/shared';
import type { DashboardExportQuerySchema } from '@vanguard/shared/api/analytics';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { styleHeader } from '../../platform/xlsx.js';
import { dashboard } from './dashboard.service.js';
import { listIndicators } from './indicators.service.js';

/** One chart's table as a workbook: the org and each child, the group's metrics as columns. */
export async function dashboardXlsx(ctx: ActorCtx, q: z.output<typeof DashboardExportQuerySchema>) {
  if (!(q.group in METRIC_GROUPS)) throw invalid('group', '没有这一组图表');
  const { items } = await listIndicators(ctx);
  const columns = [
    ...Object.entries(MODULE_METRICS)
      .filter(([, d]) => d.group === q.group)
      .map(([code, d]) => ({ code, title: `${d.zh}（${d.unit}）` })),
    ...items.filter((i) => i.category === q.group).map((i) => ({ code: `ind.${i.code}`, title: `${i.name}（${i.unit}）` })),
  ];
  const d = await dashboard(ctx, q);
  const wb = new ExcelJS.Workbook();
  const title = METRIC_GROUPS[q.group as keyof typeof METRIC_GROUPS];
  const ws = wb.addWorksheet(title);
  ws.columns = [{ header: '组织', key: 'name', width: 28 }, ...columns.map((c) => ({ header: c.title, key: c.code, width: 16 }))];
  styleHeader(ws.getRow(1));
  ws.addRow({ name: `${d.org.name}（合计）`, ...d.total });
  for (const c of d.children) ws.addRow({ name: c.name, ...c.values });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, fileName: `${d.org.name}-${title}-${d.range.from}至${d.range.to}.xlsx`, asciiName: `dashboard-${q.group}.xlsx` };
}
