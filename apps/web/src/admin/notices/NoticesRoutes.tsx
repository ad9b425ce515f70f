import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { NOTICES_KEY, type NoticeListItem, noticesApi } from '../../api/notices';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { NoticePage } from './NoticePage';
import { PublishModal } from './PublishModal';
import { ReceivedTab } from './ReceivedTab';

/** Console pages of notices (/admin/notices/*): the list of what was published, and one notice's reading. */
export function NoticesRoutes() {
  return (
    <Routes>
      <Route index element={<NoticeList />} />
      <Route path=":id" element={<NoticePage />} />
    </Routes>
  );
}

function NoticeList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState('sent');
  const list = useQuery({
    queryKey: [...NOTICES_KEY, paging],
    queryFn: () => noticesApi.list(paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<NoticeListItem> = [
    { key: 'title', title: t('notices.col.title'), render: (_, n) => <Link to={`/admin/notices/${n.id}`}>{n.title}</Link> },
    { key: 'org', title: t('notices.col.org'), dataIndex: 'orgName' },
    { key: 'at', title: t('notices.col.publishedAt'), render: (_, n) => formatDateTime(n.publishedAt) },
    {
      key: 'status',
      title: t('notices.col.status'),
      render: (_, n) => <Tag color={n.status === 'published' ? 'success' : 'default'}>{t(`notices.status.${n.status}`)}</Tag>,
    },
    { key: 'read', title: t('notices.col.read'), render: (_, n) => `${n.read} / ${n.recipients}` },
    { key: 'signed', title: t('notices.col.signed'), render: (_, n) => (n.requireSign ? `${n.signed} / ${n.recipients}` : '—') },
  ];
  return (
    <Card
      title={t('notices.title')}
      extra={
        <Button type="primary" onClick={() => setOpen(true)} data-testid="notice-publish">
          {t('notices.publish')}
        </Button>
      }
    >
      <Tabs
        items={[
          { key: 'sent', label: t('notices.sent'), children: null },
          { key: 'received', label: t('notices.received'), children: <ReceivedTab /> },
        ]}
        activeKey={tab}
        onChange={setTab}
      />
      {tab === 'sent' && (
        <PagedTable<NoticeListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isPending}
          page={paging.page}
          pageSize={paging.pageSize}
          total={list.data?.total}
          onPage={setPaging}
          showTotal
          locale={{ emptyText: t('notices.empty') }}
        />
      )}
      <PublishModal
        open={open}
        onClose={(id) => {
          setOpen(false);
          if (id) navigate(`/admin/notices/${id}`);
        }}
      />
    </Card>
  );
}
