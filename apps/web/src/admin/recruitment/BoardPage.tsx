import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { RECRUITMENT_STAGES } from '@vanguard/shared';
import { App, Button, Card, Empty, Flex, Input, Select, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type CaseSummary, RECRUITMENT_KEY, recruitmentApi } from '../../api/recruitment';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { hasPermission, useMe } from '../../lib/session';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { CreateCaseModal } from './CreateCaseModal';
import { DueCell, NextCell, PeriodicCell, RecruitmentNav, useOrgParam } from './shared';

const STAGES = ['1', '2', '3', '4', '5'] as const;
const STAGE_NAMES: Record<string, string> = RECRUITMENT_STAGES;

/** 发展看板: everyone in recruitment in the org's subtree, by stage, with what is due next and when. */
export function BoardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [orgId, setOrgId] = useOrgParam();
  const [stage, setStage] = useState<string>('all');
  const [status, setStatus] = useState('active');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [...RECRUITMENT_KEY, 'cases', orgId, stage, status, q, page, pageSize],
    queryFn: () =>
      recruitmentApi.cases({
        orgId: orgId as number,
        stage: stage === 'all' ? undefined : Number(stage),
        status,
        q: q || undefined,
        page,
        pageSize,
      }),
    enabled: Boolean(orgId),
  });
  const counts = list.data?.stageCounts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const canWrite = hasPermission(me, 'members:write');
  const { message } = App.useApp();
  const exporting = useMutation({
    mutationFn: () => recruitmentApi.exportXlsx(orgId as number, status),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'recruitment.xlsx'),
    onError: (e) => message.error(errorText(e, t)),
  });

  return (
    <Card
      title={t('recruitment.title')}
      extra={
        <Flex gap={8} wrap align="center">
          <RecruitmentNav />
          <Button
            icon={<DownloadOutlined />}
            disabled={!orgId}
            loading={exporting.isPending}
            onClick={() => exporting.mutate()}
            data-testid="recruitment-export"
          >
            {t('recruitment.export')}
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="recruitment-create">
              {t('recruitment.create')}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 260 }}>
          <OrgTreeSelect
            value={orgId}
            onChange={(v) => {
              setOrgId(v);
              setPage(1);
            }}
            testId="recruitment-org"
          />
        </div>
        <Select
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          style={{ width: 140 }}
          options={(['active', 'completed', 'cancelled', 'stopped'] as const).map((s) => ({
            value: s,
            label: t(`recruitment.statusFilter.${s}`),
          }))}
          data-testid="recruitment-status"
        />
        <Input.Search
          allowClear
          placeholder={t('recruitment.search')}
          style={{ width: 200 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="recruitment-search"
        />
      </Flex>
      <Tabs
        activeKey={stage}
        onChange={(k) => {
          setStage(k);
          setPage(1);
        }}
        items={[
          { key: 'all', label: `${t('recruitment.all')} ${total}` },
          ...STAGES.map((s) => ({ key: s, label: `${STAGE_NAMES[s]} ${counts[s] ?? 0}` })),
        ]}
        data-testid="recruitment-stages"
      />
      <PagedTable<CaseSummary>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onRow={(c) =>
          ({
            'data-testid': `case-row-${c.id}`,
            onDoubleClick: () => navigate(`/admin/recruitment/cases/${c.id}`),
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            key: 'name',
            title: t('recruitment.col.name'),
            render: (_, c) => (
              <Link to={`/admin/recruitment/cases/${c.id}`} data-testid={`case-link-${c.id}`}>
                {c.name}
              </Link>
            ),
          },
          { key: 'org', title: t('recruitment.col.branch'), dataIndex: 'orgName' },
          { key: 'stage', title: t('recruitment.col.stage'), render: (_, c) => <Tag>{c.stageName}</Tag> },
          { key: 'last', title: t('recruitment.col.lastStep'), render: (_, c) => t('recruitment.lastStepOf', { no: c.lastStep }) },
          { key: 'next', title: t('recruitment.col.next'), render: (_, c) => <NextCell next={c.next} t={t} /> },
          { key: 'due', title: t('recruitment.col.due'), render: (_, c) => <DueCell next={c.next} t={t} /> },
          { key: 'periodic', title: t('recruitment.col.periodic'), render: (_, c) => <PeriodicCell items={c.periodic} t={t} /> },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, c) => <Link to={`/admin/recruitment/cases/${c.id}`}>{t('recruitment.open')}</Link>,
          },
        ]}
        locale={{
          emptyText: list.isError ? (
            <Empty description={errorText(list.error, t)} />
          ) : (
            <Empty description={<span data-testid="recruitment-empty">{t('recruitment.empty')}</span>} />
          ),
        }}
        page={page}
        pageSize={pageSize}
        total={list.data?.total ?? 0}
        onPage={(p) => {
          setPage(p.page);
          setPageSize(p.pageSize);
        }}
        sizeChanger
        showTotal
        data-testid="recruitment-table"
      />
      <CreateCaseModal
        open={creating}
        defaultOrgId={orgId}
        onClose={() => setCreating(false)}
        onCreated={(id) => navigate(`/admin/recruitment/cases/${id}`)}
      />
    </Card>
  );
}
