import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ActionSheet, Button, DotLoading, List, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../ErrorBlock';
import { card, ReasonPopup, useWorkOrg } from './common';

/** The branch's meetings, the latest first: tap one for its sign-in code and attendance. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const orgId = useWorkOrg();
  const list = useQuery({
    queryKey: ['secretary', 'meetings', orgId],
    queryFn: () => lifeApi.meetings({ orgId, page: 1, pageSize: 30 }),
    enabled: orgId !== undefined,
  });
  if (list.isError) return <ErrorBlock status="disconnected" title={errorText(list.error, t)} description="" />;
  if (!list.data) return <DotLoading />;
  return (
    <List header={t('secretaryM.meeting.list')} data-testid="sec-meeting-list">
      {list.data.items.length === 0 && <List.Item>{t('secretaryM.empty')}</List.Item>}
      {list.data.items.map((m) => (
        <List.Item
          key={m.id}
          description={`${formatDateTime(m.startsAt)} · ${m.place ?? ''}`}
          extra={<Tag fill="outline">{t(`life.status.${m.status}` as never)}</Tag>}
          onClick={() => navigate(`/m/secretary/meetings/${m.id}`)}
          data-testid={`sec-meeting-${m.id}`}
        >
          {m.typeName}：{m.topic}
        </List.Item>
      ))}
    </List>
  );
}

type Mark = { memberId: number; name: string; status: 'present' | 'absent' };

/**
 * One meeting on the phone: the sign-in code (changes every 30 seconds, shown while sign-in is
 * open) and the attendance, where the secretary records who came and who did not, with a reason.
 */
export function MeetingPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const key = ['secretary', 'meeting', id];
  const meeting = useQuery({ queryKey: key, queryFn: () => lifeApi.meeting(id) });
  const code = useQuery({ queryKey: [...key, 'code'], queryFn: () => lifeApi.signInCode(id), refetchInterval: 30_000 });
  const [picking, setPicking] = useState<{ memberId: number; name: string } | null>(null);
  const [mark, setMark] = useState<Mark | null>(null);
  const save = useMutation({
    mutationFn: (v: Mark & { reason: string }) => lifeApi.attendance(id, { memberId: v.memberId, status: v.status, reason: v.reason }),
    onSuccess: (data) => {
      setMark(null);
      qc.setQueryData(key, data);
      Toast.show({ icon: 'success', content: t('secretaryM.meeting.saved') });
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });

  if (meeting.isError) return <ErrorBlock status="disconnected" title={errorText(meeting.error, t)} description="" />;
  if (!meeting.data) return <DotLoading />;
  const m = meeting.data;
  const c = code.data;
  return (
    <div style={{ padding: '12px 0 24px' }} data-testid="sec-meeting">
      <div style={card}>
        <div style={{ fontSize: 16, fontWeight: 600 }}>
          {m.typeName}：{m.topic}
        </div>
        <div style={{ color: 'var(--adm-color-weak)', fontSize: 13 }}>
          {formatDateTime(m.startsAt)} · {m.place}
        </div>
      </div>
      <div style={{ ...card, textAlign: 'center' }}>
        <div style={{ fontWeight: 600, marginBottom: 6 }}>{t('secretaryM.meeting.signIn')}</div>
        {c?.open ? (
          <>
            <div style={{ fontSize: 40, fontWeight: 700, letterSpacing: 8 }} data-testid="sec-signin-code">
              {c.code}
            </div>
            <div
              style={{ width: 180, margin: '8px auto' }}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: the QR code is an SVG drawn by our server from the sign-in token
              dangerouslySetInnerHTML={{ __html: c.qrSvg }}
            />
            <div style={{ color: 'var(--adm-color-weak)', fontSize: 13 }}>
              {t('secretaryM.meeting.signInHint')}（{t('secretaryM.meeting.refresh')}）
            </div>
          </>
        ) : (
          <div style={{ color: '#666' }} data-testid="sec-signin-closed">
            {c && !c.open ? c.message : t('secretaryM.meeting.closed')}
          </div>
        )}
      </div>
      <List header={t('secretaryM.meeting.people', { expected: m.attendance.expected, present: m.attendance.present })}>
        {m.attendance.people.map((p) => (
          <List.Item
            key={p.memberId}
            description={p.reason ?? undefined}
            extra={
              <Button size="mini" onClick={() => setPicking({ memberId: p.memberId, name: p.name })} data-testid={`sec-mark-${p.memberId}`}>
                {t('secretaryM.meeting.mark')}
              </Button>
            }
            data-testid={`sec-attendee-${p.memberId}`}
          >
            {p.name} <Tag fill="outline">{t(`life.att.${p.status}` as never)}</Tag>
          </List.Item>
        ))}
      </List>
      <ActionSheet
        visible={picking !== null}
        extra={picking ? t('secretaryM.meeting.markTitle', { name: picking.name }) : undefined}
        cancelText={t('secretaryM.cancel')}
        actions={[
          { key: 'present', text: t('secretaryM.meeting.present') },
          { key: 'absent', text: t('secretaryM.meeting.absent') },
        ]}
        onAction={(a) => {
          if (picking) setMark({ ...picking, status: a.key as Mark['status'] });
          setPicking(null);
        }}
        onClose={() => setPicking(null)}
      />
      <ReasonPopup
        open={mark !== null}
        title={mark ? t('secretaryM.meeting.markTitle', { name: mark.name }) : ''}
        label={t('secretaryM.meeting.reason')}
        initial={mark?.status === 'present' ? t('secretaryM.meeting.presentReason') : ''}
        okText={mark?.status === 'present' ? t('secretaryM.meeting.present') : t('secretaryM.meeting.absent')}
        busy={save.isPending}
        testId="sec-mark"
        onOk={(reason) => mark && save.mutate({ ...mark, reason })}
        onClose={() => setMark(null)}
      />
    </div>
  );
}
