import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EVENT_AUDIENCES, EVENT_KINDS } from '@vanguard/shared';
import type { EventCreateBody } from '@vanguard/shared/api/events';
import { App, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Image, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { eventsApi } from '../../api/events';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { PagedTable } from '../components/PagedTable';
import { OrgTabsPage } from '../orgs/OrgTabsPage';

const when = (s: string) => new Date(s).toLocaleString('zh-CN', { hour12: false });
/** A datetime-local value (China time on these machines) as an instant with its offset. */
const instant = (v: string) => `${v}:00+08:00`;

function CreateDrawer({ orgId, open, onClose }: { orgId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, string | number>) =>
      eventsApi.create({
        orgId,
        kind: v.kind as EventCreateBody['kind'],
        title: String(v.title ?? ''),
        description: String(v.description ?? ''),
        place: String(v.place ?? ''),
        capacity: Number(v.capacity),
        audience: v.audience as EventCreateBody['audience'],
        startsAt: instant(String(v.startsAt)),
        endsAt: instant(String(v.endsAt)),
        regOpensAt: instant(String(v.regOpensAt)),
        regClosesAt: instant(String(v.regClosesAt)),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['events', orgId] });
      message.success(t('events.saved'));
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  const dt = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <Input type="datetime-local" data-testid={`event-${name}`} />
    </Form.Item>
  );
  return (
    <Drawer open={open} onClose={onClose} title={t('events.create')} width={520} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ kind: 'culture', audience: 'both', capacity: 30 }}
      >
        <Form.Item name="kind" label={t('events.kind')}>
          <Select options={Object.entries(EVENT_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="title" label={t('events.name')} rules={[{ required: true }]}>
          <Input data-testid="event-title" />
        </Form.Item>
        <Form.Item name="place" label={t('events.place')} rules={[{ required: true }]}>
          <Input data-testid="event-place" />
        </Form.Item>
        <Form.Item name="description" label={t('events.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {dt('startsAt', t('events.startsAt'))}
        {dt('endsAt', t('events.endsAt'))}
        {dt('regOpensAt', t('events.regOpensAt'))}
        {dt('regClosesAt', t('events.regClosesAt'))}
        <Form.Item name="capacity" label={t('events.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} data-testid="event-capacity" />
        </Form.Item>
        <Form.Item name="audience" label={t('events.audience')}>
          <Select options={Object.entries(EVENT_AUDIENCES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="event-submit">
          {t('events.create')}
        </Button>
      </Form>
    </Drawer>
  );
}

function ListTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({ queryKey: ['events', orgId, paging], queryFn: () => eventsApi.list(orgId, paging.page, paging.pageSize) });
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="event-create">
          {t('events.create')}
        </Button>
      </Flex>
      <PagedTable
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        total={q.data?.total}
        {...paging}
        onPage={setPaging}
        locale={{ emptyText: <Empty description={t('events.none')} /> }}
        onRow={(r) => ({ onClick: () => navigate(`/admin/events/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('events.name'), dataIndex: 'title' },
          { title: t('events.kind'), dataIndex: 'kindName' },
          { title: t('events.startsAt'), dataIndex: 'startsAt', render: when },
          { title: t('events.audience'), dataIndex: 'audienceName' },
          { title: t('events.registered'), key: 'n', render: (_, r) => `${r.registeredCount}/${r.capacity}` },
          { title: t('events.waitlisted'), dataIndex: 'waitlistCount' },
        ]}
      />
      <CreateDrawer orgId={orgId} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function EventPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [summary, setSummary] = useState<string | null>(null);
  const ev = useQuery({ queryKey: ['event', id], queryFn: () => eventsApi.get(id) });
  const regs = useQuery({ queryKey: ['event-regs', id], queryFn: () => eventsApi.registrations(id) });
  const stats = useQuery({ queryKey: ['event-stats', id], queryFn: () => eventsApi.stats(id) });
  const done = (d: Awaited<ReturnType<typeof eventsApi.get>>) => {
    qc.setQueryData(['event', id], d);
    message.success(t('events.saved'));
  };
  const moderate = useMutation({
    mutationFn: (v: { photoId: number; status: 'approved' | 'rejected' }) => eventsApi.moderate(id, v.photoId, v.status),
    onSuccess: done,
    onError: (e) => message.error(errorText(e, t)),
  });
  const saveSummary = useMutation({
    mutationFn: (s: string) => eventsApi.summary(id, s),
    onSuccess: done,
    onError: (e) => message.error(errorText(e, t)),
  });
  const e = ev.data;
  if (!e) return <Card loading={ev.isLoading}>{ev.error ? errorText(ev.error, t) : null}</Card>;
  return (
    <Flex vertical gap={12}>
      <Card title={e.title} extra={<Button onClick={() => navigate('/admin/events')}>{t('events.back')}</Button>}>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('events.kind')}>{e.kindName}</Descriptions.Item>
          <Descriptions.Item label={t('events.place')}>{e.place}</Descriptions.Item>
          <Descriptions.Item label={t('events.startsAt')}>{when(e.startsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('events.regClosesAt')}>{when(e.regClosesAt)}</Descriptions.Item>
          <Descriptions.Item label={t('events.registered')}>
            <span data-testid="event-count">{`${e.registeredCount}/${e.capacity}`}</span>（{t('events.waitlisted')} {e.waitlistCount}）
          </Descriptions.Item>
          <Descriptions.Item label={t('events.checkinCode')}>
            <Tag color="blue" data-testid="event-code">
              {e.checkinCode}
            </Tag>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('events.registrations')}>
        <Table
          size="small"
          rowKey="id"
          data-testid="event-regs"
          pagination={{ pageSize: 50 }}
          dataSource={regs.data?.items}
          columns={[
            { title: t('events.person'), dataIndex: 'name' },
            { title: t('events.branch'), dataIndex: 'orgName' },
            {
              title: t('events.regStatus'),
              dataIndex: 'statusName',
              render: (v: string, r) => (r.promotedAt ? `${v}（${t('events.promoted')}）` : v),
            },
            { title: t('events.registeredAt'), dataIndex: 'registeredAt', render: when },
            { title: t('events.checkedIn'), dataIndex: 'checkedInAt', render: (v: string | null) => (v ? when(v) : '') },
          ]}
        />
      </Card>
      <Card title={t('events.byBranch')}>
        <Table
          size="small"
          rowKey="orgId"
          pagination={false}
          dataSource={stats.data?.rows}
          columns={[
            { title: t('events.branch'), dataIndex: 'orgName' },
            { title: t('events.registered'), dataIndex: 'registered' },
            { title: t('events.waitlisted'), dataIndex: 'waitlisted' },
            { title: t('events.checkedIn'), dataIndex: 'checkedIn' },
          ]}
        />
      </Card>
      <Card title={t('events.photos')}>
        <Space wrap>
          {e.photos.length === 0 ? <Empty /> : null}
          {e.photos.map((p) => (
            <Card key={p.id} size="small" style={{ width: 180 }}>
              <Image src={`/api/v1/files/${p.fileId}`} alt={p.name} width={150} />
              <div>
                {p.name} <Tag>{p.status}</Tag>
              </div>
              <Space>
                <Button size="small" onClick={() => moderate.mutate({ photoId: p.id, status: 'approved' })}>
                  {t('events.approve')}
                </Button>
                <Button size="small" danger onClick={() => moderate.mutate({ photoId: p.id, status: 'rejected' })}>
                  {t('events.reject')}
                </Button>
              </Space>
            </Card>
          ))}
        </Space>
      </Card>
      <Card title={t('events.summary')}>
        <Input.TextArea
          aria-label={t('events.summary')}
          rows={3}
          value={summary ?? e.summary ?? ''}
          onChange={(x) => setSummary(x.target.value)}
        />
        <Button style={{ marginTop: 8 }} onClick={() => saveSummary.mutate(summary ?? e.summary ?? '')} loading={saveSummary.isPending}>
          {t('events.saveSummary')}
        </Button>
      </Card>
    </Flex>
  );
}

/** Console pages of the events module (/admin/events/*). */
export function EventsRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <OrgTabsPage
            title={t('events.title')}
            orgLabel={t('events.org')}
            pickOrg={t('events.pickOrg')}
            testId="events"
            tabs={[{ key: 'list', label: t('events.tabList'), render: (orgId) => <ListTab orgId={orgId} /> }]}
          />
        }
      />
      <Route path=":id" element={<EventPage />} />
    </Routes>
  );
}
