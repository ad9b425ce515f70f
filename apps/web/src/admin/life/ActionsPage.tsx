import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionItemWire } from '@vanguard/shared/api/life';
import { App, Button, Empty, Flex, Input, Segmented, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { PagedTable } from '../components/PagedTable';
import { tx } from './life-text';

/** 督办事项: open items per org and per joint body, closed with a note. */
export function ActionsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<'open' | 'done' | 'all'>('open');
  const [jointBody, setJointBody] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const bodies = useQuery({ queryKey: ['life', 'bodies'], queryFn: lifeApi.jointBodies });
  const q = useQuery({
    queryKey: ['life', 'items', status, jointBody, page],
    queryFn: () => lifeApi.items({ status, jointBody, page, pageSize: 20 }),
  });
  const close = useMutation({
    mutationFn: (a: { id: number; note: string }) => lifeApi.closeItem(a.id, a.note),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['life'] }),
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage(1);
          }}
          options={(['open', 'done', 'all'] as const).map((k) => ({ value: k, label: tx(t, `life.actions.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t('life.actions.body')}
          style={{ width: 240 }}
          value={jointBody}
          onChange={(v) => {
            setJointBody(v);
            setPage(1);
          }}
          options={(bodies.data ?? []).map((b) => ({ value: b.jointBody, label: `${b.jointBody}（${b.open}）` }))}
        />
      </Flex>
      <PagedTable<ActionItemWire>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty /> }}
        page={page}
        pageSize={20}
        total={q.data?.total ?? 0}
        onPage={(p) => setPage(p.page)}
        columns={[
          { title: t('life.f.title'), dataIndex: 'title' },
          {
            title: t('life.f.ownerOrg'),
            dataIndex: 'orgName',
            width: 160,
            render: (v: string, r) => (r.ownerName ? `${v}·${r.ownerName}` : v),
          },
          {
            title: t('life.f.dueOn'),
            dataIndex: 'dueOn',
            width: 120,
            render: (v: string, r) => (r.overdue ? <Tag color="red">{`${v} ${t('life.actions.overdue')}`}</Tag> : v),
          },
          {
            title: t('life.actions.meeting'),
            dataIndex: 'meetingTopic',
            render: (v: string, r) => <Link to={`/admin/life/meetings/${r.meetingId}`}>{v}</Link>,
          },
          {
            title: '',
            width: 100,
            render: (_, r) =>
              r.status === 'open' ? (
                <Button
                  size="small"
                  onClick={() => {
                    let note = '';
                    modal.confirm({
                      title: t('life.actions.close'),
                      content: <Input.TextArea rows={3} placeholder={t('life.f.note')} onChange={(e) => (note = e.target.value)} />,
                      onOk: () => close.mutateAsync({ id: r.id, note }),
                    });
                  }}
                >
                  {t('life.actions.close')}
                </Button>
              ) : (
                <Tag color="green">{t('life.actions.done')}</Tag>
              ),
          },
        ]}
      />
    </Flex>
  );
}
