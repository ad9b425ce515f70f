import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { COURSE_AUDIENCE_LABELS, ROLE_CODES, ROLES } from '@vanguard/shared';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { coursesApi, type Plan, type PlanInput } from '../../api/courses';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { topicName } from './course-names';

function PlanModal({ orgId, open, onClose }: { orgId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const courses = useQuery({ queryKey: ['courses', 'pick'], queryFn: () => coursesApi.list({ page: 1, pageSize: 200 }) });
  const save = useMutation({
    mutationFn: (v: {
      orgId: number;
      title: string;
      dueDate: Dayjs;
      courseIds: number[];
      audienceRole?: string;
      audienceLabel?: NonNullable<PlanInput['audienceLabel']>;
    }) =>
      coursesApi.createPlan({
        ...v,
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        audienceRole: v.audienceRole ?? null,
        audienceLabel: v.audienceLabel ?? null,
      }),
    onSuccess: () => {
      message.success(t('courses.saved'));
      void qc.invalidateQueries({ queryKey: ['courses'] });
      onClose();
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('courses.newPlan')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'plan-save' } as never}
    >
      <Form form={form} layout="vertical" initialValues={{ orgId }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('courses.planTitle')} rules={[{ required: true, message: '请填写计划名称' }]}>
          <Input maxLength={100} data-testid="plan-title" />
        </Form.Item>
        <Form.Item name="orgId" label={t('courses.audienceOrg')} rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect testId="plan-org" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="audienceRole" label={t('courses.audienceRole')} style={{ flex: 1 }}>
            <Select
              allowClear
              options={ROLE_CODES.filter((r) => r.startsWith('branch_') || r === 'member').map((r) => ({ value: r, label: ROLES[r].zh }))}
            />
          </Form.Item>
          <Form.Item name="audienceLabel" label={t('courses.audienceLabel')} style={{ flex: 1 }}>
            <Select allowClear options={COURSE_AUDIENCE_LABELS.map((l) => ({ value: l, label: l }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="dueDate" label={t('courses.dueDate')} rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker data-testid="plan-due" />
        </Form.Item>
        <Form.Item name="courseIds" label={t('courses.pickCourses')} rules={[{ required: true, message: '请至少选择一门课程' }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid="plan-courses">
            {(courses.data?.items ?? []).map((c) => (
              <Checkbox key={c.id} value={c.id}>
                [{topicName(c.topic)}] {c.title}（{c.orgName}）
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProgressDrawer({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [onlyBehind, setOnlyBehind] = useState(false);
  const [orgId, setOrgId] = useState<number | undefined>();
  const data = useQuery({
    queryKey: ['courses', 'progress', plan.id, page, onlyBehind, orgId],
    queryFn: () => coursesApi.progress(plan.id, { page, pageSize: 20, onlyBehind, orgId }),
  });
  const exporting = useMutation({
    mutationFn: () => coursesApi.progressXlsx(plan.id, onlyBehind, orgId),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? `course-plan-${plan.id}.xlsx`),
    onError: (e) => message.error(errorText(e, t)),
  });
  const color = { done: 'green', in_progress: 'blue', not_started: 'default', overdue: 'red' } as const;
  return (
    <Drawer open onClose={onClose} width={860} title={`${plan.title} · ${t('courses.planProgress')}`}>
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Space>
          <div style={{ width: 260 }}>
            <OrgTreeSelect
              allowClear
              value={orgId}
              placeholder={t('courses.org')}
              onChange={(v) => {
                setOrgId(v ?? undefined);
                setPage(1);
              }}
              testId="plan-progress-org"
            />
          </div>
          <Checkbox
            checked={onlyBehind}
            onChange={(e) => {
              setOnlyBehind(e.target.checked);
              setPage(1);
            }}
            data-testid="plan-only-behind"
          >
            {t('courses.onlyBehind')}
          </Checkbox>
        </Space>
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="plan-export">
          {t('courses.export')}
        </Button>
      </Flex>
      <PagedTable
        rowKey="memberId"
        size="small"
        loading={data.isPending}
        dataSource={data.data?.items}
        page={page}
        pageSize={20}
        total={data.data?.total}
        onPage={(p) => setPage(p.page)}
        sizeChanger={false}
        columns={[
          { title: t('courses.name'), dataIndex: 'name' },
          { title: t('courses.org'), dataIndex: 'orgName' },
          { title: t('courses.completed'), render: (_, p) => `${p.completed} / ${p.total}` },
          { title: t('courses.minutes'), dataIndex: 'minutes' },
          {
            title: t('courses.status'),
            dataIndex: 'status',
            render: (s: keyof typeof color, p) => <Tag color={color[s]}>{p.statusName}</Tag>,
          },
        ]}
      />
      <Card size="small" title={t('courses.byOrg')} style={{ marginTop: 16 }}>
        <Table
          rowKey="orgId"
          size="small"
          pagination={false}
          dataSource={data.data?.orgs}
          columns={[
            { title: t('courses.org'), dataIndex: 'orgName' },
            { title: t('courses.people'), dataIndex: 'people' },
            { title: t('courses.done'), dataIndex: 'done' },
            { title: t('courses.behind'), dataIndex: 'behind' },
          ]}
        />
      </Card>
    </Drawer>
  );
}

export function PlansTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<Plan | null>(null);
  const list = useQuery({ queryKey: ['courses', 'plans', page], queryFn: () => coursesApi.plans({ page, pageSize: 20 }) });
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">
          {t('courses.newPlan')}
        </Button>
      </Flex>
      <PagedTable<Plan>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t('courses.noPlans')} /> }}
        page={page}
        pageSize={20}
        total={list.data?.total}
        onPage={(p) => setPage(p.page)}
        sizeChanger={false}
        columns={[
          { title: t('courses.planTitle'), dataIndex: 'title' },
          {
            title: t('courses.audienceOrg'),
            render: (_, p) =>
              [p.orgName, p.audienceRole ? ROLES[p.audienceRole as keyof typeof ROLES]?.zh : null, p.audienceLabel]
                .filter(Boolean)
                .join(' · '),
          },
          { title: t('courses.pickCourses'), render: (_, p) => p.courses.length },
          { title: t('courses.dueDate'), dataIndex: 'dueDate' },
          {
            title: t('courses.progress'),
            render: (_, p) => (
              <Space>
                <Progress type="circle" size={28} percent={p.people ? Math.round((p.done / p.people) * 100) : 0} />
                {p.done} / {p.people}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, p) => (
              <Button size="small" onClick={() => setViewing(p)} data-testid={`plan-progress-${p.id}`}>
                {t('courses.planProgress')}
              </Button>
            ),
          },
        ]}
      />
      {creating && <PlanModal orgId={orgId} open onClose={() => setCreating(false)} />}
      {viewing && <ProgressDrawer plan={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}
