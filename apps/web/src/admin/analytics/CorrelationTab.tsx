import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Empty, Flex, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi } from '../../api/analytics';
import { errorText } from '../../lib/error-text';
import { Chart } from './Chart';
import { fmt } from './metrics';

const XS = ['life.meetings', 'learning.passed', 'dues.paid'] as const;
const YS = ['violationsPer100', 'hazardsOnTime'] as const;

/** Party work against safety: each branch a point, Spearman's ρ from 8 branches up, and the caution. */
export function CorrelationTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(dayjs().subtract(5, 'month').format('YYYY-MM'));
  const [to, setTo] = useState(dayjs().format('YYYY-MM'));
  const [x, setX] = useState<(typeof XS)[number]>('life.meetings');
  const [y, setY] = useState<(typeof YS)[number]>('violationsPer100');
  const q = useQuery({
    queryKey: ['analytics', 'correlation', orgId, from, to, x, y],
    queryFn: () => analyticsApi.correlation({ orgId, from, to, x, y }),
  });
  const d = q.data;
  const xName = t(`analytics.corr.xs.${x}` as never) as string;
  const yName = t(`analytics.corr.ys.${y}` as never) as string;
  const option = useMemo(
    () => ({
      tooltip: {
        formatter: (p: { data: [number, number, string] }) => `${p.data[2]}<br/>${xName}: ${p.data[0]}<br/>${yName}: ${p.data[1]}`,
      },
      grid: { left: 56, right: 24, top: 24, bottom: 48 },
      xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: yName },
      series: [{ type: 'scatter', symbolSize: 12, data: (d?.points ?? []).map((p) => [p.x, p.y, p.name]) }],
    }),
    [d, xName, yName],
  );
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <span>{t('analytics.corr.x')}</span>
        <Select
          aria-label={t('analytics.corr.x')}
          style={{ width: 200 }}
          value={x}
          onChange={setX}
          options={XS.map((k) => ({ value: k, label: t(`analytics.corr.xs.${k}` as never) }))}
        />
        <span>{t('analytics.corr.y')}</span>
        <Select
          aria-label={t('analytics.corr.y')}
          style={{ width: 200 }}
          value={y}
          onChange={setY}
          options={YS.map((k) => ({ value: k, label: t(`analytics.corr.ys.${k}` as never) }))}
        />
        <DatePicker
          picker="month"
          aria-label={t('analytics.corr.from')}
          allowClear={false}
          value={dayjs(`${from}-01`)}
          onChange={(v) => v && setFrom(v.format('YYYY-MM'))}
        />
        <DatePicker
          picker="month"
          aria-label={t('analytics.corr.to')}
          allowClear={false}
          value={dayjs(`${to}-01`)}
          onChange={(v) => v && setTo(v.format('YYYY-MM'))}
        />
      </Flex>
      <Alert type="info" showIcon message={t('analytics.corr.caution')} data-testid="analytics-caution" />
      {q.isError && <Empty description={errorText(q.error, t)} />}
      {d && (
        <>
          <Typography.Text strong data-testid="analytics-rho">
            {d.rho == null
              ? t('analytics.corr.tooFew', { units: d.units, min: d.minUnits })
              : t('analytics.corr.rho', { rho: d.rho, units: d.units })}
          </Typography.Text>
          {d.excluded > 0 && <Typography.Text type="secondary">{t('analytics.corr.excluded', { count: d.excluded })}</Typography.Text>}
          {d.points.length > 0 && <Chart option={option} height={360} label={`${xName} / ${yName}`} />}
          <Table
            size="small"
            rowKey="orgId"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={d.points}
            columns={[
              { title: t('analytics.corr.unit'), dataIndex: 'name' },
              { title: xName, dataIndex: 'x', align: 'right', render: fmt },
              { title: yName, dataIndex: 'y', align: 'right', render: fmt },
              { title: t('analytics.corr.members'), dataIndex: 'members', align: 'right', render: fmt },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
