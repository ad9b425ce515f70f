import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CALENDAR_KIND_LABELS } from '@vanguard/shared/api/calendar';
import { Alert, App, Badge, Button, Calendar, Card, Flex, Popconfirm, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CalendarEventDto, calendarApi, dayOf, type FeedCreated, timeOf } from '../../api/calendar';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';

const KIND_STATUS = { meeting: 'processing', deadline: 'error', exam: 'warning', event: 'success' } as const;

/** The days the month's grid shows: six weeks from the week of the 1st (antd's Calendar shows 42 cells). */
function monthRange(d: Dayjs): readonly [string, string] {
  const first = d.startOf('month').startOf('week');
  return [first.format('YYYY-MM-DD'), first.add(41, 'day').format('YYYY-MM-DD')];
}

/** 我的日程: the month's meetings, deadlines and exams, and the phone-calendar subscription. */
export function CalendarPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => dayjs());
  const [from, to] = monthRange(month);
  const events = useQuery({ queryKey: ['calendar', from, to], queryFn: () => calendarApi.events(from, to) });
  const byDay = new Map<string, CalendarEventDto[]>();
  for (const e of events.data?.items ?? []) byDay.set(dayOf(e), [...(byDay.get(dayOf(e)) ?? []), e]);

  return (
    <Flex vertical gap={16}>
      <Card title={t('calendar.title')}>
        {events.error && <Alert type="error" showIcon title={errorText(events.error, t)} />}
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => info.source !== 'date' && setMonth(d)}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const list = byDay.get(d.format('YYYY-MM-DD')) ?? [];
            return (
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid={`calendar-day-${d.format('YYYY-MM-DD')}`}>
                {list.map((e) => (
                  <li key={e.uid} title={e.location ?? undefined}>
                    <Badge
                      status={KIND_STATUS[e.kind]}
                      text={`${timeOf(e) ?? CALENDAR_KIND_LABELS[e.kind]} ${e.title}`}
                      style={{ fontSize: 12 }}
                    />
                  </li>
                ))}
              </ul>
            );
          }}
        />
      </Card>
      <FeedCard />
    </Flex>
  );
}

/** 订阅到手机日历: a secret URL shown once; a new one replaces it; 停用 makes it answer nothing. */
export function FeedCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [created, setCreated] = useState<FeedCreated | null>(null);
  const status = useQuery({ queryKey: ['calendar-feed'], queryFn: calendarApi.feed });
  const create = useMutation({
    mutationFn: calendarApi.createFeed,
    onSuccess: (r) => {
      setCreated(r);
      void qc.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const revoke = useMutation({
    mutationFn: calendarApi.revokeFeed,
    onSuccess: () => {
      setCreated(null);
      void message.success(t('calendar.revoked'));
      void qc.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const s = status.data;
  return (
    <Card title={t('calendar.feedTitle')}>
      <Typography.Paragraph type="secondary">{t('calendar.feedHint')}</Typography.Paragraph>
      {s?.active && (
        <Typography.Paragraph>
          {t('calendar.feedActive', {
            at: formatDateTime(s.createdAt),
            read: s.lastReadAt ? formatDateTime(s.lastReadAt) : t('calendar.never'),
          })}
        </Typography.Paragraph>
      )}
      {created && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('calendar.feedShownOnce')}
          description={
            <Typography.Text copyable data-testid="calendar-feed-url">
              {created.webcalUrl}
            </Typography.Text>
          }
        />
      )}
      <Space>
        <Button type="primary" loading={create.isPending} onClick={() => create.mutate()} data-testid="calendar-feed-create">
          {s?.active ? t('calendar.feedRenew') : t('calendar.feedCreate')}
        </Button>
        {s?.active && (
          <Popconfirm title={t('calendar.revokeConfirm')} onConfirm={() => revoke.mutate()}>
            <Button danger loading={revoke.isPending}>
              {t('calendar.revoke')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Card>
  );
}
