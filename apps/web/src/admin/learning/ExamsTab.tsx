import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { type DrawRule, type Exam, type ExamInput, learningApi } from '../../api/learning';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { CATEGORIES, tx } from '../../lib/learning-text';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

/** 考试: the list (published or draft), create (fixed paper or random draw), publish to the org's subtree. */
export function ExamsTab({ orgId }: { orgId?: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Exam | null>(null);
  const list = useQuery({ queryKey: ['learning', 'exams', orgId, page], queryFn: () => learningApi.exams({ orgId, ...page }) });
  const publish = useMutation({
    mutationFn: (id: number) => learningApi.publish(id),
    onSuccess: () => {
      message.success(t('learning.exam.published'));
      void qc.invalidateQueries({ queryKey: ['learning', 'exams'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const now = Date.now();
  return (
    <Flex vertical gap={12}>
      <Flex gap={8}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!orgId} data-testid="exam-new">
          {t('learning.exam.new')}
        </Button>
      </Flex>
      <PagedTable<Exam>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('learning.exam.empty') }}
        page={page.page}
        pageSize={page.pageSize}
        total={list.data?.total ?? 0}
        onPage={setPage}
        columns={[
          {
            title: t('learning.exam.title'),
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/admin/learning/exams/${r.id}`}>{v}</Link>,
          },
          { title: t('learning.exam.audience'), dataIndex: 'orgName' },
          { title: t('learning.exam.mode'), dataIndex: 'mode', render: (v: string) => tx(t, `learning.modes.${v}`) },
          {
            title: t('learning.exam.window'),
            render: (_, r) => `${formatDateTime(r.opensAt)} ~ ${formatDateTime(r.closesAt)}`,
          },
          { title: t('learning.exam.questions'), render: (_, r) => t('learning.exam.qCount', { n: r.questionCount, score: r.maxScore }) },
          {
            title: t('learning.exam.status'),
            render: (_, r) =>
              r.status === 'draft' ? (
                <Tag>{t('learning.exam.draft')}</Tag>
              ) : r.offlineAllowed && new Date(r.closesAt).getTime() > now ? (
                <Space size={4}>
                  <Tag color="green">{t('learning.exam.open')}</Tag>
                  <Tag color="blue">{t('learning.offline.tag')}</Tag>
                </Space>
              ) : new Date(r.closesAt).getTime() <= now ? (
                <Tag color="default">{t('learning.exam.closed')}</Tag>
              ) : (
                <Tag color="green">{t('learning.exam.open')}</Tag>
              ),
          },
          { title: t('learning.exam.attempts'), dataIndex: 'attempts' },
          {
            title: t('learning.actions'),
            render: (_, r) => (
              <Space>
                {r.status === 'draft' && (
                  <Popconfirm title={t('learning.exam.publishConfirm', { org: r.orgName })} onConfirm={() => publish.mutate(r.id)}>
                    <Button size="small" type="primary" data-testid={`exam-publish-${r.id}`}>
                      {t('learning.exam.publish')}
                    </Button>
                  </Popconfirm>
                )}
                <Button size="small" onClick={() => setEditing(r)} data-testid={`exam-edit-${r.id}`}>
                  {t('learning.edit.button')}
                </Button>
                <Link to={`/admin/learning/exams/${r.id}`}>{t('learning.exam.results')}</Link>
              </Space>
            ),
          },
        ]}
      />
      {editing && <EditExamModal exam={editing} onClose={() => setEditing(null)} />}
      {creating && orgId && <ExamModal orgId={orgId} onClose={() => setCreating(false)} />}
    </Flex>
  );
}

interface FormValues {
  orgId: number;
  title: string;
  description?: string;
  mode: 'fixed' | 'random';
  window: [Dayjs, Dayjs];
  timeLimitMinutes: number | null;
  maxAttempts: number;
  gradingPolicy: NonNullable<ExamInput['gradingPolicy']>;
  reviewRule: NonNullable<ExamInput['reviewRule']>;
  passScore: number;
  offlineAllowed: boolean;
  questionIds: number[];
  pointsEach: number;
  drawRules: DrawRule[];
}

function ExamModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [banner, setBanner] = useState<string | null>(null);
  const mode = Form.useWatch('mode', form) ?? 'random';
  const bank = useQuery({
    queryKey: ['learning', 'questions', 'pick'],
    queryFn: () => learningApi.questions({ pageSize: 200 }),
    enabled: mode === 'fixed',
  });
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      learningApi.createExam({
        orgId: v.orgId,
        mode: v.mode,
        title: v.title,
        description: v.description || null,
        opensAt: v.window[0].toISOString(),
        closesAt: v.window[1].toISOString(),
        timeLimitMinutes: v.timeLimitMinutes ?? null,
        maxAttempts: v.maxAttempts,
        gradingPolicy: v.gradingPolicy,
        reviewRule: v.reviewRule,
        passScore: v.passScore,
        offlineAllowed: Boolean(v.offlineAllowed),
        items: v.mode === 'fixed' ? (v.questionIds ?? []).map((questionId) => ({ questionId, points: v.pointsEach })) : [],
        drawRules: v.mode === 'random' ? (v.drawRules ?? []).map((r) => ({ ...r, difficulty: r.difficulty ?? null })) : [],
      }),
    onSuccess: () => {
      message.success(t('learning.exam.created'));
      void qc.invalidateQueries({ queryKey: ['learning', 'exams'] });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e)) {
        applyFieldErrors(form, e, { opensAt: 'window', closesAt: 'window', items: 'questionIds' });
        setBanner(e.fieldIssues.map((i) => i.message).join('；') || errorText(e, t));
      } else setBanner(errorText(e, t));
    },
  });
  return (
    <Modal
      open
      width={760}
      title={t('learning.exam.new')}
      okText={t('learning.exam.saveDraft')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'exam-save' } as never}
    >
      {banner && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={banner} data-testid="exam-error" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          orgId,
          mode: 'random',
          window: [dayjs().startOf('minute'), dayjs().add(7, 'day').endOf('day')],
          timeLimitMinutes: 30,
          maxAttempts: 1,
          gradingPolicy: 'highest',
          reviewRule: 'immediately',
          passScore: 60,
          offlineAllowed: false,
          pointsEach: 10,
          drawRules: [{ category: '安全生产', difficulty: null, count: 5, points: 10 }],
        }}
      >
        <Flex gap={12}>
          <Form.Item
            name="title"
            label={t('learning.exam.title')}
            style={{ flex: 2 }}
            rules={[{ required: true, min: 2, message: t('learning.exam.titleRequired') }]}
          >
            <Input data-testid="exam-title" />
          </Form.Item>
          <Form.Item name="orgId" label={t('learning.exam.audience')} style={{ flex: 2 }} extra={t('learning.exam.audienceHint')}>
            <OrgTreeSelect testId="exam-org" />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="window" label={t('learning.exam.window')} style={{ flex: 2 }} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="timeLimitMinutes" label={t('learning.exam.limit')} style={{ flex: 1 }}>
            <InputNumber min={1} max={600} addonAfter={t('learning.minutes')} style={{ width: '100%' }} data-testid="exam-limit" />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="maxAttempts" label={t('learning.exam.maxAttempts')} style={{ flex: 1 }}>
            <InputNumber min={1} max={20} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="gradingPolicy" label={t('learning.exam.policy')} style={{ flex: 1 }}>
            <Select options={['highest', 'last', 'first', 'average'].map((v) => ({ value: v, label: tx(t, `learning.policies.${v}`) }))} />
          </Form.Item>
          <Form.Item name="reviewRule" label={t('learning.exam.review')} style={{ flex: 1 }}>
            <Select options={['immediately', 'after_close', 'never'].map((v) => ({ value: v, label: tx(t, `learning.reviews.${v}`) }))} />
          </Form.Item>
          <Form.Item name="passScore" label={t('learning.exam.pass')} style={{ flex: 1 }}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="offlineAllowed" valuePropName="checked" extra={t('learning.offline.allowedHint')}>
          <Checkbox>
            <span data-testid="exam-offline">{t('learning.offline.allowed')}</span>
          </Checkbox>
        </Form.Item>
        <Form.Item name="mode" label={t('learning.exam.mode')}>
          <Radio.Group
            optionType="button"
            options={['random', 'fixed'].map((v) => ({ value: v, label: tx(t, `learning.modes.${v}`) }))}
            data-testid="exam-mode"
          />
        </Form.Item>
        {mode === 'random' ? (
          <Form.List name="drawRules">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="baseline">
                    <Form.Item name={[f.name, 'category']} style={{ width: 140 }}>
                      <Select options={CATEGORIES.map((c) => ({ value: c, label: c }))} data-testid={`rule-category-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'difficulty']} style={{ width: 120 }}>
                      <Select
                        data-testid={`rule-difficulty-${i}`}
                        options={[
                          { value: null, label: t('learning.anyDifficulty') },
                          ...[1, 2, 3].map((v) => ({ value: v, label: tx(t, `learning.difficulty.${v}`) })),
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'count']} style={{ width: 130 }}>
                      <InputNumber min={1} max={100} addonAfter={t('learning.exam.countUnit')} data-testid={`rule-count-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'points']} style={{ width: 150 }}>
                      <InputNumber min={1} max={100} addonAfter={t('learning.exam.pointsUnit')} />
                    </Form.Item>
                    {fields.length > 1 && <Button size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />}
                  </Flex>
                ))}
                <Button
                  size="small"
                  onClick={() => add({ category: '党史', difficulty: null, count: 5, points: 10 })}
                  data-testid="rule-add"
                >
                  {t('learning.exam.addRule')}
                </Button>
              </>
            )}
          </Form.List>
        ) : (
          <Flex gap={12}>
            <Form.Item name="questionIds" label={t('learning.exam.pick')} style={{ flex: 4 }}>
              <Select
                mode="multiple"
                loading={bank.isPending}
                optionFilterProp="label"
                options={(bank.data?.items ?? []).map((q) => ({ value: q.id, label: `［${q.typeName}·${q.category}］${q.stem}` }))}
              />
            </Form.Item>
            <Form.Item name="pointsEach" label={t('learning.exam.pointsEach')} style={{ flex: 1 }}>
              <InputNumber min={1} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
        )}
      </Form>
    </Modal>
  );
}

interface EditValues {
  title: string;
  window: [Dayjs, Dayjs];
  timeLimitMinutes: number | null;
  maxAttempts: number;
  gradingPolicy: NonNullable<ExamInput['gradingPolicy']>;
  reviewRule: NonNullable<ExamInput['reviewRule']>;
  passScore: number;
  offlineAllowed: boolean;
}

/**
 * 修改考试: the server decides what may change (everything before anyone starts; with attempts only
 * the title and the close time; closed: the title) and names the field it refuses.
 */
function EditExamModal({ exam, onClose }: { exam: Exam; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const [banner, setBanner] = useState<string | null>(null);
  const locked = exam.attempts > 0;
  const save = useMutation({
    mutationFn: (v: EditValues) =>
      learningApi.updateExam(exam.id, {
        title: v.title,
        opensAt: v.window[0].toISOString(),
        closesAt: v.window[1].toISOString(),
        timeLimitMinutes: v.timeLimitMinutes ?? null,
        maxAttempts: v.maxAttempts,
        gradingPolicy: v.gradingPolicy,
        reviewRule: v.reviewRule,
        passScore: v.passScore,
        offlineAllowed: Boolean(v.offlineAllowed),
      }),
    onSuccess: () => {
      message.success(t('learning.edit.saved'));
      void qc.invalidateQueries({ queryKey: ['learning', 'exams'] });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e)) {
        applyFieldErrors(form, e, { opensAt: 'window', closesAt: 'window' });
        setBanner(e.message || errorText(e, t));
      } else setBanner(errorText(e, t));
    },
  });
  return (
    <Modal
      open
      width={640}
      title={t('learning.edit.title', { title: exam.title })}
      okText={t('learning.save')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'exam-edit-save' } as never}
    >
      {locked && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('learning.edit.locked', { n: exam.attempts })} />}
      {banner && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={banner} data-testid="exam-edit-error" />}
      <Form<EditValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          title: exam.title,
          window: [dayjs(exam.opensAt), dayjs(exam.closesAt)],
          timeLimitMinutes: exam.timeLimitMinutes,
          maxAttempts: exam.maxAttempts,
          gradingPolicy: exam.gradingPolicy,
          reviewRule: exam.reviewRule,
          passScore: exam.passScore,
          offlineAllowed: exam.offlineAllowed,
        }}
      >
        <Form.Item
          name="title"
          label={t('learning.exam.title')}
          rules={[{ required: true, min: 2, message: t('learning.exam.titleRequired') }]}
        >
          <Input data-testid="exam-edit-title" />
        </Form.Item>
        <Form.Item name="window" label={t('learning.exam.window')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="timeLimitMinutes" label={t('learning.exam.limit')} style={{ flex: 1 }}>
            <InputNumber
              min={1}
              max={600}
              addonAfter={t('learning.minutes')}
              style={{ width: '100%' }}
              disabled={locked}
              data-testid="exam-edit-limit"
            />
          </Form.Item>
          <Form.Item name="maxAttempts" label={t('learning.exam.maxAttempts')} style={{ flex: 1 }}>
            <InputNumber min={1} max={20} style={{ width: '100%' }} disabled={locked} />
          </Form.Item>
          <Form.Item name="passScore" label={t('learning.exam.pass')} style={{ flex: 1 }}>
            <InputNumber min={0} style={{ width: '100%' }} disabled={locked} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="gradingPolicy" label={t('learning.exam.policy')} style={{ flex: 1 }}>
            <Select
              disabled={locked}
              options={['highest', 'last', 'first', 'average'].map((v) => ({ value: v, label: tx(t, `learning.policies.${v}`) }))}
            />
          </Form.Item>
          <Form.Item name="reviewRule" label={t('learning.exam.review')} style={{ flex: 1 }}>
            <Select
              disabled={locked}
              options={['immediately', 'after_close', 'never'].map((v) => ({ value: v, label: tx(t, `learning.reviews.${v}`) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="offlineAllowed" valuePropName="checked" extra={t('learning.offline.allowedHint')}>
          <Checkbox disabled={locked}>{t('learning.offline.allowed')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
