import { App, Button, Empty, Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TodoDto, TodoStatus } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { isOverdue, severityOf, useMarkDone, useTodos } from '../../lib/todos';
import { PagedTable } from '../components/PagedTable';
import { SEVERITY_COLOR } from './severity';

/** A page of to-dos with paging and “mark done”. Links inside the app open in place. */
export function TodoTable({ status }: { status: TodoStatus }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const todos = useTodos(status, page.page, page.pageSize);
  const markDone = useMarkDone();
  // Marking the last item of the last page done leaves it empty: step back a page.
  const emptyPage = todos.data !== undefined && todos.data.items.length === 0 && page.page > 1;
  useEffect(() => {
    if (emptyPage) setPage((p) => ({ ...p, page: p.page - 1 }));
  }, [emptyPage]);

  const open = (link: string) => (link.startsWith('/') ? navigate(link) : window.open(link, '_blank', 'noopener'));

  const columns: ColumnsType<TodoDto> = [
    {
      key: 'title',
      title: t('home.title'),
      render: (_, r) => (
        <Flex vertical gap={4}>
          <Flex gap={6} wrap align="center">
            <Tag color={SEVERITY_COLOR[severityOf(r)]}>{t(`severity.${severityOf(r)}`)}</Tag>
            {r.kind === 'notice' && <Tag>{t('home.kindNotice')}</Tag>}
            {isOverdue(r) && <Tag color="error">{t('home.overdue')}</Tag>}
            <Typography.Text strong>{r.title}</Typography.Text>
          </Flex>
          {r.body && <Typography.Text type="secondary">{r.body}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.doneAt
              ? t('home.doneAt', { time: formatDateTime(r.doneAt) })
              : r.dueAt
                ? t('home.due', { time: formatDateTime(r.dueAt) })
                : formatDateTime(r.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 1,
      render: (_, r) => (
        <Flex gap={4} vertical>
          {r.link && (
            <Button size="small" onClick={() => r.link && open(r.link)}>
              {t('home.view')}
            </Button>
          )}
          {!r.doneAt && (
            <Button
              size="small"
              type="primary"
              ghost
              loading={markDone.isPending && markDone.variables === r.id}
              data-testid={`todo-done-${r.id}`}
              onClick={() =>
                markDone.mutate(r.id, {
                  onSuccess: () => message.success(t('home.markedDone')),
                  onError: (e) => message.error(errorText(e, t)),
                })
              }
            >
              {t('home.markDone')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <PagedTable<TodoDto>
      rowKey="id"
      showHeader={false}
      columns={columns}
      dataSource={todos.data?.items ?? []}
      loading={todos.isFetching}
      locale={{
        emptyText: todos.isError ? (
          <Empty description={errorText(todos.error, t)} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid="todos-empty">{t('home.empty')}</span>} />
        ),
      }}
      page={page.page}
      pageSize={page.pageSize}
      total={todos.data?.total ?? 0}
      onPage={setPage}
      sizeChanger
      hideOnSinglePage
      showTotal
      data-testid="todo-list"
    />
  );
}
