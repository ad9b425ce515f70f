import { QrcodeOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EXCLUSION_KINDS } from '@vanguard/shared';
import type { AttendanceInput, AttendeeWire, MeetingDetailWire } from '@vanguard/shared/api/life';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { filesApi } from '../../api/endpoints';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { ATT_COLOR, STATUS_COLOR, tx } from './life-text';

/** 会议详情: information, sign-in QR, attendance with leave approval and manual records, minutes, photos, publish, action items, history. */
export function MeetingPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const q = useQuery({ queryKey: ['life', 'meeting', id], queryFn: () => lifeApi.meeting(id) });
  const [qrOpen, setQrOpen] = useState(false);
  const [manual, setManual] = useState<AttendeeWire | null>(null);
  const [hoursOf, setHoursOf] = useState<AttendeeWire | null>(null);
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
  const publish = useMutation({ mutationFn: () => lifeApi.publish(id), ...done });
  const cancel = useMutation({ mutationFn: (reason: string) => lifeApi.cancel(id, reason), ...done });
  const attach = useMutation({ mutationFn: async (file: File) => lifeApi.attach(id, (await filesApi.upload(file)).id, 'photo'), ...done });
  const decide = useMutation({
    mutationFn: (a: { leaveId: number; approve: boolean }) => lifeApi.decideLeave(a.leaveId, a.approve),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['life', 'meeting', id] }),
    onError: (e) => message.error(errorText(e, t)),
  });

  if (q.isPending) return <Card loading />;
  if (q.isError) return <Result status="404" title={errorText(q.error, t)} extra={<Link to="/admin/life">{t('life.detail.back')}</Link>} />;
  const m = q.data;
  const a = m.attendance;
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
        </Descriptions>
      </Card>

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

      <MinutesCard m={m} editable={editable} onSaved={set} />

      <Card size="small" title={t('life.detail.photos')}>
        <Flex gap={12} wrap>
          {m.files.map((f) =>
            f.mime.startsWith('image/') ? (
              <img key={f.id} src={`/api/v1/files/${f.id}`} alt={f.name} style={{ height: 96, borderRadius: 4 }} data-testid="life-photo" />
            ) : (
              <a key={f.id} href={`/api/v1/files/${f.id}`}>
                {f.name}
              </a>
            ),
          )}
          {m.files.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        </Flex>
        {editable && (
          <Upload
            accept="image/jpeg,image/png,image/webp"
            showUploadList={false}
            beforeUpload={(file) => {
              attach.mutate(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={attach.isPending} style={{ marginTop: 12 }} data-testid="life-photo-upload">
              {t('life.detail.upload')}
            </Button>
          </Upload>
        )}
        {editable && m.hasMinutes && (
          <div style={{ marginTop: 16 }}>
            <Button
              type="primary"
              onClick={() => modal.confirm({ title: t('life.detail.publishConfirm'), onOk: () => publish.mutateAsync() })}
              data-testid="life-publish"
            >
              {t('life.detail.publish')}
            </Button>
          </div>
        )}
      </Card>

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
      <ManualModal meetingId={id} person={manual} onClose={() => setManual(null)} onSaved={set} />
      <HoursModal meetingId={id} full={m.hoursMinutes} person={hoursOf} onClose={() => setHoursOf(null)} onSaved={set} />
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

function MinutesCard({ m, editable, onSaved }: { m: MeetingDetailWire; editable: boolean; onSaved: (m: MeetingDetailWire) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ minutes: string; resolutions?: string; hoursMinutes?: number }>();
  const [err, setErr] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { minutes: string; resolutions?: string; hoursMinutes?: number }) => lifeApi.minutes(m.id, v),
    onSuccess: (x) => {
      setErr(null);
      onSaved(x);
      message.success(t('life.detail.saved'));
    },
    onError: (e) => setErr(errorText(e, t)),
  });
  if (!editable)
    return (
      <Card size="small" title={t('life.detail.minutes')}>
        {m.minutes ? (
          <>
            <div style={{ whiteSpace: 'pre-wrap' }} data-testid="life-minutes-text">
              {m.minutes}
            </div>
            {m.resolutions && <div style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{m.resolutions}</div>}
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
    );
  return (
    <Card size="small" title={t('life.detail.minutes')}>
      {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} data-testid="life-minutes-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ minutes: m.minutes ?? '', resolutions: m.resolutions ?? '', hoursMinutes: m.hoursMinutes }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="minutes" label={t('life.f.minutes')} rules={[{ required: true, message: '请填写会议记录' }]}>
          <Input.TextArea rows={5} data-testid="life-minutes" />
        </Form.Item>
        <Form.Item name="resolutions" label={t('life.f.resolutions')}>
          <Input.TextArea rows={3} data-testid="life-resolutions" />
        </Form.Item>
        {m.hoursMinutes > 0 && (
          <Form.Item name="hoursMinutes" label={t('life.f.hours')}>
            <InputNumber min={0} max={960} />
          </Form.Item>
        )}
        <Button htmlType="submit" type="primary" loading={save.isPending} data-testid="life-minutes-save">
          {t('life.detail.saveMinutes')}
        </Button>
      </Form>
    </Card>
  );
}

function ActionItemsCard({ m }: { m: MeetingDetailWire }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; orgId: number; dueOn: string }>();
  const items = useQuery({ queryKey: ['life', 'meeting-items', m.id], queryFn: () => lifeApi.meetingItems(m.id) });
  const add = useMutation({
    mutationFn: (v: { title: string; orgId: number; dueOn: string }) => lifeApi.addItem(m.id, v),
    onSuccess: () => {
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['life', 'meeting-items', m.id] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const close = useMutation({
    mutationFn: (id: number) => lifeApi.closeItem(id, '已按期办结'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['life', 'meeting-items', m.id] }),
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Card size="small" title={t('life.detail.items')}>
      <List
        size="small"
        dataSource={items.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(i) => (
          <List.Item
            data-testid={`life-item-${i.id}`}
            actions={
              i.status === 'open'
                ? [
                    <Button key="c" size="small" onClick={() => close.mutate(i.id)} data-testid={`life-item-close-${i.id}`}>
                      {t('life.actions.close')}
                    </Button>,
                  ]
                : [
                    <Tag key="d" color="green">
                      {t('life.actions.done')}
                    </Tag>,
                  ]
            }
          >
            {i.title} · {i.orgName} · {i.dueOn}
          </List.Item>
        )}
      />
      {m.hasMinutes && m.status !== 'cancelled' && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          onFinish={(v) => add.mutate({ ...v, dueOn: dayjs(v.dueOn).format('YYYY-MM-DD') })}
        >
          <Form.Item name="title" rules={[{ required: true, message: '请填写督办事项' }]}>
            <Input placeholder={t('life.f.title')} style={{ width: 240 }} data-testid="life-item-title" />
          </Form.Item>
          <Form.Item name="orgId" rules={[{ required: true, message: '请选择责任组织' }]}>
            <Select
              placeholder={t('life.f.ownerOrg')}
              style={{ width: 180 }}
              options={m.orgs.map((o) => ({ value: o.id, label: o.name }))}
              data-testid="life-item-org"
            />
          </Form.Item>
          <Form.Item name="dueOn" rules={[{ required: true, message: '请选择完成时限' }]}>
            <DatePicker placeholder={t('life.f.dueOn')} data-testid="life-item-due" />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending} data-testid="life-item-add">
            {t('life.detail.addItem')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** The rotating QR code and 6-digit code, refreshed when the server says they change. */
function QrModal({ id, open, onClose }: { id: number; open: boolean; onClose: () => void }) {
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

function RescheduleModal({
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
  const [form] = Form.useForm<{ startsAt: string; reason: string }>();
  const [err, setErr] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { startsAt: string; reason: string }) =>
      lifeApi.reschedule(meetingId, { startsAt: new Date(`${v.startsAt}:00+08:00`).toISOString(), reason: v.reason }),
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
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="reason" label={t('life.f.reason')} rules={[{ required: true, message: '请填写改期原因' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
