import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Image, List, NoticeBar, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

/** One of my meetings: time and place, sign in, ask for leave, and the minutes once published if I attended. */
export function MMeetingPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['life', 'my', 'meeting', id], queryFn: () => lifeApi.myMeeting(id) });
  const [reason, setReason] = useState('');
  const leave = useMutation({
    mutationFn: () => lifeApi.askLeave(id, reason),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('life.m.leaveSent') });
      void qc.invalidateQueries({ queryKey: ['life', 'my'] });
    },
    onError: (e) => Toast.show({ content: errorText(e, t), duration: 3000 }),
  });
  if (q.isPending) return <FullPageSpin />;
  if (q.isError) return <ErrorBlock status="empty" description={errorText(q.error, t)} />;
  const m = q.data;
  const now = Date.now();
  const windowOpen = now >= new Date(m.signInOpens).getTime() && now <= new Date(m.signInCloses).getTime();
  const before = now < new Date(m.startsAt).getTime();
  return (
    <div style={{ paddingBottom: 16 }}>
      {m.cancelled && <NoticeBar content={`会议已取消：${m.cancelReason ?? ''}`} color="alert" wrap />}
      <List header={m.typeName}>
        <List.Item>
          <span data-testid="mlife-topic">{m.topic}</span>
        </List.Item>
        <List.Item extra={`${formatDateTime(m.startsAt)}${m.endsAt ? `–${formatDateTime(m.endsAt).slice(-5)}` : ''}`}>时间</List.Item>
        <List.Item extra={m.place}>地点</List.Item>
        <List.Item extra={m.orgName}>组织</List.Item>
        {m.agenda && (
          <List.Item title={t('life.m.agenda')}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{m.agenda}</div>
          </List.Item>
        )}
        {!m.cancelled && !m.signedAt && (
          <List.Item title={t('life.m.signInHowTitle')}>
            <span data-testid="mlife-signin-how">{m.signInHow}</span>
          </List.Item>
        )}
        <List.Item
          extra={
            m.signedAt ? (
              <Tag color="success">{`${t('life.att.present')} ${formatDateTime(m.signedAt).slice(-5)}`}</Tag>
            ) : m.leave ? (
              <Tag>{t(`life.m.leaveStatus.${m.leave.status as 'pending'}`)}</Tag>
            ) : (
              '—'
            )
          }
        >
          {t('life.list.attendance')}
        </List.Item>
      </List>
      {!m.cancelled && !m.signedAt && (
        <div style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 12 }}>
          {windowOpen && (
            <Button block color="danger" onClick={() => navigate('/m/life/sign-in')} data-testid="mlife-go-signin">
              {t('life.m.signIn')}
            </Button>
          )}
          {before && (!m.leave || m.leave.status === 'rejected') && (
            <Button
              block
              onClick={() => {
                void Dialog.confirm({
                  title: t('life.m.askLeave'),
                  content: (
                    <TextArea placeholder={t('life.m.leaveReason')} onChange={setReason} rows={3} data-testid="mlife-leave-reason" />
                  ),
                  onConfirm: async () => void (await leave.mutateAsync()),
                });
              }}
              data-testid="mlife-ask-leave"
            >
              {t('life.m.askLeave')}
            </Button>
          )}
        </div>
      )}
      <List header={t('life.m.minutes')}>
        {m.minutesVisible ? (
          <>
            <List.Item>
              <div style={{ whiteSpace: 'pre-wrap' }} data-testid="mlife-minutes">
                {m.minutes}
              </div>
            </List.Item>
            {m.resolutions && (
              <List.Item title={t('life.m.resolutions')}>
                <div style={{ whiteSpace: 'pre-wrap' }}>{m.resolutions}</div>
              </List.Item>
            )}
            {m.files
              .filter((f) => f.mime.startsWith('image/'))
              .map((f) => (
                <List.Item key={f.id}>
                  <Image src={`/api/v1/files/${f.id}`} alt={f.name} />
                </List.Item>
              ))}
          </>
        ) : (
          <List.Item>
            <span style={{ color: 'var(--adm-color-weak)' }}>{m.minutesNote}</span>
          </List.Item>
        )}
      </List>
    </div>
  );
}
