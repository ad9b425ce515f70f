import { Card, Segmented, Skeleton, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TodoStatus } from '../../api/types';
import { lazyNamed } from '../../lib/lazy';
import { useMe } from '../../lib/session';
import { AgendaCard } from './AgendaCard';

/* The table (antd Table, pagination, filters: ~50 KB) arrives after the greeting and the agenda. */
const TodoTable = lazyNamed(() => import('./TodoTable'), 'TodoTable');

/** 首页: a greeting, what must be done now (the agenda) and the user's to-dos. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [status, setStatus] = useState<TodoStatus>('open');
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: me?.displayName ?? '' })}
      </Typography.Title>
      <AgendaCard />
      <Card
        style={{ marginTop: 16 }}
        title={t('home.title')}
        extra={
          <Segmented<TodoStatus>
            value={status}
            onChange={setStatus}
            options={[
              { value: 'open', label: <span data-testid="todos-open">{t('home.open')}</span> },
              { value: 'done', label: <span data-testid="todos-done">{t('home.done')}</span> },
            ]}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        <Suspense fallback={<Skeleton active style={{ padding: 16 }} />}>
          <TodoTable key={status} status={status} />
        </Suspense>
      </Card>
    </>
  );
}
