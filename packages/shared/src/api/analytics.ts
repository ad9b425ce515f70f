import { z } from 'zod';
import { AGGREGATIONS, PERIODS } from '../analytics-rules.js';
import { pageOf } from './auth.js';
import { dbId, idParam, text, timestamp, ym } from './fields.js';

/** Analytics (issue 23): indicators, monthly values, imports, rollups, dashboards, correlation. */

export const IndicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  category: z.enum(['production', 'safety', 'hr']),
  aggregation: z.enum(AGGREGATIONS),
  source: z.string(),
});
export const IndicatorListSchema = z.object({ items: z.array(IndicatorSchema) });

const value = z.number({ message: '数值须为数字' }).finite('数值须为数字');

export const ValuesWriteSchema = z.object({
  orgId: dbId('请选择组织'),
  month: ym,
  values: z
    .array(z.object({ code: text().pipe(z.string().min(1).max(40)), value }))
    .min(1, '至少填写一项指标')
    .max(200),
  /** A month already holding a value is replaced only when this is true (the old value is kept in the history). */
  replace: z.boolean().default(false),
});
export type ValuesWriteInput = z.input<typeof ValuesWriteSchema>;

export const ValuesQuerySchema = z.object({ orgId: idParam(), month: ym });
export const OrgValueSchema = z.object({ code: z.string(), value: z.number(), source: z.string(), updatedAt: timestamp });
export const OrgValuesSchema = z.object({ orgId: z.number(), month: z.string(), items: z.array(OrgValueSchema) });

export const WriteResultSchema = z.object({ written: z.number().int(), replaced: z.number().int() });

export const HistoryQuerySchema = z.object({
  orgId: idParam(),
  code: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const HistoryRowSchema = z.object({
  id: z.number(),
  orgName: z.string(),
  month: z.string(),
  code: z.string(),
  oldValue: z.number().nullable(),
  newValue: z.number(),
  source: z.string(),
  changedBy: z.string(),
  changedAt: timestamp,
});
export const HistoryPageSchema = pageOf(HistoryRowSchema);

/** One problem of an import row (row number as in the sheet, 2 = first data row). */
export const ImportProblemSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const ImportDuplicateSchema = z.object({
  row: z.number().int(),
  orgName: z.string(),
  month: z.string(),
  code: z.string(),
  name: z.string(),
  oldValue: z.number(),
  newValue: z.number(),
});
export const IndicatorImportSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  status: z.enum(['checked', 'committed']),
  rowCount: z.number().int(),
  errors: z.array(ImportProblemSchema),
  duplicates: z.array(ImportDuplicateSchema),
  createdAt: timestamp,
});
export type IndicatorImportDto = z.input<typeof IndicatorImportSchema>;
export const ImportIdParams = z.object({ id: idParam() });
export const ImportConfirmSchema = z.object({ replace: z.boolean().default(false) });

export const RefreshSchema = z.object({ month: ym });
export const RefreshResultSchema = z.object({ month: z.string(), rows: z.number().int(), ms: z.number() });

export const DashboardQuerySchema = z.object({
  orgId: idParam(),
  period: z.enum(PERIODS).default('month'),
  at: ym,
});
const Values = z.record(z.string(), z.number().nullable());
export const DashboardSchema = z.object({
  org: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  trail: z.array(z.object({ id: z.number(), name: z.string() })),
  range: z.object({ from: z.string(), to: z.string() }),
  total: Values,
  children: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string(), hasChildren: z.boolean(), values: Values })),
  trend: z.array(z.object({ month: z.string(), values: Values })),
  refreshedAt: timestamp.nullable(),
});
export type DashboardDto = z.input<typeof DashboardSchema>;
export const DashboardExportQuerySchema = DashboardQuerySchema.extend({ group: z.string().max(20) });

export const CorrelationQuerySchema = z.object({
  orgId: idParam(),
  from: ym,
  to: ym,
  x: z.enum(['life.meetings', 'learning.passed', 'dues.paid']).default('life.meetings'),
  y: z.enum(['violationsPer100', 'hazardsOnTime']).default('violationsPer100'),
});
export const CorrelationSchema = z.object({
  units: z.number().int(),
  rho: z.number().nullable(),
  minUnits: z.number().int(),
  points: z.array(z.object({ orgId: z.number(), name: z.string(), x: z.number(), y: z.number(), members: z.number() })),
  /** Units left out because they had no safety data or no workers. */
  excluded: z.number().int(),
});
export type CorrelationDto = z.input<typeof CorrelationSchema>;

/** The organization department's home (issue 23 item 10). */
export const OverviewQuerySchema = z.object({ orgId: idParam() });
export const OverviewSchema = z.object({
  behindOnMeetings: z.array(z.object({ orgId: z.number(), name: z.string(), kind: z.string(), held: z.number(), expected: z.number() })),
  arrears: z.array(z.object({ orgId: z.number(), name: z.string(), unpaid: z.number(), bills: z.number() })),
  termsEnding: z.array(z.object({ orgId: z.number(), name: z.string(), termEndsOn: z.string() })),
});
export type OverviewDto = z.input<typeof OverviewSchema>;
