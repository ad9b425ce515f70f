import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES } from '@vanguard/shared';
import { App, Button, Empty, Flex, Form, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router';
import { proposalsApi } from '../../api/proposals';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { PagedTable } from '../components/PagedTable';
import { OrgTabsPage } from '../orgs/OrgTabsPage';
import { PersonSelect } from './PersonSelect';
import { ProposalPage } from './ProposalPage';

const yuan = (fen: number | null | undefined) => (fen == null ? '' : (fen / 100).toFixed(2));

function ListTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [status, setStatus] = useState<string | undefined>();
  const q = useQuery({ queryKey: ['proposals', orgId, status, paging], queryFn: () => proposalsApi.list({ orgId, status, ...paging }) });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('proposals.status')}</span>
        <Select
          allowClear
          aria-label={t('proposals.status')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => setStatus(v)}
          options={Object.entries(PROPOSAL_STATUSES).map(([value, label]) => ({ value, label }))}
        />
      </Space>
      <PagedTable
        rowKey="id"
        data-testid="proposals-table"
        loading={q.isLoading}
        dataSource={q.data?.items}
        total={q.data?.total}
        {...paging}
        onPage={setPaging}
        locale={{ emptyText: <Empty description={t('proposals.none')} /> }}
        onRow={(r) => ({ onClick: () => navigate(`/admin/proposals/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('proposals.colTitle'), dataIndex: 'title' },
          { title: t('proposals.category'), dataIndex: 'categoryName', width: 80 },
          { title: t('proposals.proposer'), dataIndex: 'proposerName', width: 100 },
          { title: t('proposals.unit'), dataIndex: 'orgName' },
          { title: t('proposals.supports'), dataIndex: 'supportCount', width: 70 },
          {
            title: t('proposals.score'),
            dataIndex: 'scoreCents',
            width: 80,
            render: (v: number | null) => (v == null ? '' : (v / 100).toFixed(2)),
          },
          { title: t('proposals.status'), dataIndex: 'statusName', width: 110, render: (v: string) => <Tag>{v}</Tag> },
        ]}
      />
    </>
  );
}

function RoutesTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['proposal-routes', orgId], queryFn: () => proposalsApi.routes(orgId) });
  const save = useMutation({
    mutationFn: (v: { category: string; reviewerUserIds: number[] }) =>
      proposalsApi.putRoute({ orgId, category: v.category as keyof typeof PROPOSAL_CATEGORIES, reviewerUserIds: v.reviewerUserIds }),
    onSuccess: (d) => {
      qc.setQueryData(['proposal-routes', orgId], d);
      message.success(t('proposals.saved'));
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <>
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} style={{ marginBottom: 12 }}>
        <Form.Item name="category" label={t('proposals.category')} rules={[{ required: true }]}>
          <Select style={{ width: 120 }} options={Object.entries(PROPOSAL_CATEGORIES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="reviewerUserIds" label={t('proposals.routeReviewers')} rules={[{ required: true }]}>
          <PersonSelect multiple testId="route-reviewers" />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={save.isPending} data-testid="route-save">
          {t('proposals.saveRoute')}
        </Button>
      </Form>
      <Table
        rowKey="id"
        pagination={false}
        dataSource={q.data?.items}
        loading={q.isLoading}
        columns={[
          { title: t('proposals.routeOrg'), dataIndex: 'orgName' },
          { title: t('proposals.category'), dataIndex: 'categoryName' },
          {
            title: t('proposals.routeReviewers'),
            dataIndex: 'reviewers',
            render: (rs: { name: string }[]) => rs.map((r) => r.name).join('、'),
          },
        ]}
      />
    </>
  );
}

function RewardsTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({ queryKey: ['proposal-rewards', orgId, paging], queryFn: () => proposalsApi.rewards({ orgId, ...paging }) });
  const pay = useMutation({
    mutationFn: (id: number) => proposalsApi.pay(id, `PZ-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['proposal-rewards', orgId] });
      message.success(t('proposals.saved'));
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const exportXlsx = useMutation({
    mutationFn: () => proposalsApi.rewardsXlsx(orgId),
    onSuccess: (f) => saveBlob(f.blob, f.fileName ?? 'rewards.xlsx'),
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} onClick={() => exportXlsx.mutate()}>
          {t('proposals.export')}
        </Button>
      </Flex>
      <PagedTable
        rowKey="id"
        data-testid="rewards-table"
        loading={q.isLoading}
        dataSource={q.data?.items}
        total={q.data?.total}
        {...paging}
        onPage={setPaging}
        columns={[
          { title: '#', dataIndex: 'proposalId', width: 70 },
          { title: t('proposals.colTitle'), dataIndex: 'title' },
          { title: t('proposals.proposer'), dataIndex: 'name' },
          { title: t('proposals.rewardGrade'), dataIndex: 'grade' },
          { title: t('proposals.amount'), dataIndex: 'amountFen', render: yuan },
          { title: t('proposals.voucher'), dataIndex: 'voucher' },
          {
            title: t('proposals.paidAt'),
            dataIndex: 'paidAt',
            render: (v: string | null, r) =>
              v ? (
                new Date(v).toLocaleString('zh-CN')
              ) : (
                <Popconfirm title={t('proposals.payConfirm')} onConfirm={() => pay.mutate(r.id)}>
                  <Button size="small" type="primary" data-testid={`reward-pay-${r.id}`}>
                    {t('proposals.pay')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}

function StatsTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useQuery({ queryKey: ['proposal-stats', orgId, year], queryFn: () => proposalsApi.stats(orgId, year) });
  const exportXlsx = useMutation({
    mutationFn: () => proposalsApi.statsXlsx(orgId, year),
    onSuccess: (f) => saveBlob(f.blob, f.fileName ?? 'stats.xlsx'),
    onError: (e) => message.error(errorText(e, t)),
  });
  const rows = q.data ? [...q.data.rows, q.data.total] : [];
  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Space>
          <span>{t('proposals.year')}</span>
          <InputNumber aria-label={t('proposals.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Space>
        <Button icon={<DownloadOutlined />} onClick={() => exportXlsx.mutate()}>
          {t('proposals.export')}
        </Button>
      </Flex>
      <Table
        rowKey="orgName"
        pagination={false}
        loading={q.isLoading}
        dataSource={rows}
        columns={[
          { title: t('proposals.unit'), dataIndex: 'orgName' },
          { title: t('proposals.headcount'), dataIndex: 'headcount' },
          { title: t('proposals.count'), dataIndex: 'proposals' },
          { title: t('proposals.per100'), dataIndex: 'per100' },
          { title: t('proposals.adopted'), dataIndex: 'adopted' },
          { title: t('proposals.adoptionRate'), dataIndex: 'adoptionRate' },
          { title: t('proposals.implemented'), dataIndex: 'implemented' },
          { title: t('proposals.verifiedYuan'), dataIndex: 'verifiedFen', render: yuan },
          { title: t('proposals.paidYuan'), dataIndex: 'rewardsPaidFen', render: yuan },
        ]}
      />
    </>
  );
}

/** Console pages of the proposals module (/admin/proposals/*). */
export function ProposalsRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <OrgTabsPage
            title={t('proposals.title')}
            orgLabel={t('proposals.org')}
            pickOrg={t('proposals.pickOrg')}
            testId="proposals"
            tabs={[
              { key: 'list', label: t('proposals.tabList'), render: (orgId) => <ListTab orgId={orgId} /> },
              { key: 'routes', label: t('proposals.tabRoutes'), render: (orgId) => <RoutesTab orgId={orgId} /> },
              { key: 'rewards', label: t('proposals.tabRewards'), render: (orgId) => <RewardsTab orgId={orgId} /> },
              { key: 'stats', label: t('proposals.tabStats'), render: (orgId) => <StatsTab orgId={orgId} /> },
            ]}
          />
        }
      />
      <Route path=":id" element={<ProposalPage />} />
    </Routes>
  );
}
