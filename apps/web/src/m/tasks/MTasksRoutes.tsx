import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, List, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { filesApi } from '../../api/endpoints';
import { type AssignmentDto, TASKS_KEY, tasksApi } from '../../api/tasks';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

const STATE_COLOR = { pending: 'primary', reported: 'warning', returned: 'danger', passed: 'success', overdue: 'danger' } as const;

/** 任务督办 on the phone: the parts my organization owes, and reporting one with its evidence. */
export function MTasksRoutes() {
  return (
    <Routes>
      <Route index element={<Inbox />} />
      <Route path=":id" element={<AssignmentPage />} />
    </Routes>
  );
}

function StateTag({ a }: { a: Pick<AssignmentDto, 'state'> }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[a.state]}>{t(`tasks.state.${a.state}`)}</Tag>;
}

function Inbox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: [...TASKS_KEY, 'inbox'], queryFn: () => tasksApi.inbox(1, 50) });
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data) return <FullPageSpin />;
  if (!q.data.items.length) return <ErrorBlock status="empty" title={t('tasks.inboxEmpty')} description="" />;
  return (
    <List data-testid="m-tasks">
      {q.data.items.map((a) => (
        <List.Item
          key={a.id}
          onClick={() => navigate(`/m/tasks/${a.id}`)}
          description={`${a.orgName} · ${t('tasks.due', { time: formatDateTime(a.deadline) })}`}
          extra={<StateTag a={a} />}
          data-testid={`m-task-${a.id}`}
        >
          {a.taskTitle}
        </List.Item>
      ))}
    </List>
  );
}

function AssignmentPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...TASKS_KEY, 'assignment', id], queryFn: () => tasksApi.assignment(id) });
  const [text, setText] = useState('');
  const [number, setNumber] = useState('');
  const [file, setFile] = useState<{ id: string; name: string } | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => filesApi.upload(f),
    onSuccess: (f) => setFile({ id: f.id, name: f.name }),
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  const report = useMutation({
    mutationFn: () =>
      tasksApi.report(id, { text: text.trim() || null, number: number.trim() ? Number(number) : null, fileId: file?.id ?? null }),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('tasks.reported') });
      setText('');
      setNumber('');
      setFile(null);
      void qc.invalidateQueries({ queryKey: TASKS_KEY });
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data) return <FullPageSpin />;
  const a = q.data;
  return (
    <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card title={<h1 style={{ fontSize: 17, margin: 0 }}>{a.task.title}</h1>} extra={<StateTag a={a} />}>
        <div style={{ color: 'var(--adm-color-weak)', fontSize: 13 }}>
          {t('tasks.from', { name: a.task.orgName })} · {a.orgName} · {t('tasks.due', { time: formatDateTime(a.deadline) })}
        </div>
        <div style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{a.task.requirements}</div>
      </Card>
      <List header={t('tasks.reports')} data-testid="m-task-reports">
        {a.reports.length === 0 && <List.Item>{t('tasks.noReports')}</List.Item>}
        {a.reports.map((r) => (
          <List.Item
            key={r.id}
            description={
              <>
                <div>{t('tasks.by', { name: r.submittedBy, time: formatDateTime(r.submittedAt) })}</div>
                {r.reason && <div>{t('tasks.reason', { reason: r.reason })}</div>}
              </>
            }
            extra={
              <Tag color={r.verdict === 'passed' ? 'success' : r.verdict ? 'danger' : 'warning'}>
                {r.verdict ? t(`tasks.verdict.${r.verdict}`) : t('tasks.waiting')}
              </Tag>
            }
          >
            {r.text}
            {r.number !== null && ` (${r.number})`}
            {r.file && (
              <div>
                <a href={`/api/v1/files/${r.file.id}`}>{r.file.name}</a>
              </div>
            )}
          </List.Item>
        ))}
      </List>
      {a.mayReport && (
        <Form
          layout="vertical"
          footer={
            <Button block color="danger" loading={report.isPending} onClick={() => report.mutate()} data-testid="m-task-submit">
              {t('tasks.reportSubmit')}
            </Button>
          }
        >
          <Form.Header>{t('tasks.report')}</Form.Header>
          {a.task.reportForm.text && (
            <Form.Item label={t('tasks.reportText')}>
              <TextArea
                value={text}
                onChange={setText}
                maxLength={5000}
                rows={4}
                aria-label={t('tasks.reportText')}
                data-testid="m-task-text"
              />
            </Form.Item>
          )}
          {a.task.reportForm.number && (
            <Form.Item label={t('tasks.reportNumber')}>
              <Input
                value={number}
                onChange={setNumber}
                inputMode="numeric"
                aria-label={t('tasks.reportNumber')}
                data-testid="m-task-number"
              />
            </Form.Item>
          )}
          <Form.Item label={t('tasks.reportFile')} description={file?.name}>
            <input
              type="file"
              aria-label={t('tasks.reportFile')}
              accept=".pdf,.docx,.xlsx,image/*"
              data-testid="m-task-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) upload.mutate(f);
              }}
            />
          </Form.Item>
        </Form>
      )}
    </div>
  );
}
