import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DELIVERY_STATUS_LABELS, DELIVERY_STATUSES, PROVIDER_KIND_LABELS, SKIP_REASON_LABELS } from '@vanguard/shared/api/notify';
import { App, Button, Card, Flex, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DeliveryDto, notifyApi, type ProviderDto } from '../../api/notify';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { ProviderModal } from './ProviderModal';

const STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  sending: 'processing',
  sent: 'success',
  failed: 'error',
  skipped: 'default',
};

/** 消息通道 (安全管理员): the channels beyond the app, and what was sent through them. */
export function NotifyPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('notify.title')}>
      <Tabs
        items={[
          { key: 'providers', label: t('notify.providers'), children: <ProvidersTab /> },
          { key: 'deliveries', label: t('notify.deliveries'), children: <DeliveriesTab /> },
        ]}
      />
    </Card>
  );
}

function ProvidersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<ProviderDto | null | undefined>(undefined);
  const list = useQuery({ queryKey: ['notify-providers'], queryFn: notifyApi.providers });
  const test = useMutation({
    mutationFn: (p: ProviderDto) => notifyApi.testProvider(p.id),
    onSuccess: () => {
      void message.success(t('notify.testQueued'));
      void qc.invalidateQueries({ queryKey: ['notify-deliveries'] });
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const columns: ColumnsType<ProviderDto> = [
    { key: 'name', title: t('notify.name'), dataIndex: 'name' },
    { key: 'kind', title: t('notify.kind'), render: (_, p) => PROVIDER_KIND_LABELS[p.kind] },
    { key: 'org', title: t('notify.org'), dataIndex: 'orgName' },
    { key: 'host', title: t('notify.host'), render: (_, p) => <Typography.Text code>{p.urlHost}</Typography.Text> },
    {
      key: 'enabled',
      title: t('notify.status'),
      render: (_, p) => (p.enabled ? <Tag color="success">{t('notify.on')}</Tag> : <Tag>{t('notify.off')}</Tag>),
    },
    {
      key: 'actions',
      title: t('notify.actions'),
      render: (_, p) => (
        <Space>
          <Button size="small" onClick={() => setEditing(p)}>
            {t('notify.edit')}
          </Button>
          <Button
            size="small"
            loading={test.isPending && test.variables?.id === p.id}
            onClick={() => test.mutate(p)}
            data-testid={`provider-test-${p.id}`}
          >
            {t('notify.sendTest')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('notify.providersHint')}</Typography.Text>
        <Button type="primary" onClick={() => setEditing(null)} data-testid="provider-add">
          {t('notify.addProvider')}
        </Button>
      </Flex>
      <Table<ProviderDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
      />
      <ProviderModal open={editing !== undefined} editing={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}

function DeliveriesTab() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DeliveryDto['status'] | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['notify-deliveries', status, page],
    queryFn: () => notifyApi.deliveries({ status, ...page }),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
  const columns: ColumnsType<DeliveryDto> = [
    { key: 'at', title: t('notify.createdAt'), width: 150, render: (_, d) => formatDateTime(d.createdAt) },
    { key: 'to', title: t('notify.recipient'), dataIndex: 'recipientName', width: 120 },
    { key: 'via', title: t('notify.via'), render: (_, d) => `${d.providerName}（${PROVIDER_KIND_LABELS[d.providerKind]}）` },
    { key: 'text', title: t('notify.text'), dataIndex: 'text', ellipsis: true },
    {
      key: 'status',
      title: t('notify.status'),
      width: 140,
      render: (_, d) => (
        <Tag color={STATUS_COLOR[d.status]} data-testid={`delivery-status-${d.id}`}>
          {DELIVERY_STATUS_LABELS[d.status]}
          {d.skipReason ? `：${SKIP_REASON_LABELS[d.skipReason] ?? d.skipReason}` : ''}
        </Tag>
      ),
    },
    { key: 'attempts', title: t('notify.attempts'), dataIndex: 'attempts', width: 80 },
    {
      key: 'detail',
      title: t('notify.detail'),
      render: (_, d) =>
        d.status === 'sent'
          ? t('notify.sentAt', { at: formatDateTime(d.sentAt) })
          : d.status === 'pending'
            ? t('notify.nextAt', { at: formatDateTime(d.nextAttemptAt), error: d.lastError ?? '' })
            : (d.lastError ?? '—'),
    },
  ];
  return (
    <>
      <Select
        allowClear
        placeholder={t('notify.filterStatus')}
        style={{ width: 180, marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        options={DELIVERY_STATUSES.map((s) => ({ value: s, label: DELIVERY_STATUS_LABELS[s] }))}
      />
      <PagedTable<DeliveryDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        page={page.page}
        pageSize={page.pageSize}
        total={list.data?.total ?? 0}
        onPage={setPage}
      />
    </>
  );
}
