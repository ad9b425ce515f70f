import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EXCLUSION_KINDS } from '@vanguard/shared';
import type { AttendanceInput, AttendeeWire, MeetingDetailWire } from '@vanguard/shared/api/life';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { ATT_COLOR, tx } from './life-text';

/** 出席: the counts, the quorum, each person's attendance with leave approval, manual records and hours. */
export function AttendanceCard({ m, live, onSaved }: { m: MeetingDetailWire; live: boolean; onSaved: (m: MeetingDetailWire) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [manual, setManual] = useState<AttendeeWire | null>(null);
  const [hoursOf, setHoursOf] = useState<AttendeeWire | null>(null);
  const decide = useMutation({
    mutationFn: (a: { leaveId: number; approve: boolean }) => lifeApi.decideLeave(a.leaveId, a.approve),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['life', 'meeting', m.id] }),
    onError: (e) => message.error(errorText(e, t)),
  });
  const a = m.attendance;
  return (
    <>
      <Card size="small" title={t('life.detail.people')}>
        <Row gutter={16} style={{ marginBottom: 12 }}>
          {(['expected', 'present', 'leave', 'absent', 'excluded'] as const).map((k) => (
            <Col key={k} xs={8} md={4}>
              <Statistic title={tx(t, `life.detail.${k}`)} value={a[k]} valueStyle={{ fontSize: 20 }} data-testid={`life-att-${k}`} />
            </Col>
          ))}
        </Row>
        {a.quorum !== null && (
          <Alert
            type={a.quorum ? 'success' : 'warning'}
            showIcon
            title={t(a.quorum ? 'life.detail.quorumOk' : 'life.detail.quorumNo')}
            style={{ marginBottom: 12 }}
          />
        )}
        <Table<AttendeeWire>
          rowKey="memberId"
          size="small"
          dataSource={a.people}
          pagination={a.people.length > 20 ? { pageSize: 20 } : false}
          columns={[
            {
              title: t('life.hours.name'),
              dataIndex: 'name',
              render: (v: string, r) => <span data-testid={`life-att-name-${r.memberId}`}>{v}</span>,
            },
            { title: t('life.hours.org'), dataIndex: 'orgName' },
            {
              title: t('life.list.attendance'),
              dataIndex: 'status',
              render: (s: string, r) => (
                <Space size={4}>
                  <Tag color={ATT_COLOR[s]} data-testid={`life-att-status-${r.memberId}`}>
                    {tx(t, `life.att.${s}`)}
                  </Tag>
                  {r.method && <span style={{ color: '#999' }}>{tx(t, `life.method.${r.method}`)}</span>}
                </Space>
              ),
            },
            { title: t('life.f.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
            ...(m.hoursMinutes > 0
              ? [
                  {
                    title: t('life.detail.hoursCol'),
                    key: 'hours',
                    width: 170,
                    render: (_: unknown, r: AttendeeWire) =>
                      r.minutes === null ? (
                        ''
                      ) : (
                        <Space size={4} wrap>
                          <span data-testid={`life-att-hours-${r.memberId}`}>{Math.round((r.minutes / 60) * 10) / 10}</span>
                          {r.hoursReason && <span style={{ color: '#999' }}>（{r.hoursReason}）</span>}
                          {m.status !== 'cancelled' && (
                            <Button
                              size="small"
                              type="link"
                              onClick={() => setHoursOf(r)}
                              data-testid={`life-att-hours-edit-${r.memberId}`}
                            >
                              {t('life.detail.hoursEdit')}
                            </Button>
                          )}
                        </Space>
                      ),
                  },
                ]
              : []),
            {
              title: '',
              width: 220,
              render: (_, r) =>
                live && (
                  <Space size={4}>
                    {r.leave?.status === 'pending' && (
                      <>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => decide.mutate({ leaveId: r.leave?.id ?? 0, approve: true })}
                          data-testid={`life-leave-approve-${r.memberId}`}
                        >
                          {t('life.detail.approve')}
                        </Button>
                        <Button size="small" onClick={() => decide.mutate({ leaveId: r.leave?.id ?? 0, approve: false })}>
                          {t('life.detail.reject')}
                        </Button>
                      </>
                    )}
                    {r.method !== 'qr' && r.method !== 'code' && r.method !== 'offline' && (
                      <Button size="small" onClick={() => setManual(r)} data-testid={`life-att-manual-${r.memberId}`}>
                        {t('life.detail.manual')}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <ManualModal meetingId={m.id} person={manual} onClose={() => setManual(null)} onSaved={onSaved} />
      <HoursModal meetingId={m.id} full={m.hoursMinutes} person={hoursOf} onClose={() => setHoursOf(null)} onSaved={onSaved} />
    </>
  );
}

/** 调整学时: one attendee's hours, fewer than the meeting's with a reason (left early, came late). */
function HoursModal({
  meetingId,
  full,
  person,
  onClose,
  onSaved,
}: {
  meetingId: number;
  full: number;
  person: AttendeeWire | null;
  onClose: () => void;
  onSaved: (m: MeetingDetailWire) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ hours: number; reason?: string }>();
  const [err, setErr] = useState<string | null>(null);
  const hours = Form.useWatch('hours', form);
  const fewer = typeof hours === 'number' && Math.round(hours * 60) < full;
  const save = useMutation({
    mutationFn: (v: { hours: number; reason?: string }) =>
      lifeApi.creditHours(meetingId, { memberId: person?.memberId ?? 0, minutes: Math.round(v.hours * 60), reason: v.reason || undefined }),
    onSuccess: (m) => {
      onSaved(m);
      onClose();
    },
    onError: (e) => setErr(errorText(e, t)),
  });
  return (
    <Modal
      open={person !== null}
      title={`${t('life.detail.hoursTitle')}：${person?.name ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'life-hours-ok' } as Record<string, string>}
    >
      {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ hours: (person?.minutes ?? full) / 60, reason: person?.hoursReason ?? undefined }}
        onFinish={(v) => {
          setErr(null);
          save.mutate(v);
        }}
        preserve={false}
      >
        <Form.Item name="hours" label={t('life.detail.hoursField')} extra={t('life.detail.hoursHint')} rules={[{ required: true }]}>
          <InputNumber min={0} max={full / 60} step={0.5} data-testid="life-hours-value" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('life.detail.hoursReason')}
          rules={[{ required: fewer, message: '少计学时请填写原因（如中途离会、迟到）' }]}
        >
          <Input maxLength={200} data-testid="life-hours-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The manual attendance form (its values are the request's fields). */
type AttendanceForm = Omit<AttendanceInput, 'memberId'>;

function ManualModal({
  meetingId,
  person,
  onClose,
  onSaved,
}: {
  meetingId: number;
  person: AttendeeWire | null;
  onClose: () => void;
  onSaved: (m: MeetingDetailWire) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AttendanceForm>();
  const [err, setErr] = useState<string | null>(null);
  const status = Form.useWatch('status', form);
  const save = useMutation({
    mutationFn: (v: AttendanceForm) => lifeApi.attendance(meetingId, { memberId: person?.memberId ?? 0, ...v }),
    onSuccess: (m) => {
      onSaved(m);
      onClose();
    },
    onError: (e) => setErr(errorText(e, t)),
  });
  return (
    <Modal
      open={person !== null}
      title={`${t('life.detail.manualTitle')}：${person?.name ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'life-manual-ok' } as Record<string, string>}
    >
      {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ status: 'present' }} onFinish={(v) => save.mutate(v)} preserve={false}>
        <Form.Item name="status" label={t('life.list.attendance')}>
          <Select
            options={(['present', 'absent', 'excluded', 'expected'] as const).map((s) => ({
              value: s,
              label: s === 'expected' ? '恢复为应到' : tx(t, `life.att.${s}`),
            }))}
          />
        </Form.Item>
        {status === 'excluded' && (
          <Form.Item name="exclusion" label="情形" rules={[{ required: true, message: '请选择不计入应到人数的情形' }]}>
            <Select options={Object.entries(EXCLUSION_KINDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('life.f.reason')} rules={[{ required: status !== 'expected', message: '请填写原因' }]}>
          <Input maxLength={200} data-testid="life-manual-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
