import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DISCIPLINE_KINDS, type DisciplineKind } from '@vanguard/shared';
import { App, Button, DatePicker, Descriptions, Drawer, Empty, Flex, Form, Input, Modal, Radio, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type DisciplineWire, disciplineApi } from '../../api/discipline';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { hasPermission, useMe } from '../../lib/session';
import { PagedTable } from '../components/PagedTable';
import { OrgTabsPage } from '../orgs/OrgTabsPage';

function MemberPicker({ orgId, value, onChange }: { orgId: number; value?: number; onChange?: (v: number) => void }) {
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['discipline-candidates', orgId, q], queryFn: () => disciplineApi.candidates(orgId, q || undefined) });
  return (
    <Select
      data-testid="discipline-member"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={list.isLoading}
      options={(list.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.orgName}）` }))}
    />
  );
}

function RecordDrawer({ orgId, open, onClose }: { orgId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const kind: DisciplineKind = Form.useWatch('kind', form) ?? 'warning';
  const save = useMutation({
    mutationFn: (v: {
      memberId: number;
      kind: DisciplineKind;
      docNo: string;
      reason: string;
      decidedOn: Dayjs;
      periodYears?: number;
      endsOn?: Dayjs;
    }) => disciplineApi.create({ ...v, decidedOn: v.decidedOn.format('YYYY-MM-DD'), endsOn: v.endsOn?.format('YYYY-MM-DD') }),
    onSuccess: () => {
      message.success(t('discipline.saved'));
      void qc.invalidateQueries({ queryKey: ['discipline'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  // 开除党籍 ends membership: asked again before it is written.
  const submit = (v: Parameters<typeof save.mutate>[0]) =>
    v.kind === 'expulsion' ? modal.confirm({ title: t('discipline.confirmExpulsion'), onOk: () => save.mutate(v) }) : save.mutate(v);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('discipline.new')}
      width={560}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="discipline-save">
          {t('discipline.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'warning', decidedOn: dayjs() }}>
        <Form.Item name="memberId" label={t('discipline.member')} rules={[{ required: true, message: t('discipline.pickMember') }]}>
          <MemberPicker orgId={orgId} />
        </Form.Item>
        <Form.Item name="kind" label={t('discipline.kind')} rules={[{ required: true }]}>
          <Select options={Object.entries(DISCIPLINE_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {kind === 'probation' ? (
          <Form.Item
            name="periodYears"
            label={t('discipline.periodYears')}
            rules={[{ required: true, message: t('discipline.pickPeriod') }]}
          >
            <Radio.Group options={[1, 2].map((y) => ({ value: y, label: t('discipline.years', { count: y }) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="docNo" label={t('discipline.docNo')} rules={[{ required: true, message: t('discipline.docNoRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('discipline.decidedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        {kind === 'admonishment' ? (
          <Form.Item name="endsOn" label={t('discipline.endsOn')}>
            <DatePicker />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('discipline.reason')} rules={[{ required: true, message: t('discipline.reasonRequired') }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** One record revealed (read is audited). */
function Detail({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['discipline-record', id], queryFn: () => disciplineApi.get(id as number), enabled: id !== null });
  const r = q.data;
  return (
    <Modal open={id !== null} onCancel={onClose} footer={null} title={t('discipline.detail')}>
      {r ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('discipline.member')}>{r.memberName}</Descriptions.Item>
          <Descriptions.Item label={t('discipline.kind')}>{r.kindName}</Descriptions.Item>
          <Descriptions.Item label={t('discipline.docNo')}>{r.docNo}</Descriptions.Item>
          <Descriptions.Item label={t('discipline.decidedOn')}>{r.decidedOn}</Descriptions.Item>
          <Descriptions.Item label={t('discipline.period')}>{r.effectUntil ? `${r.effectFrom} ~ ${r.effectUntil}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('discipline.reason')}>{r.reason}</Descriptions.Item>
        </Descriptions>
      ) : null}
    </Modal>
  );
}

function RecordsTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({ queryKey: ['discipline', orgId, page], queryFn: () => disciplineApi.list({ orgId, ...page }) });
  return (
    <>
      {hasPermission(me, 'discipline:record') ? (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="discipline-new">
            {t('discipline.new')}
          </Button>
        </Flex>
      ) : null}
      <PagedTable<DisciplineWire>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        total={list.data?.total}
        page={page.page}
        pageSize={page.pageSize}
        onPage={setPage}
        locale={{ emptyText: <Empty description={t('discipline.empty')} /> }}
        columns={[
          { title: t('discipline.member'), dataIndex: 'memberName' },
          { title: t('discipline.kind'), dataIndex: 'kindName' },
          { title: t('discipline.decidedOn'), dataIndex: 'decidedOn' },
          {
            title: t('discipline.effect'),
            render: (_v, r) =>
              r.inForce ? <Tag color="red">{t(r.effect === 'expelled' ? 'discipline.expelled' : 'discipline.noVote')}</Tag> : '—',
          },
          {
            title: t('discipline.actions'),
            render: (_v, r) => (
              <Button type="link" onClick={() => setOpen(r.id)}>
                {t('discipline.view')}
              </Button>
            ),
          },
        ]}
      />
      <RecordDrawer orgId={orgId} open={creating} onClose={() => setCreating(false)} />
      <Detail id={open} onClose={() => setOpen(null)} />
    </>
  );
}

/** Console page of 党纪处分 records (/admin/discipline). */
export function DisciplineRoutes() {
  const { t } = useTranslation();
  return (
    <OrgTabsPage
      title={t('discipline.title')}
      orgLabel={t('discipline.org')}
      pickOrg={t('discipline.pickOrg')}
      testId="discipline"
      tabs={[{ key: 'records', label: t('discipline.records'), render: (orgId) => <RecordsTab orgId={orgId} /> }]}
    />
  );
}
