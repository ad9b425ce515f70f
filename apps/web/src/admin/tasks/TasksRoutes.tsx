import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { type InboxItem, TASKS_KEY, type TaskListItem, tasksApi } from '../../api/tasks';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { AssignmentPage } from './AssignmentPage';
import { StateTag, TaskBoardPage } from './TaskBoardPage';
import { TaskCreateModal } from './TaskCreateModal';

/** Console pages of tasks (/admin/tasks/*): tasks we assigned, parts we owe, the board, one part. */
export function TasksRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <Card title={t('tasks.title')}>
            <Tabs
              items={[
                { key: 'inbox', label: t('tasks.inbox'), children: <InboxTab /> },
                { key: 'assigned', label: t('tasks.assigned'), children: <AssignedTab /> },
              ]}
            />
          </Card>
        }
      />
      <Route path=":id" element={<TaskBoardPage />} />
      <Route path="assignments/:id" element={<AssignmentPage />} />
    </Routes>
  );
}

function AssignedTab() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: [...TASKS_KEY, 'list', paging],
    queryFn: () => tasksApi.list(paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<TaskListItem> = [
    { key: 'title', title: t('tasks.col.title'), render: (_, x) => <Link to={`/admin/tasks/${x.id}`}>{x.title}</Link> },
    { key: 'org', title: t('tasks.col.org'), dataIndex: 'orgName' },
    { key: 'deadline', title: t('tasks.col.deadline'), render: (_, x) => formatDateTime(x.deadline) },
    {
      key: 'status',
      title: t('tasks.col.status'),
      render: (_, x) => <Tag color={x.status === 'open' ? 'processing' : 'default'}>{t(`tasks.taskStatus.${x.status}`)}</Tag>,
    },
    {
      key: 'progress',
      title: t('tasks.col.progress'),
      render: (_, x) => (
        <span>
          {t('tasks.progress', { passed: x.counts.passed, total: x.total })}
          {x.counts.overdue > 0 && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>{`${t('tasks.state.overdue')} ${x.counts.overdue}`}</Tag>
          )}
        </span>
      ),
    },
  ];
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }} data-testid="task-create">
        {t('tasks.create')}
      </Button>
      <PagedTable<TaskListItem>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isPending}
        page={paging.page}
        pageSize={paging.pageSize}
        total={list.data?.total}
        onPage={setPaging}
        showTotal
        locale={{ emptyText: t('tasks.empty') }}
      />
      <TaskCreateModal
        open={open}
        onClose={(id) => {
          setOpen(false);
          if (id) navigate(`/admin/tasks/${id}`);
        }}
      />
    </>
  );
}

function InboxTab() {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: [...TASKS_KEY, 'inbox', paging],
    queryFn: () => tasksApi.inbox(paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<InboxItem> = [
    { key: 'title', title: t('tasks.col.title'), render: (_, a) => <Link to={`/admin/tasks/assignments/${a.id}`}>{a.taskTitle}</Link> },
    { key: 'assignee', title: t('tasks.assignee'), dataIndex: 'orgName' },
    { key: 'from', title: t('tasks.col.org'), dataIndex: 'assignerName' },
    { key: 'deadline', title: t('tasks.col.deadline'), render: (_, a) => formatDateTime(a.deadline) },
    { key: 'state', title: t('tasks.col.status'), render: (_, a) => <StateTag state={a.state} /> },
  ];
  return (
    <PagedTable<InboxItem>
      rowKey="id"
      columns={columns}
      dataSource={list.data?.items}
      loading={list.isPending}
      page={paging.page}
      pageSize={paging.pageSize}
      total={list.data?.total}
      onPage={setPaging}
      showTotal
      locale={{ emptyText: t('tasks.inboxEmpty') }}
    />
  );
}
