import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../../api/endpoints';
import type { AuditLogDto } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { AuditFilters, type AuditFilterValues } from './AuditFilters';
import { JsonBlock } from './JsonBlock';
import { VerifyButton } from './VerifyButton';

/** 审计日志: filter, page, expand a row for before/after, verify the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const logs = useQuery({
    queryKey: ['audit-logs', filters, page],
    queryFn: () => auditApi.list({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<AuditLogDto> = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    { key: 'actor', title: t('audit.actor'), width: 120, render: (_, r) => r.actorName ?? (r.actorId ? `#${r.actorId}` : '—') },
    { key: 'action', title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'entity', title: t('audit.entity'), render: (_, r) => (r.entityId ? `${r.entityType} #${r.entityId}` : r.entityType) },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      responsive: ['xl'],
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Card title={t('audit.title')} extra={<VerifyButton />}>
      <AuditFilters
        onSearch={(f) => {
          setFilters(f);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      <PagedTable<AuditLogDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={logs.data?.items ?? []}
        loading={logs.isFetching}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (r) => (
            <Flex gap={12} wrap>
              <JsonBlock label={t('audit.before')} value={r.before} testId={`audit-before-${r.id}`} />
              <JsonBlock label={t('audit.after')} value={r.after} testId={`audit-after-${r.id}`} />
            </Flex>
          ),
        }}
        locale={{ emptyText: logs.isError ? <Empty description={errorText(logs.error, t)} /> : undefined }}
        page={page.page}
        pageSize={page.pageSize}
        total={logs.data?.total ?? 0}
        onPage={setPage}
        sizeChanger
        showTotal
        data-testid="audit-table"
      />
    </Card>
  );
}
