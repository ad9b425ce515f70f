import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type AssignmentDto, TASKS_KEY, tasksApi } from '../../api/tasks';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';

const STATE_COLOR = { pending: 'processing', reported: 'gold', returned: 'red', passed: 'green', overdue: 'red' } as const;
export function StateTag({ state }: { state: AssignmentDto['state'] }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`tasks.state.${state}`)}</Tag>;
}

type Node = AssignmentDto & { children?: Node[] };

/** The parts as a tree: a part's children are the parts split below it (roots: parts whose parent is not in view). */
export function asTree(list: AssignmentDto[]): Node[] {
  const ids = new Set(list.map((a) => a.id));
  const kids = new Map<number, Node[]>();
  for (const a of list) if (a.parentId !== null && ids.has(a.parentId)) kids.set(a.parentId, [...(kids.get(a.parentId) ?? []), a]);
  const build = (a: AssignmentDto): Node => {
    const c = kids.get(a.id);
    return c ? { ...a, children: c.map(build) } : { ...a };
  };
  return list.filter((a) => a.parentId === null || !ids.has(a.parentId)).map(build);
}

/** 任务看板: the task and the state of every org's part, as a tree; export and close. */
export function TaskBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const b = useQuery({ queryKey: [...TASKS_KEY, 'board', id], queryFn: () => tasksApi.board(id) });
  const close = useMutation({
    mutationFn: () => tasksApi.close(id),
    onSuccess: () => {
      void message.success(t('tasks.closed'));
      void qc.invalidateQueries({ queryKey: TASKS_KEY });
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const exp = useMutation({
    mutationFn: () => tasksApi.exportBoard(id),
    onSuccess: (f) => saveBlob(f.blob, f.fileName ?? `task-${id}.xlsx`),
    onError: (e) => void message.error(errorText(e, t)),
  });
  if (!b.data) return <Card loading />;
  const d = b.data;
  const columns: ColumnsType<Node> = [
    { key: 'org', title: t('tasks.assignee'), render: (_, a) => <Link to={`/admin/tasks/assignments/${a.id}`}>{a.orgName}</Link> },
    { key: 'state', title: t('tasks.col.status'), render: (_, a) => <StateTag state={a.state} /> },
    { key: 'deadline', title: t('tasks.col.deadline'), render: (_, a) => formatDateTime(a.deadline) },
    { key: 'reportedAt', title: t('tasks.reported'), render: (_, a) => (a.reportedAt ? formatDateTime(a.reportedAt) : '—') },
    {
      key: 'parts',
      title: t('tasks.parts'),
      render: (_, a) => (a.partCount ? t('tasks.progress', { passed: a.partsPassed, total: a.partCount }) : '—'),
    },
  ];
  return (
    <Card
      title={`${t('tasks.board')}：${d.title}`}
      extra={
        <Space>
          <Button onClick={() => exp.mutate()} loading={exp.isPending}>
            {t('tasks.export')}
          </Button>
          {d.status === 'open' && (
            <Popconfirm title={t('tasks.closeConfirm')} onConfirm={() => close.mutate()}>
              <Button danger>{t('tasks.close')}</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('tasks.org')}>{d.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('tasks.deadline')}>{formatDateTime(d.deadline)}</Descriptions.Item>
        <Descriptions.Item label={t('tasks.col.status')}>{t(`tasks.taskStatus.${d.status}`)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.requirements}</Typography.Paragraph>
      <Table<Node>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={asTree(d.assignments)}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        data-testid="task-board"
      />
    </Card>
  );
}
