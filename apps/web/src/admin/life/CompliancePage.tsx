import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ComplianceCellDto, ComplianceDto } from '@vanguard/shared/api/life';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Progress, Statistic, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { lifeApi } from '../../api/life';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { useOrgTree } from '../orgs/org-tree';
import { CELL_COLOR, thisYear, tx } from './life-text';

const short = (period: string) => (period.includes('Q') ? period.slice(5) : period.length === 4 ? period : `${Number(period.slice(5))}月`);

/**
 * 组织生活落实情况: for an org's subtree and a year — a summary per meeting type by month and
 * quarter, the rate of each sub-org (click to drill down), and each org's cells.
 */
export function CompliancePage() {
  const { t } = useTranslation();
  const tree = useOrgTree();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const [year, setYear] = useState(thisYear());
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const setOrg = (id?: number) => {
    setPage(1);
    setParams(id ? { orgId: String(id) } : {});
  };
  useEffect(() => {
    if (!orgId && tree.data?.[0]) setParams({ orgId: String(tree.data[0].id) }, { replace: true });
  }, [orgId, tree.data, setParams]);
  const q = useQuery({
    queryKey: ['life', 'compliance', orgId, year, onlyProblems, page, pageSize],
    queryFn: () => lifeApi.compliance({ orgId: orgId ?? 0, year, onlyProblems, page, pageSize }),
    enabled: Boolean(orgId),
  });
  const { message } = App.useApp();
  const exporting = useMutation({
    mutationFn: () => lifeApi.complianceXlsx({ orgId: orgId ?? 0, year, onlyProblems }),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'compliance.xlsx'),
    onError: (e) => message.error(errorText(e, t)),
  });
  const c = q.data;
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <div style={{ width: 300 }}>
          <OrgTreeSelect value={orgId} onChange={setOrg} testId="life-compliance-org" />
        </div>
        <InputNumber
          value={year}
          onChange={(v) => v && setYear(v)}
          min={2000}
          max={2100}
          addonAfter={t('life.f.year')}
          style={{ width: 140 }}
        />
        <Switch
          checked={onlyProblems}
          aria-label={t('life.compliance.onlyProblems')}
          onChange={(v) => {
            setOnlyProblems(v);
            setPage(1);
          }}
        />{' '}
        {t('life.compliance.onlyProblems')}
        <Button
          icon={<DownloadOutlined />}
          disabled={!orgId}
          loading={exporting.isPending}
          onClick={() => exporting.mutate()}
          data-testid="life-compliance-export"
        >
          {t('life.compliance.export')}
        </Button>
      </Flex>
      {q.isError && <Alert type="error" showIcon title={errorText(q.error, t)} />}
      {c && (
        <>
          <Flex gap={32} wrap>
            <Statistic
              title={t('life.compliance.rate')}
              value={c.total.rate ?? '—'}
              suffix={c.total.rate === null ? '' : '%'}
              data-testid="life-compliance-rate"
            />
            <Statistic title={t('life.compliance.orgs')} value={c.total.orgs} />
            <Statistic
              title={t('life.compliance.missing')}
              value={c.total.missing}
              valueStyle={{ color: c.total.missing ? '#cf1322' : undefined }}
            />
          </Flex>
          <Card size="small" title={t('life.compliance.summary')}>
            <SummaryTable c={c} />
          </Card>
          {c.children.length > 0 && (
            <Card size="small" title={t('life.compliance.children')}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={c.children}
                onRow={(r) => ({ onClick: () => setOrg(r.id), style: { cursor: 'pointer' } })}
                columns={[
                  {
                    title: t('life.f.org'),
                    dataIndex: 'name',
                    render: (v: string, r) => (
                      <Button type="link" size="small" style={{ padding: 0 }} data-testid={`life-drill-${r.id}`}>
                        {v}
                      </Button>
                    ),
                  },
                  { title: t('life.compliance.orgs'), dataIndex: 'orgs', width: 120 },
                  { title: t('life.compliance.missing'), dataIndex: 'missing', width: 100 },
                  {
                    title: t('life.compliance.rate'),
                    dataIndex: 'rate',
                    width: 220,
                    render: (v: number | null) =>
                      v === null ? (
                        '—'
                      ) : (
                        <Progress
                          percent={v}
                          size="small"
                          status={v < 100 ? 'exception' : 'success'}
                          aria-label={t('life.compliance.rate')}
                        />
                      ),
                  },
                ]}
              />
            </Card>
          )}
          <Card size="small" title={t('life.compliance.detail')}>
            <PagedTable
              rowKey="id"
              size="small"
              dataSource={c.orgs.items}
              locale={{ emptyText: <Empty /> }}
              page={page}
              pageSize={pageSize}
              total={c.orgs.total}
              onPage={(p) => {
                setPage(p.page);
                setPageSize(p.pageSize);
              }}
              sizeChanger
              expandable={{
                expandedRowRender: (r) => <Cells cells={r.cells} orgId={r.id} />,
                defaultExpandAllRows: c.orgs.items.length === 1,
              }}
              columns={[
                { title: t('life.f.org'), dataIndex: 'name' },
                {
                  title: t('life.compliance.missing'),
                  dataIndex: 'missing',
                  width: 100,
                  render: (v: number) => <Tag color={v ? 'red' : 'green'}>{v}</Tag>,
                },
                {
                  title: t('life.compliance.rate'),
                  width: 120,
                  render: (_, r) => (r.expected ? `${Math.round((r.done / r.expected) * 100)}%` : '—'),
                },
              ]}
            />
          </Card>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('life.compliance.source')}：{c.source}
          </Typography.Text>
        </>
      )}
    </Flex>
  );
}

function SummaryTable({ c }: { c: ComplianceDto }) {
  const { t } = useTranslation();
  const months = c.summary.find((s) => s.every === 'month')?.periods.map((p) => p.period) ?? [];
  return (
    <Table
      rowKey="type"
      size="small"
      pagination={false}
      scroll={{ x: 900 }}
      dataSource={c.summary}
      columns={[
        { title: t('life.f.type'), dataIndex: 'typeName', fixed: 'left', width: 110 },
        ...months.map((m, i) => ({
          title: short(m),
          key: m,
          render: (_: unknown, r: ComplianceDto['summary'][number]) => {
            const p =
              r.every === 'month'
                ? r.periods[i]
                : r.every === 'quarter' && i % 3 === 0
                  ? r.periods[i / 3]
                  : r.every === 'year' && i === 0
                    ? r.periods[0]
                    : null;
            if (!p) return null;
            const full = p.done >= r.orgs && r.orgs > 0;
            const color = p.state === 'future' ? undefined : full ? 'green' : p.state === 'current' ? 'gold' : 'red';
            return (
              <Tooltip title={`${short(p.period)}：${p.done}/${r.orgs}`}>
                <Tag color={color} data-testid={`life-sum-${r.key}-${p.period}`}>
                  {r.every !== 'month' && `${short(p.period)} `}
                  {p.done}/{r.orgs}
                </Tag>
              </Tooltip>
            );
          },
          onCell: (r: ComplianceDto['summary'][number]) => ({
            colSpan: r.every === 'month' ? 1 : r.every === 'quarter' ? (i % 3 === 0 ? 3 : 0) : i === 0 ? 12 : 0,
          }),
        })),
      ]}
    />
  );
}

function Cells({ cells, orgId }: { cells: ComplianceCellDto[]; orgId: number }) {
  const { t } = useTranslation();
  const keys = [...new Set(cells.map((c) => c.key))];
  return (
    <Flex vertical gap={6}>
      {keys.map((key) => (
        <Flex key={key} gap={4} wrap align="center">
          <span style={{ width: 100 }}>{cells.find((c) => c.key === key)?.typeName}</span>
          {cells
            .filter((c) => c.key === key)
            .map((c) => (
              <Tag
                key={c.period}
                color={CELL_COLOR[c.status]}
                data-testid={`life-cell-${orgId}-${c.key}-${c.period}`}
                data-status={c.status}
              >
                {short(c.period)} {tx(t, `life.cell.${c.status}`)}
              </Tag>
            ))}
        </Flex>
      ))}
    </Flex>
  );
}
