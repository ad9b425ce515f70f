import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { COURSE_KINDS, COURSE_TOPICS } from '@vanguard/shared';
import { App, Button, Drawer, Empty, Flex, Form, Input, InputNumber, Select, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type Course, coursesApi } from '../../api/courses';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { kindName, topicName } from './course-names';

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

export function CoursesTab({ orgId }: { orgId: number }) {
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
      <PagedTable<Course>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t('courses.noCourses')} /> }}
        page={page}
        pageSize={20}
        total={list.data?.total}
        onPage={(p) => setPage(p.page)}
        sizeChanger={false}
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
