import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { MeetingListItemWire, MeetingListQueryInput } from '@vanguard/shared/api/life';
import { Button, Empty, Flex, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { lifeApi } from '../../api/life';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { MEETING_TYPE_OPTIONS, STATUS_COLOR, tx } from './life-text';

/** 会议列表: every meeting of the orgs in scope, newest first, filtered by org, type and status. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [type, setType] = useState<MeetingListQueryInput['type']>();
  const [status, setStatus] = useState<MeetingListQueryInput['status']>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({
    queryKey: ['life', 'meetings', orgId, type, status, page, pageSize],
    queryFn: () => lifeApi.meetings({ orgId, type, status, page, pageSize }),
  });
  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <div style={{ width: 260 }}>
            <OrgTreeSelect value={orgId} onChange={setOrgId} allowClear placeholder={t('life.list.orgFilter')} testId="life-org-filter" />
          </div>
          <Select
            allowClear
            placeholder={t('life.f.type')}
            options={MEETING_TYPE_OPTIONS}
            value={type}
            onChange={setType}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('life.status.planned')}
            value={status}
            onChange={setStatus}
            style={{ width: 120 }}
            options={['planned', 'held', 'published', 'cancelled'].map((s) => ({ value: s, label: tx(t, `life.status.${s}`) }))}
          />
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/life/meetings/new')} data-testid="life-plan">
          {t('life.plan')}
        </Button>
      </Flex>
      <PagedTable<MeetingListItemWire>
        rowKey="id"
        size="middle"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('life.list.empty')} /> }}
        page={page}
        pageSize={pageSize}
        total={q.data?.total ?? 0}
        onPage={(p) => {
          setPage(p.page);
          setPageSize(p.pageSize);
        }}
        sizeChanger
        columns={[
          { title: t('life.f.startsAt'), dataIndex: 'startsAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: t('life.f.type'), dataIndex: 'typeName', width: 110 },
          {
            title: t('life.f.topic'),
            dataIndex: 'topic',
            render: (v: string, r) => (
              <Link to={`/admin/life/meetings/${r.id}`} data-testid={`life-meeting-${r.id}`}>
                {v}
              </Link>
            ),
          },
          { title: t('life.f.org'), dataIndex: 'orgName', width: 180 },
          { title: t('life.list.attendance'), width: 90, render: (_, r) => `${r.present ?? 0}/${r.expected ?? 0}` },
          {
            title: '',
            dataIndex: 'status',
            width: 90,
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{tx(t, `life.status.${s}`)}</Tag>,
          },
        ]}
      />
    </>
  );
}
