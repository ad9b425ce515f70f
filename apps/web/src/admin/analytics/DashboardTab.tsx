import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MetricGroup } from '@vanguard/shared';
import { App, Breadcrumb, Button, Card, Col, DatePicker, Empty, Flex, Radio, Row, Segmented, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type AnalyticsPeriod, analyticsApi, type DashboardDto, type IndicatorDto } from '../../api/analytics';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { hasPermission, useMe } from '../../lib/session';
import { Chart } from './Chart';
import { fmt, GROUPS, groupTitle, listLink, type MetricCol, metricsOf } from './metrics';

const rate = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? `${Math.round((a / b) * 1000) / 10}%` : '—');

/** The dashboard of one org: key numbers, then one card per group (chart or table, Excel), children to drill into. */
export function DashboardTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = (['month', 'quarter', 'year'].find((p) => p === params.get('period')) ?? 'month') as AnalyticsPeriod;
  const at = /^\d{4}-\d{2}$/.test(params.get('at') ?? '') ? (params.get('at') as string) : dayjs().format('YYYY-MM');
  const set = (k: string, v: string | number) =>
    setParams(
      (p) => {
        p.set(k, String(v));
        return p;
      },
      { replace: k !== 'orgId' },
    );
  /** The same page for another org (drilling keeps period and month; a real link, so it opens in a new tab too). */
  const hrefOf = (id: number) => {
    const p = new URLSearchParams(params);
    p.set('orgId', String(id));
    return `?${p.toString()}`;
  };
  const { data: me } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const indicators = useQuery({ queryKey: ['analytics', 'indicators'], queryFn: analyticsApi.indicators, staleTime: 600_000 });
  const dash = useQuery({
    queryKey: ['analytics', 'dashboard', orgId, period, at],
    queryFn: () => analyticsApi.dashboard({ orgId, period, at }),
  });
  const refresh = useMutation({
    mutationFn: () => analyticsApi.refresh(at),
    onSuccess: (r) => {
      message.success(t('analytics.refreshed', r));
      void qc.invalidateQueries({ queryKey: ['analytics', 'dashboard'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const d = dash.data;
  const v = d?.total ?? {};
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <Radio.Group
          value={period}
          onChange={(e) => set('period', e.target.value)}
          optionType="button"
          options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`analytics.period.${p}`) }))}
        />
        <DatePicker
          picker="month"
          aria-label={t('analytics.at')}
          allowClear={false}
          value={dayjs(`${at}-01`)}
          onChange={(x) => x && set('at', x.format('YYYY-MM'))}
        />
        {d && (
          <Typography.Text type="secondary">
            {d.range.from === d.range.to ? d.range.from : `${d.range.from} ~ ${d.range.to}`} ·{' '}
            {d.refreshedAt ? t('analytics.refreshedAt', { time: formatDateTime(d.refreshedAt) }) : t('analytics.notRefreshed')}
          </Typography.Text>
        )}
        {hasPermission(me, 'analytics:write') && (
          <Button onClick={() => refresh.mutate()} loading={refresh.isPending} data-testid="analytics-refresh">
            {t('analytics.refresh')}
          </Button>
        )}
      </Flex>
      {d && (
        <Breadcrumb
          data-testid="analytics-trail"
          items={d.trail.map((o) => ({
            title: o.id === d.org.id ? o.name : <Link to={hrefOf(o.id)}>{o.name}</Link>,
          }))}
        />
      )}
      {dash.isError && <Empty description={errorText(dash.error, t)} />}
      {d && (
        <Row gutter={[16, 16]}>
          {[
            { title: '党员人数', value: fmt(v['members.count']), to: listLink('members.count', d.org.id) },
            { title: t('analytics.rates.dues'), value: rate(v['dues.paid'], v['dues.bills']) },
            { title: '召开会议', value: fmt(v['life.meetings']) },
            { title: t('analytics.rates.pass'), value: rate(v['learning.passed'], v['learning.graded']) },
            { title: '原煤产量（t）', value: fmt(v['ind.coal_output']) },
            { title: '三违（人次）', value: fmt(v['ind.violations']) },
          ].map((s) => (
            <Col key={s.title} xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic title={s.title} value={s.value} />
                {s.to && (
                  <Link to={s.to} data-testid="analytics-to-members">
                    {t('analytics.toMembers')}
                  </Link>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {d &&
        GROUPS.map((g) => (
          <GroupCard
            key={g}
            group={g}
            dash={d}
            indicators={indicators.data?.items ?? []}
            onDrill={(id) => set('orgId', id)}
            hrefOf={hrefOf}
            period={period}
            at={at}
          />
        ))}
    </Flex>
  );
}

function GroupCard(props: {
  group: MetricGroup;
  dash: DashboardDto;
  indicators: IndicatorDto[];
  onDrill: (id: number) => void;
  hrefOf: (id: number) => string;
  period: AnalyticsPeriod;
  at: string;
}) {
  const { group, dash, indicators, onDrill } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const cols = metricsOf(group, indicators);
  const main = cols[0];
  const exporting = useMutation({
    mutationFn: () => analyticsApi.exportXlsx({ orgId: dash.org.id, period: props.period, at: props.at, group }),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? `${group}.xlsx`),
    onError: (e) => message.error(errorText(e, t)),
  });
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 48 },
      xAxis: {
        type: 'category',
        data: dash.children.map((c) => c.name),
        axisLabel: { interval: 0, rotate: dash.children.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value' },
      series: cols.slice(0, 4).map((c) => ({ name: c.title, type: 'bar', data: dash.children.map((x) => x.values[c.code] ?? 0) })),
    }),
    [dash, cols],
  );
  const byName = new Map(dash.children.map((c) => [c.name, c.id]));
  const cell = (c: MetricCol, orgId: number) => (value: number | null | undefined) => {
    const to = listLink(c.code, orgId);
    return to && value != null ? <Link to={to}>{fmt(value)}</Link> : fmt(value);
  };
  const rows = [
    {
      key: dash.org.id,
      id: dash.org.id,
      name: `${dash.org.name}（${t('analytics.total')}）`,
      values: dash.total,
      hasChildren: false,
      self: true,
    },
    ...dash.children.map((c) => ({ key: c.id, ...c, self: false })),
  ];
  if (!main) return null;
  return (
    <Card
      size="small"
      title={groupTitle(group)}
      data-testid={`analytics-group-${group}`}
      extra={
        <Flex gap={8}>
          <Segmented
            size="small"
            value={view}
            onChange={(x) => setView(x as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t('analytics.chart') },
              { value: 'table', label: <span data-testid={`analytics-table-${group}`}>{t('analytics.table')}</span> },
            ]}
          />
          <Button size="small" onClick={() => exporting.mutate()} loading={exporting.isPending}>
            {t('analytics.export')}
          </Button>
        </Flex>
      }
    >
      {view === 'chart' ? (
        dash.children.length === 0 ? (
          <Empty description={t('analytics.noChildren')} />
        ) : (
          <Chart
            option={option}
            label={`${groupTitle(group)}：${cols.map((c) => c.title).join('、')}`}
            onClick={(name) => byName.has(name) && onDrill(byName.get(name) as number)}
          />
        )
      ) : (
        <Table
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={rows}
          columns={[
            {
              title: t('analytics.child'),
              dataIndex: 'name',
              fixed: 'left',
              render: (name: string, r) =>
                r.self ? (
                  name
                ) : (
                  <Link to={props.hrefOf(r.id)} data-testid="analytics-drill">
                    {name}
                  </Link>
                ),
            },
            ...cols.map((c) => ({
              title: `${c.title}（${c.unit}）`,
              key: c.code,
              align: 'right' as const,
              render: (_: unknown, r: (typeof rows)[number]) => cell(c, r.id)(r.values[c.code]),
            })),
          ]}
        />
      )}
    </Card>
  );
}
