import { useMutation, useQuery } from '@tanstack/react-query';
import { CALENDAR_KIND_LABELS } from '@vanguard/shared/api/calendar';
import { Button, Calendar, Card, Dialog, List, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { type CalendarEventDto, calendarApi, dayOf, timeOf } from '../../api/calendar';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';

const KIND_COLOR = { meeting: 'primary', deadline: 'danger', exam: 'warning', event: 'success' } as const;
const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const lastDay = (y: number, m: number) => new Date(y, m, 0).getDate();

/** 我的日程 on the phone: the month with a dot on busy days, the chosen day's entries, and the calendar subscription. */
export function MCalendarRoutes() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // `?day=YYYY-MM-DD` opens on that day (a link from a message or a to-do); otherwise today.
  const [params] = useSearchParams();
  const asked = params.get('day');
  const today = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? new Date(`${asked}T12:00:00`) : new Date();
  const [page, setPage] = useState({ y: today.getFullYear(), m: today.getMonth() + 1 });
  const [picked, setPicked] = useState<Date>(today);
  const from = `${page.y}-${pad(page.m)}-01`;
  const to = `${page.y}-${pad(page.m)}-${pad(lastDay(page.y, page.m))}`;
  const events = useQuery({ queryKey: ['calendar', from, to], queryFn: () => calendarApi.events(from, to) });
  const byDay = new Map<string, CalendarEventDto[]>();
  for (const e of events.data?.items ?? []) byDay.set(dayOf(e), [...(byDay.get(dayOf(e)) ?? []), e]);
  const list = byDay.get(ymd(picked)) ?? [];

  const feed = useMutation({
    mutationFn: calendarApi.createFeed,
    onSuccess: (r) =>
      void Dialog.alert({
        title: t('calendar.feedShownOnce'),
        content: <TextArea value={r.webcalUrl} readOnly autoSize data-testid="m-calendar-feed-url" />,
        confirmText: t('common.ok', '知道了'),
      }),
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });

  if (events.error) return <ErrorBlock status="default" title={errorText(events.error, t)} />;
  return (
    <div style={{ padding: 12 }}>
      <Card>
        <Calendar
          selectionMode="single"
          value={picked}
          onChange={(d) => d && setPicked(d)}
          onPageChange={(y, m) => setPage({ y, m })}
          renderLabel={(d) => (byDay.has(ymd(d)) ? <span style={{ color: 'var(--adm-color-danger)' }}>●</span> : null)}
        />
      </Card>
      <List header={ymd(picked)} data-testid="m-calendar-day">
        {list.length === 0 && <List.Item>{t('calendar.empty')}</List.Item>}
        {list.map((e) => (
          <List.Item
            key={e.uid}
            prefix={<Tag color={KIND_COLOR[e.kind]}>{CALENDAR_KIND_LABELS[e.kind]}</Tag>}
            description={[timeOf(e), e.location].filter(Boolean).join(' · ') || undefined}
            onClick={e.link?.startsWith('/m/') ? () => navigate(e.link as string) : undefined}
          >
            {e.title}
          </List.Item>
        ))}
      </List>
      <Card title={t('calendar.feedTitle')} style={{ marginTop: 12 }}>
        <p style={{ color: 'var(--adm-color-weak)', fontSize: 13 }}>{t('calendar.feedHint')}</p>
        <Button block color="primary" loading={feed.isPending} onClick={() => feed.mutate()}>
          {t('calendar.feedRenew')}
        </Button>
      </Card>
    </div>
  );
}
