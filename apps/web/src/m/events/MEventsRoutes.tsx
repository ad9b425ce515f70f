import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventDetailDto } from '@vanguard/shared/api/events';
import { Button, Card, Dialog, Input, List, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { eventsApi } from '../../api/events';
import { proposalsApi } from '../../api/proposals';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

const when = (s: string) =>
  new Date(s).toLocaleString('zh-CN', { hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const STATUS_KEY = { registered: 'events.registered', waitlisted: 'events.waitlisted', cancelled: 'events.m.cancel' } as const;

function EventList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['my-events'], queryFn: eventsApi.mine });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data.items.length) return <ErrorBlock status="empty" title={t('events.none')} />;
  return (
    <List header={t('events.m.list')}>
      {q.data.items.map((e) => (
        <List.Item
          key={e.id}
          data-testid={`m-event-${e.id}`}
          onClick={() => navigate(`/m/events/${e.id}`)}
          description={`${e.kindName} · ${when(e.startsAt)} · ${e.place} · ${t('events.m.places', { taken: e.registeredCount, capacity: e.capacity })}`}
          extra={e.myStatus && e.myStatus !== 'cancelled' ? <Tag color="primary">{t(STATUS_KEY[e.myStatus])}</Tag> : null}
        >
          {e.title}
        </List.Item>
      ))}
    </List>
  );
}

function EventView() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [code, setCode] = useState('');
  const q = useQuery({ queryKey: ['my-event', id], queryFn: () => eventsApi.myGet(id) });
  const done = (d: EventDetailDto) => {
    qc.setQueryData(['my-event', id], d);
    void qc.invalidateQueries({ queryKey: ['my-events'] });
  };
  const fail = (e: unknown) => Toast.show({ icon: 'fail', content: errorText(e, t) });
  const register = useMutation({ mutationFn: () => eventsApi.register(id), onSuccess: done, onError: fail });
  const cancel = useMutation({ mutationFn: () => eventsApi.cancel(id), onSuccess: done, onError: fail });
  const checkin = useMutation({ mutationFn: () => eventsApi.checkin(id, code), onSuccess: done, onError: fail });
  const photo = useMutation({
    mutationFn: async (f: File) => eventsApi.photo(id, (await proposalsApi.upload(f)).id),
    onSuccess: done,
    onError: fail,
  });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  const e = q.data;
  const active = e.myStatus === 'registered' || e.myStatus === 'waitlisted';
  return (
    <div style={{ padding: 8 }}>
      <Card title={e.title} extra={<Tag>{e.kindName}</Tag>}>
        <div>{`${when(e.startsAt)} ~ ${when(e.endsAt)} · ${e.place}`}</div>
        <div data-testid="m-event-places">{t('events.m.places', { taken: e.registeredCount, capacity: e.capacity })}</div>
        <div>{e.description}</div>
        {active ? (
          <div data-testid="m-event-mine">
            {t('events.m.myStatus', { status: t(STATUS_KEY[e.myStatus as 'registered']) })}
            {e.myStatus === 'waitlisted' && e.myPosition ? ` · ${t('events.m.position', { n: e.myPosition })}` : ''}
          </div>
        ) : null}
        {e.summary ? <p>{e.summary}</p> : null}
      </Card>
      {active ? (
        <Button
          block
          color="danger"
          fill="outline"
          style={{ marginTop: 8 }}
          loading={cancel.isPending}
          data-testid="m-event-cancel"
          onClick={() => void Dialog.confirm({ content: t('events.m.cancelConfirm'), onConfirm: () => cancel.mutate() })}
        >
          {t('events.m.cancel')}
        </Button>
      ) : (
        <Button
          block
          color="primary"
          style={{ marginTop: 8 }}
          loading={register.isPending}
          onClick={() => register.mutate()}
          data-testid="m-event-register"
        >
          {e.registeredCount >= e.capacity ? `${t('events.m.register')}（${t('events.m.full')}）` : t('events.m.register')}
        </Button>
      )}
      {e.myStatus === 'registered' ? (
        <Card title={t('events.m.checkin')} style={{ marginTop: 8 }}>
          {e.checkedIn ? (
            <Tag color="success">{t('events.m.checkedIn')}</Tag>
          ) : (
            <>
              <Input
                aria-label={t('events.m.checkin')}
                placeholder={t('events.m.codePlaceholder')}
                value={code}
                onChange={setCode}
                maxLength={6}
              />
              <Button size="small" onClick={() => checkin.mutate()} disabled={code.length !== 6}>
                {t('events.m.checkin')}
              </Button>
            </>
          )}
          <div style={{ marginTop: 8 }}>
            <label>
              {t('events.m.uploadPhoto')}
              <input
                type="file"
                accept="image/*"
                onChange={(x) => {
                  const f = x.target.files?.[0];
                  if (f) photo.mutate(f);
                }}
              />
            </label>
          </div>
        </Card>
      ) : null}
      {e.photos.length ? (
        <Card title={t('events.photos')} style={{ marginTop: 8 }}>
          {e.photos.map((p) => (
            <div key={p.id}>
              <img src={`/api/v1/files/${p.fileId}`} alt={p.name} style={{ maxWidth: '100%' }} />
              {p.status === 'pending' ? <Tag>{t('events.m.pending')}</Tag> : null}
            </div>
          ))}
        </Card>
      ) : null}
    </div>
  );
}

/** Phone pages of the events module (/m/events/*). */
export function MEventsRoutes() {
  return (
    <Routes>
      <Route index element={<EventList />} />
      <Route path=":id" element={<EventView />} />
    </Routes>
  );
}
