import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi } from '../../api/analytics';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { fmt } from './metrics';

/** Corrections keep history: who changed which month of which unit from what to what. */
export function HistoryTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const indicators = useQuery({ queryKey: ['analytics', 'indicators'], queryFn: analyticsApi.indicators, staleTime: 600_000 });
  const names = new Map((indicators.data?.items ?? []).map((i) => [i.code, `${i.name}（${i.unit}）`]));
  const q = useQuery({
    queryKey: ['analytics', 'history', orgId, page, pageSize],
    queryFn: () => analyticsApi.history({ orgId, page, pageSize }),
  });
  return (
    <PagedTable
      rowKey="id"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      page={page}
      pageSize={pageSize}
      total={q.data?.total ?? 0}
      onPage={(next) => {
        setPage(next.page);
        setPageSize(next.pageSize);
      }}
      columns={[
        { title: t('analytics.history.changedAt'), dataIndex: 'changedAt', render: formatDateTime },
        { title: t('analytics.import.orgName'), dataIndex: 'orgName' },
        { title: t('analytics.import.month'), dataIndex: 'month' },
        { title: t('analytics.import.indicator'), dataIndex: 'code', render: (c: string) => names.get(c) ?? c },
        { title: t('analytics.import.oldValue'), dataIndex: 'oldValue', align: 'right', render: fmt },
        { title: t('analytics.import.newValue'), dataIndex: 'newValue', align: 'right', render: fmt },
        { title: t('analytics.history.source'), dataIndex: 'source', render: (s: string) => t(`analytics.history.sources.${s}` as never) },
        { title: t('analytics.history.changedBy'), dataIndex: 'changedBy' },
      ]}
    />
  );
}
