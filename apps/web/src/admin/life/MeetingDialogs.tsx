import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InviteBody, MeetingDetailWire } from '@vanguard/shared/api/life';
import { Alert, DatePicker, Flex, Form, Input, Modal, Result } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';

/** The rotating QR code and 6-digit code, refreshed when the server says they change. */
export function QrModal({ id, open, onClose }: { id: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['life', 'qr', id], queryFn: () => lifeApi.signInCode(id), enabled: open, refetchInterval: 5000 });
  const qc = useQueryClient();
  useEffect(() => {
    if (!open || !q.data?.open) return;
    const ms = Math.max(500, new Date(q.data.refreshAt).getTime() - Date.now() + 300);
    const timer = setTimeout(() => void qc.invalidateQueries({ queryKey: ['life', 'qr', id] }), ms);
    return () => clearTimeout(timer);
  }, [open, q.data, qc, id]);
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('life.qr.title')} width={420} destroyOnHidden>
      {q.data?.open ? (
        <Flex vertical align="center" gap={8}>
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(q.data.qrSvg)}`}
            alt={t('life.qr.title')}
            style={{ width: 280, height: 280 }}
            data-testid="life-qr"
          />
          <div style={{ fontSize: 14, color: '#666' }}>{t('life.qr.code')}</div>
          <div style={{ fontSize: 40, letterSpacing: 8, fontWeight: 700 }} data-testid="life-qr-code">
            {q.data.code}
          </div>
          <div style={{ color: '#999', textAlign: 'center' }}>
            {t('life.qr.hint')}
            <br />
            {t('life.qr.refresh')}
          </div>
        </Flex>
      ) : (
        <Result status="info" title={t('life.qr.closed')} subTitle={q.data?.message} />
      )}
    </Modal>
  );
}

export function RescheduleModal({
  meetingId,
  open,
  onClose,
  onSaved,
}: {
  meetingId: number;
  open: boolean;
  onClose: () => void;
  onSaved: (m: MeetingDetailWire) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ startsAt: Dayjs; reason: string }>();
  const [err, setErr] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { startsAt: Dayjs; reason: string }) =>
      lifeApi.reschedule(meetingId, { startsAt: v.startsAt.second(0).toISOString(), reason: v.reason }),
    onSuccess: (m) => {
      onSaved(m);
      onClose();
    },
    onError: (e) => setErr(errorText(e, t)),
  });
  return (
    <Modal
      open={open}
      title={t('life.detail.reschedule')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} preserve={false}>
        <Form.Item name="startsAt" label={t('life.f.startsAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('life.f.reason')} rules={[{ required: true, message: '请填写改期原因' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export type { InviteBody };
