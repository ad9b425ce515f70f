import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  COURSE_AUDIENCE_LABELS,
  COURSE_KINDS,
  COURSE_TOPICS,
  type CourseKind,
  type CourseTopic,
  ROLE_CODES,
  ROLES,
} from '@vanguard/shared';
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
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { isApiError } from '../../api/client';
import { type Course, coursesApi, type Plan, type PlanInput } from '../../api/courses';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { OrgTabsPage } from '../orgs/OrgTabsPage';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

const topicName = (k: string) => COURSE_TOPICS[k as CourseTopic] ?? k;
const kindName = (k: string) => COURSE_KINDS[k as CourseKind] ?? k;

/** Create or edit a course: article body in a textarea (sanitized by the server), PDF/video uploaded through platform/files. */
function CourseDrawer({ orgId, course, open, onClose }: { orgId: number; course: Course | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const kind: string = Form.useWatch('kind', form) ?? course?.kind ?? 'article';
  const [fileName, setFileName] = useState<string | null>(course?.fileName ?? null);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = {
        title: v.title as string,
        topic: v.topic as string,
        summary: (v.summary as string) ?? '',
        ...(kind === 'article' ? { bodyHtml: v.bodyHtml as string } : { fileId: (v.fileId as string) ?? null }),
        ...(kind === 'video' ? { durationSeconds: (v.durationSeconds as number) ?? null } : {}),
        minSeconds: (v.minSeconds as number) ?? null,
      };
      return course ? coursesApi.update(course.id, body) : coursesApi.create({ ...body, orgId, kind });
    },
    onSuccess: () => {
      message.success(t('courses.saved'));
      void qc.invalidateQueries({ queryKey: ['courses'] });
      onClose();
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
      else message.error(e.message);
    },
  });
  const upload = async (file: File, field: 'fileId' | 'image') => {
    try {
      const f = await coursesApi.upload(file);
      if (field === 'fileId') {
        form.setFieldValue('fileId', f.id);
        setFileName(f.name);
      } else {
        form.setFieldValue(
          'bodyHtml',
          `${form.getFieldValue('bodyHtml') ?? ''}\n<img src="/api/v1/files/${f.id}" alt="${f.name.replace(/"/g, '')}">`,
        );
      }
    } catch (e) {
      message.error(errorText(e, t));
    }
    return false;
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={720}
      title={course ? t('courses.editCourse') : t('courses.newCourse')}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="course-save">
          {t('courses.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={course ?? { kind: 'article', topic: 'safety', summary: '' }}
      >
        <Form.Item name="title" label={t('courses.courseTitle')} rules={[{ required: true, message: '请填写课程名称' }]}>
          <Input maxLength={100} data-testid="course-title" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="topic" label={t('courses.topic')} style={{ flex: 1 }}>
            <Select options={Object.entries(COURSE_TOPICS).map(([value, label]) => ({ value, label }))} data-testid="course-topic" />
          </Form.Item>
          <Form.Item name="kind" label={t('courses.kind')} style={{ flex: 1 }}>
            <Select
              disabled={Boolean(course)}
              options={Object.entries(COURSE_KINDS).map(([value, label]) => ({ value, label }))}
              data-testid="course-kind"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="summary" label={t('courses.summary')}>
          <Input maxLength={500} />
        </Form.Item>
        {kind === 'article' ? (
          <>
            <Form.Item name="bodyHtml" label={t('courses.body')} extra={t('courses.bodyHint')}>
              <Input.TextArea rows={14} data-testid="course-body" />
            </Form.Item>
            <Upload accept="image/png,image/jpeg,image/webp" showUploadList={false} beforeUpload={(f) => upload(f, 'image')}>
              <Button icon={<UploadOutlined />}>{t('courses.insertImage')}</Button>
            </Upload>
          </>
        ) : (
          <>
            <Form.Item name="fileId" label={t('courses.file')} extra={fileName ? t('courses.uploaded', { name: fileName }) : undefined}>
              <Upload
                accept={kind === 'video' ? 'video/mp4' : 'application/pdf'}
                showUploadList={false}
                beforeUpload={(f) => upload(f, 'fileId')}
              >
                <Button icon={<UploadOutlined />} data-testid="course-upload">
                  {kind === 'video' ? t('courses.uploadVideo') : t('courses.uploadPdf')}
                </Button>
              </Upload>
            </Form.Item>
            {kind === 'video' && (
              <Form.Item name="durationSeconds" label={t('courses.duration')}>
                <InputNumber min={1} max={36000} />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="minSeconds" label={t('courses.minSeconds')} style={{ marginTop: 16 }}>
          <InputNumber min={1} max={36000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function CoursesTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [topic, setTopic] = useState<string | undefined>();
  const [editing, setEditing] = useState<Course | null | 'new'>(null);
  const list = useQuery({ queryKey: ['courses', 'list', page, topic], queryFn: () => coursesApi.list({ page, pageSize: 20, topic }) });
  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('courses.topic')}
          style={{ width: 160 }}
          value={topic}
          onChange={setTopic}
          options={Object.entries(COURSE_TOPICS).map(([value, label]) => ({ value, label }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="course-new">
          {t('courses.newCourse')}
        </Button>
      </Flex>
      <Table<Course>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t('courses.noCourses')} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('courses.courseTitle'), dataIndex: 'title' },
          { title: t('courses.topic'), dataIndex: 'topic', render: (v: string) => <Tag>{topicName(v)}</Tag> },
          { title: t('courses.kind'), dataIndex: 'kind', render: kindName },
          { title: t('courses.org'), dataIndex: 'orgName' },
          {
            title: t('courses.required'),
            render: (_, c) => (c.kind === 'video' ? t('courses.requiredVideo') : t('courses.requiredSeconds', { n: c.requiredSeconds })),
          },
          { title: t('courses.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
          {
            title: '',
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => setEditing(c)}>
                  {t('courses.edit')}
                </Button>
                {c.fileId && (
                  <a href={`/api/v1/my/courses/${c.id}/media`} target="_blank" rel="noreferrer">
                    {t('courses.preview')}
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && <CourseDrawer orgId={orgId} course={editing === 'new' ? null : editing} open onClose={() => setEditing(null)} />}
    </>
  );
}

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
      <Table
        rowKey="memberId"
        size="small"
        loading={data.isPending}
        dataSource={data.data?.items}
        pagination={{ current: page, pageSize: 20, total: data.data?.total, onChange: setPage, showSizeChanger: false }}
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

function PlansTab({ orgId }: { orgId: number }) {
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
      <Table<Plan>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t('courses.noPlans')} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
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

/** 课程与学习: courses and plans as tabs; the org picked at the top owns new courses and plans. */
function CoursesPage() {
  const { t } = useTranslation();
  return (
    <OrgTabsPage
      title={t('courses.title')}
      orgLabel={t('courses.org')}
      pickOrg={t('courses.pickOrg')}
      testId="courses"
      tabs={[
        { key: 'courses', label: t('courses.tabs.courses'), render: (orgId) => <CoursesTab orgId={orgId} /> },
        { key: 'plans', label: t('courses.tabs.plans'), render: (orgId) => <PlansTab orgId={orgId} /> },
      ]}
    />
  );
}

/** Console pages of the courses module, under /admin/courses/*. */
export function CoursesRoutes() {
  return (
    <Routes>
      <Route index element={<CoursesPage />} />
    </Routes>
  );
}
