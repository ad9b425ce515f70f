import { METRIC_GROUPS, type MetricGroup, MODULE_METRICS } from '@vanguard/shared';
import type { IndicatorDto } from '../../api/analytics';

export interface MetricCol {
  code: string;
  title: string;
  unit: string;
}

/** The metrics of one chart group: the modules' (MODULE_METRICS) and the indicators of that category. */
export function metricsOf(group: MetricGroup, indicators: readonly IndicatorDto[]): MetricCol[] {
  return [
    ...Object.entries(MODULE_METRICS)
      .filter(([, d]) => d.group === group)
      .map(([code, d]) => ({ code, title: d.zh, unit: d.unit })),
    ...indicators.filter((i) => i.category === group).map((i) => ({ code: `ind.${i.code}`, title: i.name, unit: i.unit })),
  ];
}

export const GROUPS = Object.keys(METRIC_GROUPS) as MetricGroup[];
export const groupTitle = (g: MetricGroup) => METRIC_GROUPS[g];

/** Where a number leads: the member list behind a member count (filters of the members page). */
export function listLink(code: string, orgId: number): string | null {
  if (code === 'members.count') return `/admin/members?orgId=${orgId}`;
  if (code === 'members.probationary') return `/admin/members?orgId=${orgId}&category=probationary`;
  return null;
}

export const fmt = (v: number | null | undefined) =>
  v == null ? '—' : Number.isInteger(v) ? v.toLocaleString('zh-CN') : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
