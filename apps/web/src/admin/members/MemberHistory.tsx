import { useQuery } from '@tanstack/react-query';
import type { MemberHistoryDto } from '@vanguard/shared';
import { Alert, Empty, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { memberRecordsApi } from '../../api/endpoints';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { categoryText, statusText } from '../../lib/member-text';
import { MEMBERS_KEY } from './members-query';

/** 变更记录: every change of category (预备→正式) and status (正常→停止党籍…), newest first. */
export function MemberHistory({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const history = useQuery({ queryKey: [...MEMBERS_KEY, 'history', memberId], queryFn: () => memberRecordsApi.history(memberId) });
  if (history.isError) return <Alert type="error" showIcon title={errorText(history.error, t)} />;
  const value = (r: MemberHistoryDto, v: string | null) =>
    v === null ? '—' : r.field === 'category' ? categoryText(t, v) : statusText(t, v);
  const columns: TableColumnsType<MemberHistoryDto> = [
    { key: 'effectiveOn', dataIndex: 'effectiveOn', title: t('memberRecords.history.effectiveOn'), width: 120 },
    { key: 'field', title: t('memberRecords.history.field'), width: 110, render: (_, r) => t(`memberRecords.history.${r.field}`) },
    {
      key: 'change',
      title: t('memberRecords.history.change'),
      render: (_, r) => (r.fromValue === null ? value(r, r.toValue) : `${value(r, r.fromValue)} → ${value(r, r.toValue)}`),
    },
    { key: 'reason', dataIndex: 'reason', title: t('memberRecords.history.reason'), render: (v: string | null) => v ?? '—' },
    { key: 'actor', dataIndex: 'actorName', title: t('memberRecords.history.actor'), render: (v: string | null) => v ?? '—' },
    { key: 'at', dataIndex: 'at', title: t('memberRecords.history.at'), render: (v: string) => formatDateTime(v) },
  ];
  return (
    <Table
      rowKey="id"
      size="small"
      loading={history.isPending}
      columns={columns}
      dataSource={history.data?.items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('memberRecords.history.empty')} /> }}
      data-testid="member-history"
    />
  );
}
