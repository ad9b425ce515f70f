import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DECISION_KINDS, DECISION_STEPS, type DecisionKind, type DecisionStep } from '@vanguard/shared';
import { App, Button, Drawer, Empty, Flex, Form, Input, InputNumber, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { decisionsApi, type MatterRowWire, type MatterStatus } from '../../api/decisions';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { PagedTable } from '../components/PagedTable';

const kindOptions = Object.entries(DECISION_KINDS).map(([value, label]) => ({ value, label }));

function CreateDrawer({ orgId, open, onClose }: { orgId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { kind: DecisionKind; title: string; summary?: string; amountYuan?: number }) => decisionsApi.create({ orgId, ...v }),
    onSuccess: (m) => {
      message.success(t('decisions.created'));
      void qc.invalidateQueries({ queryKey: ['decisions'] });
      form.resetFields();
      onClose();
      navigate(`/admin/decisions/${m.id}`);
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('decisions.new')}
      width={560}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="decisions-save">
          {t('decisions.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'major_decision' }}>
        <Form.Item name="kind" label={t('decisions.kind')} rules={[{ required: true }]}>
          <Select options={kindOptions} data-testid="decisions-kind" />
        </Form.Item>
        <Form.Item name="title" label={t('decisions.matterTitle')} rules={[{ required: true, message: t('decisions.titleRequired') }]}>
          <Input data-testid="decisions-title" />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('decisions.amount')}>
          <InputNumber min={0} precision={0} style={{ width: 240 }} data-testid="decisions-amount" />
        </Form.Item>
        <Form.Item name="summary" label={t('decisions.summary')}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** The matters of an org subtree, newest first, each with the next step due. */
export function MattersTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['decisions', orgId, page], queryFn: () => decisionsApi.list({ orgId, ...page }) });
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="decisions-new">
          {t('decisions.new')}
        </Button>
      </Flex>
      <PagedTable<MatterRowWire>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        total={list.data?.total}
        page={page.page}
        pageSize={page.pageSize}
        onPage={setPage}
        locale={{ emptyText: <Empty description={t('decisions.empty')} /> }}
        columns={[
          {
            title: t('decisions.matterTitle'),
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/admin/decisions/${r.id}`}>{v}</Link>,
          },
          { title: t('decisions.kind'), dataIndex: 'kindName' },
          { title: t('decisions.org'), dataIndex: 'orgName' },
          {
            title: t('decisions.amount'),
            dataIndex: 'amountYuan',
            render: (v: number | null, r) =>
              v === null ? (
                '—'
              ) : (
                <>
                  {v.toLocaleString('zh-CN')} {r.largeAmount ? <Tag color="red">{t('decisions.large')}</Tag> : null}
                </>
              ),
          },
          { title: t('decisions.status'), dataIndex: 'status', render: (v: MatterStatus) => t(`decisions.statuses.${v}`) },
          {
            title: t('decisions.nextStep'),
            dataIndex: 'nextStep',
            render: (v: string | null) => (v ? DECISION_STEPS[v as DecisionStep] : '—'),
          },
        ]}
      />
      <CreateDrawer orgId={orgId} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
