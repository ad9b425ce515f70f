/**
 * Analytics (issue 23): the numbers of the dashboards, how each adds up over the org tree and over a
 * period, and the rank correlation of the party-work-against-safety view. Pure; used by server and web.
 */

/** How an indicator adds up over units (subtree) and over months (period). */
export const AGGREGATIONS = ['sum', 'avg', 'last', 'max'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const METRIC_GROUPS = {
  members: '党员结构',
  recruitment: '发展党员',
  dues: '党费收缴',
  life: '组织生活',
  learning: '学习教育',
  production: '生产经营',
  safety: '安全生产',
  hr: '人力资源',
} as const;
export type MetricGroup = keyof typeof METRIC_GROUPS;

export interface MetricDef {
  zh: string;
  unit: string;
  group: MetricGroup;
  agg: Aggregation;
}

/**
 * The numbers modules publish (through `MetricSource`, docs/ARCHITECTURE.md §Analytics). Stocks
 * (how many members there are) are `last` over months; flows (meetings held) are `sum`.
 */
export const MODULE_METRICS = {
  'members.count': { zh: '党员人数', unit: '人', group: 'members', agg: 'last' },
  'members.probationary': { zh: '预备党员', unit: '人', group: 'members', agg: 'last' },
  'members.female': { zh: '女党员', unit: '人', group: 'members', agg: 'last' },
  'members.under35': { zh: '35岁及以下党员', unit: '人', group: 'members', agg: 'last' },
  'recruitment.applicants': { zh: '入党申请人', unit: '人', group: 'recruitment', agg: 'last' },
  'recruitment.activists': { zh: '入党积极分子', unit: '人', group: 'recruitment', agg: 'last' },
  'recruitment.targets': { zh: '发展对象', unit: '人', group: 'recruitment', agg: 'last' },
  'recruitment.probationary': { zh: '预备党员（发展中）', unit: '人', group: 'recruitment', agg: 'last' },
  'dues.bills': { zh: '应缴人次', unit: '人次', group: 'dues', agg: 'sum' },
  'dues.paid': { zh: '已缴人次', unit: '人次', group: 'dues', agg: 'sum' },
  'life.meetings': { zh: '召开会议', unit: '次', group: 'life', agg: 'sum' },
  'life.branch_meetings': { zh: '支部党员大会/支委会/党小组会/党课', unit: '次', group: 'life', agg: 'sum' },
  'learning.graded': { zh: '完成考试', unit: '人次', group: 'learning', agg: 'sum' },
  'learning.passed': { zh: '考试通过', unit: '人次', group: 'learning', agg: 'sum' },
} as const satisfies Record<string, MetricDef>;
export type ModuleMetric = keyof typeof MODULE_METRICS;

/** Indicator codes become metrics as `ind.<code>`. */
export const indicatorMetric = (code: string) => `ind.${code}`;

/** A month `YYYY-MM` → its first day. */
export const monthStart = (ym: string) => `${ym}-01`;

export const PERIODS = ['month', 'quarter', 'year'] as const;
export type AnalyticsPeriod = (typeof PERIODS)[number];

/** The months (`YYYY-MM`, first and last) of the month, quarter or year containing `at`. */
export function periodRange(period: AnalyticsPeriod, at: string): { from: string; to: string } {
  const [y, m] = at.split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (period === 'month') return { from: at, to: at };
  if (period === 'year') return { from: `${y}-01`, to: `${y}-12` };
  const q0 = Math.floor((m - 1) / 3) * 3 + 1;
  return { from: `${y}-${pad(q0)}`, to: `${y}-${pad(q0 + 2)}` };
}

/** One unit's numbers for a month, as kept in the rollups: sum, number of units, max over the subtree. */
export interface MonthCell {
  month: string;
  sum: number;
  n: number;
  max: number;
}

/**
 * A subtree's value over a period from its monthly rollups: `sum` adds months; `last` takes the latest
 * month with data (a headcount at period end); `avg` is the mean over unit-months; `max` the largest.
 */
export function combine(agg: Aggregation, cells: readonly MonthCell[]): number | null {
  if (cells.length === 0) return null;
  switch (agg) {
    case 'sum':
      return cells.reduce((a, c) => a + c.sum, 0);
    case 'last':
      return [...cells].sort((a, b) => a.month.localeCompare(b.month))[cells.length - 1].sum;
    case 'avg': {
      const n = cells.reduce((a, c) => a + c.n, 0);
      return n === 0 ? null : cells.reduce((a, c) => a + c.sum, 0) / n;
    }
    case 'max':
      return Math.max(...cells.map((c) => c.max));
  }
}

/** Fewest units for which a rank correlation is shown (issue 23 item 4: small groups are noisy). */
export const MIN_CORRELATION_UNITS = 8;

/** Average ranks (1-based), ties sharing the mean of their positions. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const out = new Array<number>(xs.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && order[e + 1].x === order[s].x) e++;
    const r = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) out[order[k].i] = r;
    s = e + 1;
  }
  return out;
}

/**
 * Spearman's rank correlation (Pearson's r over average ranks, correct with ties), or null with fewer
 * than MIN_CORRELATION_UNITS pairs or when one side does not vary.
 */
export function spearman(pairs: readonly { x: number; y: number }[]): number | null {
  if (pairs.length < MIN_CORRELATION_UNITS) return null;
  const rx = ranks(pairs.map((p) => p.x));
  const ry = ranks(pairs.map((p) => p.y));
  const n = pairs.length;
  const mx = rx.reduce((a, b) => a + b, 0) / n;
  const my = ry.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.round((sxy / Math.sqrt(sxx * syy)) * 1000) / 1000;
}

/** Checks a value against its indicator: a number, not negative (no output, hazard or headcount is below zero). */
export function valueProblem(value: number): string | null {
  if (!Number.isFinite(value)) return '数值须为数字';
  if (value < 0) return '数值不能为负数';
  if (Math.abs(value) >= 1e14) return '数值过大';
  return null;
}

/** A month `YYYY-MM` after the current China month cannot have data yet. */
export const isFutureMonth = (ym: string, todayYm: string) => ym > todayYm;
