import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chinaDay } from '@vanguard/shared';
import { ELECTION_STATUSES } from '@vanguard/shared/api/elections';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { electionsApi } from '../../api/elections';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { OrgTabsPage } from '../orgs/OrgTabsPage';
import { ElectionPage } from './ElectionPage';
import { useMemberOptions } from './member-options';

function CreateElection({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const options = useMemberOptions(orgId);
  const save = useMutation({
    mutationFn: (v: { title: string; seats: number; rollOn: dayjs.Dayjs; tellerMemberIds: number[] }) =>
      electionsApi.create({
        orgId,
        title: v.title,
        seats: v.seats,
        rollOn: v.rollOn.format('YYYY-MM-DD'),
        tellerMemberIds: v.tellerMemberIds,
      }),
    onSuccess: (r) => navigate(`/admin/elections/${r.id}`),
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  return (
    <Modal
      open
      title={t('elections.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'election-create-ok' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ seats: 5, rollOn: dayjs(chinaDay(new Date())) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="title" label={t('elections.name')} rules={[{ required: true, message: t('elections.nameRequired') }]}>
          <Input data-testid="election-title" />
        </Form.Item>
        <Form.Item name="seats" label={t('elections.seats')} rules={[{ required: true }]}>
          <InputNumber min={1} max={15} data-testid="election-seats" />
        </Form.Item>
        <Form.Item name="rollOn" label={t('elections.rollOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="election-roll-on" />
        </Form.Item>
        <Form.Item
          name="tellerMemberIds"
          label={t('elections.tellers')}
          rules={[{ required: true, message: t('elections.tellersRequired') }]}
        >
          <Select mode="multiple" options={options} optionFilterProp="label" data-testid="election-tellers" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ElectionsTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ['elections', orgId, page], queryFn: () => electionsApi.list({ page, pageSize: 20, orgId }) });
  return (
    <>
      <Button type="primary" onClick={() => setCreating(true)} data-testid="election-create" style={{ marginBottom: 12 }}>
        {t('elections.create')}
      </Button>
      <Table
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('elections.none') }}
        pagination={{ current: page, total: q.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        columns={[
          { title: t('elections.name'), dataIndex: 'title', render: (v: string, r) => <Link to={`/admin/elections/${r.id}`}>{v}</Link> },
          { title: t('elections.org'), dataIndex: 'orgName' },
          { title: t('elections.seats'), dataIndex: 'seats' },
          { title: t('elections.rollOn'), dataIndex: 'rollOn' },
          {
            title: t('elections.status'),
            dataIndex: 'status',
            render: (s: keyof typeof ELECTION_STATUSES) => <Tag>{ELECTION_STATUSES[s]}</Tag>,
          },
        ]}
      />
      {creating ? (
        <CreateElection
          orgId={orgId}
          onClose={() => {
            setCreating(false);
            void qc.invalidateQueries({ queryKey: ['elections'] });
          }}
        />
      ) : null}
    </>
  );
}

/** Console pages of the elections module (/admin/elections/*). */
export function ElectionsRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <OrgTabsPage
            title={t('elections.title')}
            orgLabel={t('elections.org')}
            pickOrg={t('elections.pickOrg')}
            testId="elections"
            tabs={[{ key: 'list', label: t('elections.plans'), render: (orgId) => <ElectionsTab orgId={orgId} /> }]}
          />
        }
      />
      <Route path=":id" element={<ElectionPage />} />
    </Routes>
  );
}
