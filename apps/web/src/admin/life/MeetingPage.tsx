import { QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeetingDetailWire } from '@vanguard/shared/api/life';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Result, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { STATUS_COLOR, tx } from './life-text';
import { ActionItemsCard } from './MeetingActionItems';
import { AttendanceCard } from './MeetingAttendance';
import { QrModal, RescheduleModal } from './MeetingDialogs';
import { MinutesCard, PhotosCard } from './MeetingRecord';

/**
 * 会议详情: information, sign-in QR, reschedule and cancel, history; attendance (MeetingAttendance),
 * minutes, photos and publishing (MeetingRecord), action items (MeetingActionItems).
 */
export function MeetingPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const q = useQuery({ queryKey: ['life', 'meeting', id], queryFn: () => lifeApi.meeting(id) });
  const [qrOpen, setQrOpen] = useState(false);
  const [moving, setMoving] = useState(false);
  const set = (m: MeetingDetailWire) => {
    qc.setQueryData(['life', 'meeting', id], m);
    void qc.invalidateQueries({ queryKey: ['life', 'meetings'] });
  };
  const done = {
    onSuccess: (m: MeetingDetailWire) => {
      set(m);
      message.success(t('life.detail.saved'));
    },
    onError: (e: unknown) => message.error(errorText(e, t)),
  };
  const cancel = useMutation({ mutationFn: (reason: string) => lifeApi.cancel(id, reason), ...done });

  if (q.isPending) return <Card loading />;
  if (q.isError) return <Result status="404" title={errorText(q.error, t)} extra={<Link to="/admin/life">{t('life.detail.back')}</Link>} />;
  const m = q.data;
  const live = m.status !== 'cancelled';
  const editable = live && m.status !== 'published';

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={
          <Space>
            <Tag color={STATUS_COLOR[m.status]} data-testid="life-meeting-status">
              {tx(t, `life.status.${m.status}`)}
            </Tag>
            <span data-testid="life-meeting-topic">{m.topic}</span>
          </Space>
        }
        extra={
          live && (
            <Space wrap>
              <Button icon={<QrcodeOutlined />} onClick={() => setQrOpen(true)} data-testid="life-show-qr">
                {t('life.detail.signIn')}
              </Button>
              {!m.hasMinutes && (
                <>
                  <Button onClick={() => setMoving(true)}>{t('life.detail.reschedule')}</Button>
                  <Button
                    danger
                    onClick={() => {
                      let reason = '';
                      modal.confirm({
                        title: t('life.detail.cancelConfirm'),
                        content: (
                          <Input
                            placeholder={t('life.f.reason')}
                            onChange={(e) => (reason = e.target.value)}
                            data-testid="life-cancel-reason"
                          />
                        ),
                        onOk: () => cancel.mutateAsync(reason),
                      });
                    }}
                  >
                    {t('life.detail.cancel')}
                  </Button>
                </>
              )}
            </Space>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('life.f.type')}>{m.typeName}</Descriptions.Item>
          <Descriptions.Item label={t('life.f.startsAt')}>{formatDateTime(m.startsAt)}</Descriptions.Item>
          {m.endsAt && <Descriptions.Item label={t('life.detail.endsAt')}>{formatDateTime(m.endsAt)}</Descriptions.Item>}
          <Descriptions.Item label={t('life.f.place')}>{m.place}</Descriptions.Item>
          <Descriptions.Item label={t('life.f.orgs')}>{m.orgs.map((o) => o.name).join('、')}</Descriptions.Item>
          {m.chairName && (
            <Descriptions.Item label={t('life.detail.chair')}>
              <span data-testid="life-meeting-chair">{m.chairName}</span>
            </Descriptions.Item>
          )}
          {m.recorderName && (
            <Descriptions.Item label={t('life.detail.recorder')}>
              <span data-testid="life-meeting-recorder">{m.recorderName}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('life.detail.window')}>
            {formatDateTime(m.signInOpens).slice(-5)}–{formatDateTime(m.signInCloses).slice(-5)}
          </Descriptions.Item>
          {m.jointBody && <Descriptions.Item label={t('life.f.jointBody')}>{m.jointBody}</Descriptions.Item>}
          {m.hoursMinutes > 0 && <Descriptions.Item label={t('life.f.hours')}>{m.hoursMinutes}</Descriptions.Item>}
          {m.cancelReason && <Descriptions.Item label={t('life.f.reason')}>{m.cancelReason}</Descriptions.Item>}
          {m.agenda && (
            <Descriptions.Item label={t('life.detail.agenda')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid="life-meeting-agenda">
                {m.agenda}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <AttendanceCard m={m} live={live} onSaved={set} />

      {/* The minutes are asked for once the meeting has started (by the server's clock), not before. */}
      {m.started || m.hasMinutes ? (
        <>
          <MinutesCard m={m} editable={editable} onSaved={set} />
          <PhotosCard m={m} editable={editable} onSaved={set} />
        </>
      ) : (
        live && (
          <Alert
            type="info"
            showIcon
            title={t('life.detail.minutesLater', { time: formatDateTime(m.startsAt) })}
            data-testid="life-minutes-later"
          />
        )
      )}

      <ActionItemsCard m={m} />

      <Card size="small" title={t('life.detail.history')}>
        <Timeline
          items={m.history.map((h) => ({
            children: (
              <span>
                {formatDateTime(h.at)} {h.actor ?? ''} {historyText(h)}
              </span>
            ),
          }))}
        />
      </Card>

      <QrModal id={id} open={qrOpen} onClose={() => setQrOpen(false)} />
      <RescheduleModal meetingId={id} open={moving} onClose={() => setMoving(false)} onSaved={set} />
    </Flex>
  );
}

const HISTORY: Record<string, string> = {
  planned: '计划会议',
  rescheduled: '改期',
  cancelled: '取消会议',
  minutes: '填写会议记录',
  'minutes-edited': '修改会议记录',
  published: '发布',
};
function historyText(h: MeetingDetailWire['history'][number]) {
  const d = h.details as { from?: { startsAt: string }; to?: { startsAt: string }; reason?: string };
  const base = HISTORY[h.kind] ?? h.kind;
  if (h.kind === 'rescheduled' && d.from && d.to)
    return `${base}：${formatDateTime(d.from.startsAt)} → ${formatDateTime(d.to.startsAt)}（${d.reason ?? ''}）`;
  if (d.reason) return `${base}（${d.reason}）`;
  return base;
}
