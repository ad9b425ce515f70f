import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Card, Grid, InfiniteScroll, List, ProgressBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { pointsApi } from '../../api/points';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

const PAGE = 20;

/** 我的学习积分: today against the cap, this month and year, my rank in my branch, and the history. */
function MyPoints() {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: ['my-points'], queryFn: pointsApi.me });
  const hist = useInfiniteQuery({
    queryKey: ['my-points', 'history'],
    queryFn: ({ pageParam }) => pointsApi.history(pageParam, PAGE),
    initialPageParam: 1,
    getNextPageParam: (last, all) => (all.length * PAGE < last.total ? all.length + 1 : undefined),
  });
  if (me.isPending) return <FullPageSpin />;
  if (me.error) return <ErrorBlock status="default" title={errorText(me.error, t)} />;
  const d = me.data;
  const items = hist.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div style={{ padding: 8 }}>
      <Card title={t('points.m.today')}>
        <div style={{ fontSize: 28, fontWeight: 600 }} data-testid="m-points-today">
          {d.today.points}
          <span style={{ fontSize: 14, color: 'var(--adm-color-weak)' }}> / {t('points.m.cap', { n: d.today.cap })}</span>
        </div>
        <ProgressBar percent={d.today.cap ? Math.min(100, (d.today.points / d.today.cap) * 100) : 0} />
        <div style={{ marginTop: 8 }}>
          {d.today.byActivity.map((a) => (
            <Tag key={a.activity} style={{ marginRight: 4, marginBottom: 4 }} color={a.points >= a.cap ? 'warning' : 'default'}>
              {a.name} {a.points}/{a.cap}
            </Tag>
          ))}
        </div>
      </Card>
      <Card style={{ marginTop: 8 }}>
        <Grid columns={3} gap={8}>
          <Grid.Item>
            <div style={{ color: 'var(--adm-color-weak)' }}>{t('points.m.month')}</div>
            <div style={{ fontSize: 20 }} data-testid="m-points-month">
              {d.month.points}
            </div>
          </Grid.Item>
          <Grid.Item>
            <div style={{ color: 'var(--adm-color-weak)' }}>{t('points.m.year')}</div>
            <div style={{ fontSize: 20 }}>{d.year.points}</div>
          </Grid.Item>
          <Grid.Item>
            <div style={{ color: 'var(--adm-color-weak)' }}>{t('points.m.rank')}</div>
            <div style={{ fontSize: 20 }} data-testid="m-points-rank">
              {d.branch ? `${d.branch.rank}/${d.branch.of}` : '—'}
            </div>
          </Grid.Item>
        </Grid>
        {d.branch ? (
          <div style={{ color: 'var(--adm-color-weak)', marginTop: 4 }}>{t('points.m.rankNote', { name: d.branch.name })}</div>
        ) : null}
      </Card>
      <List header={t('points.m.history')} style={{ marginTop: 8 }}>
        {items.length === 0 && !hist.isPending ? <List.Item>{t('points.m.noHistory')}</List.Item> : null}
        {items.map((e) => (
          <List.Item
            key={e.id}
            description={`${e.day}${e.capped ? ` · ${t('points.m.capped', { n: e.requested })}` : ''}`}
            extra={<span style={{ color: e.points ? '#c0392b' : '#888' }}>+{e.points}</span>}
          >
            {e.activityName}
          </List.Item>
        ))}
      </List>
      <InfiniteScroll loadMore={async () => void (await hist.fetchNextPage())} hasMore={hist.hasNextPage ?? false} />
    </div>
  );
}

/** Phone pages of the points module (/m/points/*). */
export function MPointsRoutes() {
  return <MyPoints />;
}
