import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICES_KEY, noticesApi, type ReceivedItem } from '../../api/notices';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

/** The notices that reached an org's people, with that org's own counts (a branch secretary's "12 of 40 unread"). */
export function ReceivedTab() {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState<number>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: [...NOTICES_KEY, 'received', orgId, paging],
    queryFn: () => noticesApi.received(orgId as number, paging.page, paging.pageSize),
    enabled: orgId !== undefined,
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<ReceivedItem> = [
    { key: 'title', title: t('notices.col.title'), dataIndex: 'title' },
    { key: 'org', title: t('notices.col.org'), dataIndex: 'orgName' },
    { key: 'at', title: t('notices.col.publishedAt'), render: (_, n) => formatDateTime(n.publishedAt) },
    {
      key: 'unread',
      title: t('notices.col2.unread'),
      render: (_, n) => (
        <Typography.Text type={n.recipients - n.read ? 'danger' : undefined}>
          {t('notices.unreadOf', { unread: n.recipients - n.read, recipients: n.recipients })}
        </Typography.Text>
      ),
    },
    { key: 'signed', title: t('notices.col.signed'), render: (_, n) => (n.requireSign ? `${n.signed} / ${n.recipients}` : '—') },
  ];
  return (
    <>
      <div style={{ maxWidth: 360, marginBottom: 12 }}>
        <OrgTreeSelect value={orgId} onChange={(v) => setOrgId(v)} placeholder={t('notices.pickOrg')} testId="notice-received-org" />
      </div>
      <PagedTable<ReceivedItem>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        page={paging.page}
        pageSize={paging.pageSize}
        total={list.data?.total}
        onPage={setPaging}
        showTotal
        locale={{ emptyText: t('notices.empty') }}
      />
    </>
  );
}
