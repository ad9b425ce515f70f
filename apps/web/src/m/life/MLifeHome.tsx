import { useQuery } from '@tanstack/react-query';
import type { MyMeetingWire } from '@vanguard/shared/api/life';
import { Grid, List, NoticeBar, Tabs, Tag } from 'antd-mobile';
import { CheckCircleOutline, ClockCircleOutline, ScanningOutline, UserContactOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/session';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';
import { SignInQueue } from './MSignInPage';
import { useSignInQueue } from './offline-queue';

/** 组织生活 on the phone: sign in, my hours, my appraisal tasks, my upcoming and past meetings. */
export function MLifeHome() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const owner = useMe().data?.id;
  const list = useQuery({ queryKey: ['life', 'my', 'meetings', when], queryFn: () => lifeApi.myMeetings(when) });
  const tasks = useQuery({ queryKey: ['life', 'my', 'appraisals'], queryFn: lifeApi.myAppraisals });
  // Sent at start and when the network is back (offline-queue.ts startSignInSync).
  const waiting = useSignInQueue(owner).waiting.length;
  const open = (tasks.data ?? []).filter((a) => a.status === 'open' && (!a.selfDone || !a.voted));
  if (list.isError && isApiError(list.error) && list.error.status === 404)
    return <ErrorBlock status="empty" title={t('life.mobileTitle')} description={errorText(list.error, t)} />;
  return (
    <div style={{ paddingBottom: 16 }}>
      {waiting > 0 && <NoticeBar content={t('life.m.queuedCount', { n: waiting })} color="alert" data-testid="mlife-waiting-sync" />}
      <SignInQueue owner={owner} />
      <Grid columns={3} style={{ background: '#fff', padding: '16px 0' }}>
        {[
          { to: '/m/life/sign-in', icon: <ScanningOutline fontSize={28} />, label: t('life.m.signIn'), id: 'signin' },
          { to: '/m/life/hours', icon: <ClockCircleOutline fontSize={28} />, label: t('life.m.hours'), id: 'hours' },
          {
            to: open[0] ? `/m/life/appraisals/${open[0].id}` : tasks.data?.[0] ? `/m/life/appraisals/${tasks.data[0].id}` : '',
            icon: <UserContactOutline fontSize={28} />,
            label: t('life.m.appraisals'),
            id: 'appraisals',
          },
        ].map((g) => (
          <Grid.Item key={g.id} onClick={() => g.to && navigate(g.to)} data-testid={`mlife-${g.id}`}>
            <div style={{ textAlign: 'center', color: '#c8161e' }}>{g.icon}</div>
            <div style={{ textAlign: 'center', fontSize: 13, marginTop: 4 }}>
              {g.label}
              {g.id === 'appraisals' && open.length > 0 && (
                <Tag color="danger" style={{ marginLeft: 4 }}>
                  {open.length}
                </Tag>
              )}
            </div>
          </Grid.Item>
        ))}
      </Grid>
      <Tabs activeKey={when} onChange={(k) => setWhen(k as typeof when)}>
        <Tabs.Tab key="upcoming" title={t('life.m.upcoming')} />
        <Tabs.Tab key="past" title={t('life.m.past')} />
      </Tabs>
      {list.isPending ? (
        <FullPageSpin />
      ) : (list.data ?? []).length === 0 ? (
        <ErrorBlock status="empty" title={t('life.m.noMeetings')} description="" />
      ) : (
        <List>
          {(list.data ?? []).map((m: MyMeetingWire) => (
            <List.Item
              key={m.id}
              onClick={() => navigate(`/m/life/meetings/${m.id}`)}
              description={`${formatDateTime(m.startsAt)} · ${m.place}`}
              extra={
                m.signedAt ? (
                  <CheckCircleOutline color="#00b578" />
                ) : m.leaveStatus ? (
                  <Tag color={m.leaveStatus === 'approved' ? 'primary' : 'default'}>
                    {t(`life.m.leaveStatus.${m.leaveStatus as 'pending'}`)}
                  </Tag>
                ) : null
              }
              data-testid={`mlife-meeting-${m.id}`}
            >
              <Tag color="danger" fill="outline" style={{ marginRight: 6 }}>
                {m.typeName}
              </Tag>
              {m.topic}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
