import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompetitionKind, CompetitionWire } from '@vanguard/shared/api/competitions';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Segmented,
  Select,
  Space,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { isApiError } from '../../api/client';
import { competitionsApi } from '../../api/competitions';
import { learningApi } from '../../api/learning';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { HostPage } from './HostPage';

const STATUS_COLOR: Record<string, string> = { draft: 'default', lobby: 'gold', running: 'green', open: 'green', finished: 'default' };

/** 知识竞赛: live quizzes and weekly challenges of the orgs in scope, paged; create; delete with confirmation. */
function CompetitionsList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [kind, setKind] = useState<CompetitionKind | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['competitions', 'list', kind, page],
    queryFn: () => competitionsApi.list({ ...page, kind: kind === 'all' ? undefined : kind }),
  });
  const remove = useMutation({
    mutationFn: (id: number) => competitionsApi.remove(id),
    onSuccess: () => {
      message.success(t('competitions.deleted'));
      void qc.invalidateQueries({ queryKey: ['competitions'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Card title={t('competitions.title')}>
      <Flex vertical gap={12}>
        <Flex gap={8} justify="space-between">
          <Segmented
            value={kind}
            onChange={(v) => {
              setKind(v as CompetitionKind | 'all');
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'all', label: t('competitions.all') },
              { value: 'live', label: t('competitions.kinds.live') },
              { value: 'challenge', label: t('competitions.kinds.challenge') },
            ]}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="competition-new">
            {t('competitions.new')}
          </Button>
        </Flex>
        <PagedTable<CompetitionWire>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('competitions.empty') }}
          page={page.page}
          pageSize={page.pageSize}
          total={list.data?.total ?? 0}
          onPage={setPage}
          columns={[
            {
              title: t('competitions.col.title'),
              dataIndex: 'title',
              render: (v: string, r) => <Link to={`/admin/competitions/${r.id}`}>{v}</Link>,
            },
            { title: t('competitions.col.org'), dataIndex: 'orgName' },
            { title: t('competitions.col.kind'), dataIndex: 'kindName' },
            {
              title: t('competitions.col.status'),
              render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{r.statusName}</Tag>,
            },
            { title: t('competitions.col.questions'), dataIndex: 'questionCount' },
            { title: t('competitions.col.players'), dataIndex: 'players' },
            {
              title: t('competitions.col.time'),
              render: (_, r) =>
                r.kind === 'challenge'
                  ? `${formatDateTime(r.opensAt)} ~ ${formatDateTime(r.closesAt)}`
                  : formatDateTime(r.finishedAt ?? r.createdAt),
            },
            {
              title: t('competitions.col.actions'),
              render: (_, r) => (
                <Space>
                  <Link to={`/admin/competitions/${r.id}`} data-testid={`competition-host-${r.id}`}>
                    {r.kind === 'live' && r.status !== 'finished' ? t('competitions.host') : t('competitions.results')}
                  </Link>
                  {r.status !== 'running' && (
                    <Popconfirm title={t('competitions.deleteConfirm', { title: r.title })} onConfirm={() => remove.mutate(r.id)}>
                      <Button size="small" danger type="link" data-testid={`competition-delete-${r.id}`}>
                        {t('competitions.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Flex>
      {creating && <CreateModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

interface FormValues {
  orgId: number;
  kind: CompetitionKind;
  title: string;
  description?: string;
  questionIds: number[];
  secondsPerQuestion: number;
  window: [Dayjs, Dayjs];
  limitMinutes: number;
}

function CreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [banner, setBanner] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'live';
  const bank = useQuery({ queryKey: ['learning', 'questions', 'pick'], queryFn: () => learningApi.questions({ pageSize: 200 }) });
  const options = (bank.data?.items ?? [])
    .filter((q) => ['single', 'multiple', 'judge'].includes(q.type) && !q.retired)
    .map((q) => ({ value: q.id, label: `【${q.typeName}】${q.stem}` }));
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      competitionsApi.create({
        orgId: v.orgId,
        kind: v.kind,
        title: v.title,
        description: v.description || null,
        questionIds: v.questionIds ?? [],
        ...(v.kind === 'live'
          ? { secondsPerQuestion: v.secondsPerQuestion }
          : {
              opensAt: v.window?.[0]?.toISOString(),
              closesAt: v.window?.[1]?.toISOString(),
              timeLimitSeconds: (v.limitMinutes ?? 0) * 60,
            }),
      }),
    onSuccess: () => {
      message.success(t('competitions.created'));
      void qc.invalidateQueries({ queryKey: ['competitions'] });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e)) {
        applyFieldErrors(form, e, { opensAt: 'window', closesAt: 'window', timeLimitSeconds: 'limitMinutes' });
        setBanner(e.fieldIssues.map((i) => i.message).join('；') || errorText(e, t));
      } else setBanner(errorText(e, t));
    },
  });
  return (
    <Modal
      open
      width={760}
      title={t('competitions.new')}
      okText={t('competitions.form.save')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'competition-save' } as never}
    >
      {banner && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={banner} data-testid="competition-error" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          kind: 'live',
          secondsPerQuestion: 20,
          window: [dayjs().startOf('minute'), dayjs().add(7, 'day').endOf('day')],
          limitMinutes: 5,
        }}
      >
        <Form.Item name="orgId" label={t('competitions.form.org')} rules={[{ required: true, message: '请选择举办组织' }]}>
          <OrgTreeSelect testId="competition-org" />
        </Form.Item>
        <Form.Item name="kind" label={t('competitions.form.kind')}>
          <Radio.Group
            data-testid="competition-kind"
            options={[
              { value: 'live', label: t('competitions.kinds.live') },
              { value: 'challenge', label: t('competitions.kinds.challenge') },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('competitions.form.title')} rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={80} data-testid="competition-title" />
        </Form.Item>
        <Form.Item name="description" label={t('competitions.form.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="questionIds" label={t('competitions.form.questions')} rules={[{ required: true, message: '请至少选择 1 道试题' }]}>
          <Select mode="multiple" options={options} loading={bank.isPending} optionFilterProp="label" data-testid="competition-questions" />
        </Form.Item>
        {kind === 'live' ? (
          <Form.Item name="secondsPerQuestion" label={t('competitions.form.seconds')}>
            <InputNumber min={5} max={120} data-testid="competition-seconds" />
          </Form.Item>
        ) : (
          <Space size={24} wrap>
            <Form.Item name="window" label={t('competitions.form.window')}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item name="limitMinutes" label={t('competitions.form.limit')}>
              <InputNumber min={1} max={60} />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}

/** Console pages of the competitions module (/admin/competitions/*). */
export function CompetitionsRoutes() {
  return (
    <Routes>
      <Route index element={<CompetitionsList />} />
      <Route path=":id" element={<HostPage />} />
    </Routes>
  );
}
