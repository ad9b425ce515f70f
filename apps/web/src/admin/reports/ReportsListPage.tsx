import { useMutation, useQuery } from '@tanstack/react-query';
import { REPORT_OUTCOME_LABELS, REPORT_STATUS_LABELS, REPORT_STATUSES, type ReportStatus } from '@vanguard/shared';
import { Alert, Badge, Button, Card, Descriptions, Flex, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ReportRow, reportsApi } from '../../api/reports';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';

/** 我办理的举报: the assigned reports with their deadlines; overdue ones in red; statistics with "<3". */
export function ReportsListPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<ReportStatus | undefined>();
  const [overdue, setOverdue] = useState(false);
  const list = useQuery({
    queryKey: ['reports', 'list', page, status, overdue],
    queryFn: () => reportsApi.list({ page, pageSize: 20, status, overdue: overdue ? 'true' : undefined }),
  });
  const stats = useQuery({ queryKey: ['reports', 'stats'], queryFn: reportsApi.stats });
  const ledger = useMutation({
    mutationFn: reportsApi.ledger,
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'report-rewards.xlsx'),
  });

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('reports.list')}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('reports.status')}
              aria-label={t('reports.status')}
              style={{ width: 120 }}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] }))}
            />
            <Space>
              <Switch checked={overdue} onChange={setOverdue} aria-label={t('reports.onlyOverdue')} />
              {t('reports.onlyOverdue')}
            </Space>
            <Button onClick={() => ledger.mutate()} loading={ledger.isPending}>
              {t('reports.ledger')}
            </Button>
          </Space>
        }
      >
        {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} /> : null}
        <Table<ReportRow>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('reports.empty') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          scroll={{ x: 760 }}
          columns={[
            {
              title: t('reports.id'),
              dataIndex: 'id',
              render: (id: number, r) => (
                <Link to={`/admin/reports/${id}`} data-testid={`report-row-${id}`}>
                  {r.unread ? <Badge status="processing" /> : null} #{id}
                </Link>
              ),
            },
            { title: t('reports.channel'), dataIndex: 'channelName' },
            { title: t('reports.org'), dataIndex: 'orgName' },
            { title: t('reports.receivedOn'), dataIndex: 'receivedOn' },
            {
              title: t('reports.status'),
              dataIndex: 'status',
              render: (s: ReportStatus, r) => (
                <Space size={4}>
                  <Tag>{REPORT_STATUS_LABELS[s]}</Tag>
                  {r.outcome ? <Tag color="blue">{REPORT_OUTCOME_LABELS[r.outcome]}</Tag> : null}
                  {r.important ? <Tag color="orange">{t('reports.important')}</Tag> : null}
                  {r.label ? <Tag>{r.label}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('reports.acceptBy'),
              render: (_: unknown, r) => (
                <Typography.Text type={r.overdue ? 'danger' : undefined}>
                  {r.status === 'pending' ? r.acceptBy : (r.concludeBy ?? '—')}
                  {r.overdue ? ` ${t('reports.overdue')}` : ''}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      {stats.data ? (
        <Card title={t('reports.stats')} size="small">
          <Typography.Paragraph type="secondary">{t('reports.statsHint')}</Typography.Paragraph>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('reports.overdue')}>{stats.data.overdue}</Descriptions.Item>
            {stats.data.byStatus.map((s) => (
              <Descriptions.Item key={s.status} label={REPORT_STATUS_LABELS[s.status]}>
                {s.count}
              </Descriptions.Item>
            ))}
            {stats.data.byChannel.map((s) => (
              <Descriptions.Item key={`c-${s.name}`} label={s.name}>
                {s.count}
              </Descriptions.Item>
            ))}
            {stats.data.byMonth.map((s) => (
              <Descriptions.Item key={`m-${s.month}`} label={s.month}>
                {s.count}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      ) : null}
    </Flex>
  );
}
