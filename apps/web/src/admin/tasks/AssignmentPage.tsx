import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { filesApi } from '../../api/endpoints';
import { type AssignmentDetail, TASKS_KEY, tasksApi } from '../../api/tasks';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { OrgMultiSelect } from '../notices/OrgMultiSelect';
import { StateTag } from './TaskBoardPage';

/** One org's part: the task, its reports and verdicts, the parts split below it; report, split, verify. */
export function AssignmentPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: [...TASKS_KEY, 'assignment', id], queryFn: () => tasksApi.assignment(id) });
  if (!q.data) return <Card loading />;
  const a = q.data;
  return (
    <Flex vertical gap={16}>
      <Card title={a.task.title} extra={<StateTag state={a.state} />}>
        {a.task.status === 'closed' && <Alert type="info" message={t('tasks.readOnly')} style={{ marginBottom: 12 }} />}
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('tasks.org')}>{a.task.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.assignee')}>{a.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.deadline')}>{formatDateTime(a.deadline)}</Descriptions.Item>
        </Descriptions>
        <div style={{ whiteSpace: 'pre-wrap' }}>{a.task.requirements}</div>
      </Card>
      <Card title={t('tasks.reports')}>
        <List
          dataSource={a.reports}
          locale={{ emptyText: t('tasks.noReports') }}
          renderItem={(r) => (
            <List.Item
              extra={
                <Tag color={r.verdict === 'passed' ? 'green' : r.verdict ? 'red' : 'gold'}>
                  {r.verdict ? t(`tasks.verdict.${r.verdict}`) : t('tasks.waiting')}
                </Tag>
              }
            >
              <List.Item.Meta
                title={t('tasks.by', { name: r.submittedBy, time: formatDateTime(r.submittedAt) })}
                description={
                  <>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{r.text}</div>
                    {r.number !== null && <div>{`${t('tasks.reportNumber')}：${r.number}`}</div>}
                    {r.file && <a href={`/api/v1/files/${r.file.id}`}>{r.file.name}</a>}
                    {r.reason && <div>{t('tasks.reason', { reason: r.reason })}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
        {a.mayVerify && <Verify a={a} />}
      </Card>
      {a.parts.length > 0 && (
        <Card title={t('tasks.parts')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={a.parts}
            columns={[
              {
                key: 'org',
                title: t('tasks.assignee'),
                render: (_, p) => <Link to={`/admin/tasks/assignments/${p.id}`}>{p.orgName}</Link>,
              },
              { key: 'state', title: t('tasks.col.status'), render: (_, p) => <StateTag state={p.state} /> },
              { key: 'deadline', title: t('tasks.col.deadline'), render: (_, p) => formatDateTime(p.deadline) },
            ]}
          />
        </Card>
      )}
      {a.mayReport && <ReportCard a={a} />}
    </Flex>
  );
}

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: TASKS_KEY });
}

function Verify({ a }: { a: AssignmentDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const verify = useMutation({
    mutationFn: (v: { verdict: 'pass' | 'return'; reason?: string }) => tasksApi.verify(a.id, v),
    onSuccess: (r) => {
      void message.success(r.status === 'passed' ? t('tasks.passed') : t('tasks.returnedOk'));
      setReturning(false);
      void refresh();
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  return (
    <Space style={{ marginTop: 12 }}>
      <Popconfirm title={t('tasks.pass')} onConfirm={() => verify.mutate({ verdict: 'pass' })}>
        <Button type="primary" data-testid="task-pass">
          {t('tasks.pass')}
        </Button>
      </Popconfirm>
      <Button danger onClick={() => setReturning(true)} data-testid="task-return">
        {t('tasks.return')}
      </Button>
      <Modal
        open={returning}
        title={t('tasks.return')}
        onCancel={() => setReturning(false)}
        onOk={() => (reason.trim() ? verify.mutate({ verdict: 'return', reason }) : void message.error(t('tasks.returnReasonRequired')))}
        confirmLoading={verify.isPending}
        okButtonProps={{ 'data-testid': 'task-return-ok' } as never}
      >
        <label htmlFor="task-return-reason">{t('tasks.returnReason')}</label>
        <Input.TextArea
          id="task-return-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          rows={3}
          data-testid="task-return-reason"
        />
      </Modal>
    </Space>
  );
}

function ReportCard({ a }: { a: AssignmentDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ text?: string; number?: number }>();
  const [file, setFile] = useState<{ id: string; name: string } | null>(null);
  const [orgIds, setOrgIds] = useState<number[]>([]);
  const report = useMutation({
    mutationFn: (v: { text?: string; number?: number }) =>
      tasksApi.report(a.id, { text: v.text ?? null, number: v.number ?? null, fileId: file?.id ?? null }),
    onSuccess: () => {
      void message.success(t('tasks.reported'));
      form.resetFields();
      setFile(null);
      void refresh();
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) void message.error(errorText(e, t));
    },
  });
  const split = useMutation({
    mutationFn: () => tasksApi.split(a.id, { orgIds }),
    onSuccess: () => {
      void message.success(t('tasks.splitDone'));
      setOrgIds([]);
      void refresh();
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  return (
    <Card title={t('tasks.report')}>
      <Form form={form} layout="vertical" onFinish={(v) => report.mutate(v)}>
        {a.task.reportForm.text && (
          <Form.Item name="text" label={t('tasks.reportText')}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="task-report-text" />
          </Form.Item>
        )}
        {a.task.reportForm.number && (
          <Form.Item name="number" label={t('tasks.reportNumber')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        )}
        <Form.Item label={t('tasks.reportFile')} name="fileId">
          <Upload
            maxCount={1}
            fileList={file ? [{ uid: file.id, name: file.name, status: 'done' }] : []}
            onRemove={() => setFile(null)}
            customRequest={async ({ file: f, onSuccess, onError }) => {
              try {
                const up = await filesApi.upload(f as File);
                setFile({ id: up.id, name: up.name });
                onSuccess?.(up);
              } catch (e) {
                void message.error(errorText(e, t));
                onError?.(e as Error);
              }
            }}
          >
            <Button>{t('notices.upload')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="task-report-submit">
          {t('tasks.reportSubmit')}
        </Button>
      </Form>
      <div style={{ marginTop: 24 }}>
        <label htmlFor="task-split-orgs">{t('tasks.splitOrgs')}</label>
        <Space.Compact style={{ width: '100%', marginTop: 4 }}>
          <OrgMultiSelect id="task-split-orgs" value={orgIds} onChange={setOrgIds} testId="task-split-orgs" />
          <Button onClick={() => split.mutate()} disabled={!orgIds.length} loading={split.isPending} data-testid="task-split">
            {t('tasks.split')}
          </Button>
        </Space.Compact>
      </div>
    </Card>
  );
}
