import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Flex, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { careApi } from '../../api/petitions';
import { errorText } from '../../lib/error-text';
import { PagedTable } from '../components/PagedTable';
import { OrgTabsPage } from '../orgs/OrgTabsPage';

/** Workers of the org with their contact member; tick workers, pick a member, assign (warnings on 5–7). */
function Workers({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [unlinked, setUnlinked] = useState(false);
  const [picked, setPicked] = useState<number[]>([]);
  const [memberId, setMemberId] = useState<number | undefined>();
  const list = useQuery({
    queryKey: ['care-workers', orgId, unlinked, page],
    queryFn: () => careApi.workers({ orgId, unlinked: unlinked ? '1' : undefined, ...page }),
  });
  const loads = useQuery({ queryKey: ['care-loads', orgId], queryFn: () => careApi.loads(orgId) });
  const done = (r: { warning: string | null }, text: string) => {
    void qc.invalidateQueries({ queryKey: ['care-workers'] });
    void qc.invalidateQueries({ queryKey: ['care-loads'] });
    setPicked([]);
    if (r.warning) message.warning(`${text}；${r.warning}`);
    else message.success(text);
  };
  const assign = useMutation({
    mutationFn: () => careApi.assign(memberId ?? 0, picked),
    onSuccess: (r) => done(r, t('care.assigned', { n: r.linked })),
    onError: (e) => message.error(errorText(e, t)),
  });
  const end = useMutation({
    mutationFn: careApi.end,
    onSuccess: (r) => done(r, t('petitions.saved')),
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }} align="center" wrap>
        <Select
          aria-label={t('care.pickMember')}
          placeholder={t('care.pickMember')}
          style={{ width: 240 }}
          value={memberId}
          onChange={setMemberId}
          showSearch
          optionFilterProp="label"
          options={(loads.data?.items ?? []).map((m) => ({ value: m.memberId, label: `${m.memberName}（${m.workers}）` }))}
          data-testid="care-member"
        />
        <Button
          type="primary"
          disabled={!memberId}
          loading={assign.isPending}
          onClick={() => (picked.length ? assign.mutate() : message.info(t('care.pickWorkers')))}
          data-testid="care-assign"
        >
          {t('care.assign')}
        </Button>
        <Checkbox checked={unlinked} onChange={(e) => setUnlinked(e.target.checked)}>
          {t('care.unlinkedOnly')}
        </Checkbox>
      </Flex>
      <PagedTable
        rowKey="workerId"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        page={page.page}
        pageSize={page.pageSize}
        total={list.data?.total ?? 0}
        onPage={setPage}
        rowSelection={{
          selectedRowKeys: picked,
          onChange: (k) => setPicked(k as number[]),
          getCheckboxProps: (r) => ({ disabled: r.linkId !== null }),
        }}
        columns={[
          { title: t('care.worker'), dataIndex: 'workerName' },
          { title: t('care.team'), dataIndex: 'team' },
          { title: t('petitions.org'), dataIndex: 'orgName' },
          { title: t('care.member'), render: (_, r) => r.memberName ?? <Tag>—</Tag> },
          { title: t('care.lastContact'), render: (_, r) => r.lastContactOn ?? '—' },
          {
            title: '',
            render: (_, r) =>
              r.linkId !== null && (
                <Button
                  size="small"
                  onClick={() => modal.confirm({ title: t('care.confirmUnlink'), onOk: () => end.mutate(r.linkId as number) })}
                >
                  {t('care.unlink')}
                </Button>
              ),
          },
        ]}
      />
      <Table
        style={{ marginTop: 16 }}
        rowKey="memberId"
        size="small"
        pagination={false}
        dataSource={loads.data?.items ?? []}
        columns={[
          { title: t('care.member'), dataIndex: 'memberName' },
          { title: t('care.load'), dataIndex: 'workers' },
          { title: '', render: (_, r) => r.warning && <Tag color="orange">{r.warning}</Tag> },
        ]}
      />
    </>
  );
}

/** Coverage per branch: workers with a contact member, contacts this quarter. */
function Coverage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['care-coverage'], queryFn: careApi.coverage });
  return (
    <Table
      rowKey="orgId"
      loading={q.isPending}
      pagination={false}
      dataSource={q.data?.items ?? []}
      title={() => `${t('care.quarter')} ${q.data?.quarter ?? ''}`}
      columns={[
        { title: t('petitions.branch'), dataIndex: 'orgName' },
        { title: t('care.worker'), dataIndex: 'workers' },
        { title: t('care.linked'), dataIndex: 'linked' },
        { title: t('care.coverage'), render: (_, r) => (r.coverage === null ? '—' : `${r.coverage}%`) },
        { title: t('care.contacts'), dataIndex: 'contactsThisQuarter' },
      ]}
    />
  );
}

/** Console pages of cadre–worker contact (/admin/care/*). */
export function CareRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <OrgTabsPage
            title={t('care.title')}
            orgLabel={t('petitions.org')}
            pickOrg={t('petitions.none')}
            testId="care"
            tabs={[
              { key: 'workers', label: t('care.workers'), render: (orgId) => <Workers orgId={orgId} /> },
              { key: 'coverage', label: t('care.coverage'), render: () => <Coverage /> },
            ]}
          />
        }
      />
    </Routes>
  );
}
