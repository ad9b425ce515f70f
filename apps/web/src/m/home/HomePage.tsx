import { useQueryClient } from '@tanstack/react-query';
import { InfiniteScroll, PullToRefresh, Tabs, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TodoStatus } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { useMarkDone } from '../../lib/todos';
import { ErrorBlock } from '../ErrorBlock';
import { AgendaList } from './AgendaList';
import { ServiceGrid } from './ServiceGrid';
import { TodoCard } from './TodoCard';
import { useTodoPages } from './useTodoPages';

/** 首页 on the phone: services, what to do now (the agenda), my to-dos (open / done), pull to refresh, scroll for more. */
export function HomePage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TodoStatus>('open');
  const pages = useTodoPages(status);
  const markDone = useMarkDone();
  const qc = useQueryClient();
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div>
      <ServiceGrid />
      <AgendaList />
      <Tabs
        activeKey={status}
        onChange={(k) => setStatus(k === 'done' ? 'done' : 'open')}
        style={{ background: '#fff', '--title-font-size': '15px' } as React.CSSProperties}
      >
        <Tabs.Tab key="open" title={<span data-testid="todos-open">{t('home.open')}</span>} />
        <Tabs.Tab key="done" title={<span data-testid="todos-done">{t('home.done')}</span>} />
      </Tabs>
      <PullToRefresh
        onRefresh={async () => void (await Promise.all([pages.refetch(), qc.invalidateQueries({ queryKey: ['todos', 'agenda'] })]))}
      >
        <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 10, minHeight: '50vh' }}>
          {pages.isError && !items.length ? (
            <ErrorBlock status="disconnected" title={t('errors.loadFailed')} description={errorText(pages.error, t)} />
          ) : !pages.isPending && !items.length ? (
            <ErrorBlock status="empty" title={<span data-testid="todos-empty">{t('home.empty')}</span>} description="" />
          ) : (
            items.map((todo) => (
              <TodoCard
                key={todo.id}
                todo={todo}
                busy={markDone.isPending && markDone.variables === todo.id}
                onDone={() =>
                  markDone.mutate(todo.id, {
                    onSuccess: () => Toast.show({ icon: 'success', content: t('home.markedDone') }),
                    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
                  })
                }
              />
            ))
          )}
          {items.length > 0 && (
            <InfiniteScroll loadMore={async () => void (await pages.fetchNextPage())} hasMore={pages.hasNextPage}>
              {pages.hasNextPage ? t('common.loading') : t('mobile.noMore')}
            </InfiniteScroll>
          )}
        </div>
      </PullToRefresh>
    </div>
  );
}
