import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NOTICES_KEY, type NoticeRecipient, type NoticeStats, noticesApi, type RecipientState } from '../../api/notices';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';

type Row = NoticeStats['rows'][number];

/** One notice for its sender: the text, read / 签收 counts per branch with drill-down to names, remind, withdraw. */
export function NoticePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [path, setPath] = useState<{ id: number; name: string }[]>([]);
  const node = path.at(-1);
  const [names, setNames] = useState<{ orgId?: number; name: string; state: RecipientState }>({ name: '', state: 'unread' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const n = useQuery({ queryKey: [...NOTICES_KEY, id], queryFn: () => noticesApi.get(id) });
  const stats = useQuery({ queryKey: [...NOTICES_KEY, id, 'stats', node?.id], queryFn: () => noticesApi.stats(id, node?.id) });
  const people = useQuery({
    queryKey: [...NOTICES_KEY, id, 'recipients', names, paging],
    queryFn: () => noticesApi.recipients(id, { orgId: names.orgId, state: names.state, ...paging }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: NOTICES_KEY });
  const remind = useMutation({
    mutationFn: () => noticesApi.remind(id),
    onSuccess: (r) => void message.success(t('notices.reminded', { count: r.reminded })),
    onError: (e) => void message.error(errorText(e, t)),
  });
  const withdraw = useMutation({
    mutationFn: () => noticesApi.withdraw(id),
    onSuccess: () => {
      void message.success(t('notices.withdrawn'));
      void refresh();
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  if (!n.data) return <Card loading />;
  const d = n.data;
  const live = d.status === 'published';
  const statsColumns: ColumnsType<Row> = [
    { key: 'org', title: t('notices.col2.org'), dataIndex: 'orgName' },
    { key: 'read', title: t('notices.col.read'), render: (_, r) => `${r.read} / ${r.recipients}` },
    {
      key: 'unread',
      title: t('notices.col2.unread'),
      render: (_, r) => <Typography.Text type={r.recipients - r.read ? 'danger' : undefined}>{r.recipients - r.read}</Typography.Text>,
    },
    ...(d.requireSign
      ? [{ key: 'signed', title: t('notices.col.signed'), render: (_: unknown, r: Row) => `${r.signed} / ${r.recipients}` }]
      : []),
    {
      key: 'actions',
      title: t('notices.col.actions'),
      render: (_, r) => (
        <Space>
          {r.hasChildren && (
            <Button size="small" onClick={() => setPath((p) => [...p, { id: r.orgId, name: r.orgName }])}>
              {t('notices.drill')}
            </Button>
          )}
          <Button
            size="small"
            onClick={() => {
              setNames({ orgId: r.orgId, name: r.orgName, state: 'unread' });
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            data-testid={`notice-names-${r.orgId}`}
          >
            {t('notices.unreadNames')}
          </Button>
        </Space>
      ),
    },
  ];
  const peopleColumns: ColumnsType<NoticeRecipient> = [
    { key: 'name', title: t('notices.col2.name'), dataIndex: 'name' },
    { key: 'org', title: t('notices.col2.org'), dataIndex: 'orgName' },
    {
      key: 'readAt',
      title: t('notices.col2.readAt'),
      render: (_, r) => (r.readAt ? formatDateTime(r.readAt) : <Tag color="red">{t('notices.state.unread')}</Tag>),
    },
    ...(d.requireSign
      ? [
          {
            key: 'signedAt',
            title: t('notices.col2.signedAt'),
            render: (_: unknown, r: NoticeRecipient) => (r.signedAt ? formatDateTime(r.signedAt) : '—'),
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={16}>
      <Card
        title={d.title}
        extra={
          live && (
            <Space>
              <Popconfirm title={t('notices.remindConfirm')} onConfirm={() => remind.mutate()}>
                <Button loading={remind.isPending} data-testid="notice-remind">
                  {t('notices.remind')}
                </Button>
              </Popconfirm>
              <Popconfirm title={t('notices.withdrawConfirm')} onConfirm={() => withdraw.mutate()}>
                <Button danger loading={withdraw.isPending} data-testid="notice-withdraw">
                  {t('notices.withdraw')}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('notices.org')}>{d.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('notices.docNo')}>{d.docNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('notices.col.publishedAt')}>{formatDateTime(d.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('notices.col.status')}>{t(`notices.status.${d.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t('notices.col.read')}>
            <span data-testid="notice-read-count">{t('notices.counts', { read: d.read, recipients: d.recipients })}</span>
          </Descriptions.Item>
          {d.requireSign && (
            <Descriptions.Item label={t('notices.col.signed')}>
              <span data-testid="notice-signed-count">{t('notices.signedCounts', { signed: d.signed, recipients: d.recipients })}</span>
              {d.signDeadline && ` · ${t('notices.deadline', { time: formatDateTime(d.signDeadline) })}`}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{d.body}</Typography.Paragraph>
        {d.files.map((f) => (
          <a key={f.id} href={`/api/v1/files/${f.id}`} style={{ marginInlineEnd: 12 }}>
            {f.name}
          </a>
        ))}
      </Card>
      <Card
        title={node ? t('notices.statsOf', { name: node.name }) : t('notices.statsTitle')}
        extra={node && <Button onClick={() => setPath((p) => p.slice(0, -1))}>{t('notices.back')}</Button>}
      >
        <Table<Row>
          rowKey="orgId"
          size="small"
          columns={statsColumns}
          dataSource={stats.data?.rows}
          loading={stats.isPending}
          pagination={false}
          data-testid="notice-stats"
        />
      </Card>
      <Card
        title={t('notices.recipientsTitle', { name: names.name || d.orgName })}
        extra={
          <Radio.Group
            value={names.state}
            onChange={(e) => {
              setNames((x) => ({ ...x, state: e.target.value as RecipientState }));
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            optionType="button"
            options={(['unread', 'read', ...(d.requireSign ? ['unsigned', 'signed'] : [])] as RecipientState[]).map((s) => ({
              value: s,
              label: t(`notices.state.${s}`),
            }))}
          />
        }
      >
        <PagedTable<NoticeRecipient>
          rowKey="userId"
          size="small"
          columns={peopleColumns}
          dataSource={people.data?.items}
          loading={people.isPending}
          page={paging.page}
          pageSize={paging.pageSize}
          total={people.data?.total}
          onPage={setPaging}
          showTotal
        />
      </Card>
    </Flex>
  );
}
