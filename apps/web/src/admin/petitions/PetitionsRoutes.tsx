import { useQuery } from '@tanstack/react-query';
import { PETITION_STATUSES } from '@vanguard/shared';
import { Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { type PetitionPage, petitionsApi } from '../../api/petitions';
import { saveBlob } from '../../lib/download';
import { PagedTable } from '../components/PagedTable';
import { OrgTabsPage } from '../orgs/OrgTabsPage';
import { PetitionPage as PetitionDetail } from './PetitionPage';

type Row = PetitionPage['items'][number];

/** The board of a branch secretary: deadlines first, today's in red. */
function Board({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [status, setStatus] = useState<string | undefined>();
  const [due, setDue] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['petitions', orgId, status, due, page],
    queryFn: () => petitionsApi.board({ orgId, status, due, ...page }),
  });
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }} align="center">
        <Select
          aria-label={t('petitions.status')}
          allowClear
          placeholder={t('petitions.allStatuses')}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(PETITION_STATUSES).map(([value, label]) => ({ value, label }))}
        />
        <Select
          aria-label={t('petitions.dueFilter')}
          allowClear
          placeholder={t('petitions.dueAll')}
          style={{ width: 140 }}
          value={due}
          onChange={setDue}
          options={[
            { value: 'today', label: t('petitions.dueTodayTag') },
            { value: 'overdue', label: t('petitions.overdue') },
          ]}
        />
        {q.data && q.data.dueToday > 0 && (
          <Typography.Text type="danger" strong data-testid="petitions-due-today">
            {t('petitions.dueToday', { n: q.data.dueToday })}
          </Typography.Text>
        )}
      </Flex>
      <PagedTable<Row>
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        page={page.page}
        pageSize={page.pageSize}
        total={q.data?.total ?? 0}
        onPage={setPage}
        locale={{ emptyText: t('petitions.none') }}
        onRow={(r) =>
          ({ style: r.due === 'today' ? { background: '#fff1f0' } : undefined, 'data-testid': `petition-row-${r.id}` }) as object
        }
        columns={[
          { title: t('petitions.category'), dataIndex: 'categoryName', width: 100 },
          { title: t('petitions.excerpt'), render: (_, r) => <Link to={`/admin/petitions/${r.id}`}>{r.excerpt}</Link> },
          { title: t('petitions.submitter'), dataIndex: 'submitterName', width: 110 },
          { title: t('petitions.org'), dataIndex: 'orgName', width: 160 },
          {
            title: t('petitions.status'),
            width: 150,
            render: (_, r) => (
              <Flex gap={4} wrap>
                <Tag>{r.statusName}</Tag>
                {r.escalations > 0 && <Tag color="volcano">{t('petitions.escalated', { n: r.escalations })}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('petitions.replyDueOn'),
            width: 140,
            render: (_, r) => (
              <span style={r.due !== 'none' ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                {r.status === 'submitted' ? r.acceptDueOn : r.replyDueOn}
                {r.due === 'today' ? ` ${t('petitions.dueTodayTag')}` : r.due === 'overdue' ? ` ${t('petitions.overdue')}` : ''}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}

/** Per-branch reply-on-time rate. */
function OnTime() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['petitions-on-time'], queryFn: petitionsApi.onTime });
  return (
    <Table
      rowKey="orgId"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={false}
      locale={{ emptyText: t('petitions.none') }}
      columns={[
        { title: t('petitions.branch'), dataIndex: 'orgName' },
        { title: t('petitions.received'), dataIndex: 'received' },
        { title: t('petitions.replied'), dataIndex: 'replied' },
        { title: t('petitions.onTimeCount'), dataIndex: 'onTime' },
        { title: t('petitions.rate'), render: (_, r) => (r.rate === null ? '—' : `${r.rate}%`) },
        { title: t('petitions.open'), dataIndex: 'open' },
      ]}
    />
  );
}

/** 我为群众办实事台账: searchable, Excel. */
function Ledger({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({ queryKey: ['deeds', orgId, q, page], queryFn: () => petitionsApi.deeds({ q: q || undefined, ...page }) });
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('petitions.search')}
          placeholder={t('petitions.search')}
          allowClear
          onSearch={setQ}
          style={{ width: 240 }}
        />
        <Button
          onClick={async () => {
            const out = await petitionsApi.exportDeeds({ q: q || undefined });
            saveBlob(out.blob, out.fileName ?? 'deeds.xlsx');
          }}
        >
          {t('petitions.export')}
        </Button>
      </Flex>
      <PagedTable
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        page={page.page}
        pageSize={page.pageSize}
        total={list.data?.total ?? 0}
        onPage={setPage}
        locale={{ emptyText: t('petitions.noDeeds') }}
        columns={[
          { title: t('petitions.doneOn'), dataIndex: 'doneOn', width: 110 },
          { title: t('petitions.org'), dataIndex: 'orgName', width: 160 },
          { title: t('petitions.ledgerTitle'), dataIndex: 'title' },
          { title: t('petitions.deedDone'), dataIndex: 'done' },
          { title: t('petitions.costYuan'), render: (_, r) => (r.costFen / 100).toFixed(2), width: 100 },
          { title: t('petitions.beneficiaries'), dataIndex: 'beneficiaries', width: 90 },
          { title: t('petitions.submitter'), render: (_, r) => r.petitionerName ?? '—', width: 90 },
        ]}
      />
    </>
  );
}

/** Console pages of the petitions module (/admin/petitions/*). */
export function PetitionsRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <OrgTabsPage
            title={t('petitions.title')}
            orgLabel={t('petitions.org')}
            pickOrg={t('petitions.none')}
            testId="petitions"
            tabs={[
              { key: 'board', label: t('petitions.board'), render: (orgId) => <Board orgId={orgId} /> },
              { key: 'onTime', label: t('petitions.onTime'), render: () => <OnTime /> },
              { key: 'ledger', label: t('petitions.ledger'), render: (orgId) => <Ledger orgId={orgId} /> },
            ]}
          />
        }
      />
      <Route path=":id" element={<PetitionDetail />} />
    </Routes>
  );
}
