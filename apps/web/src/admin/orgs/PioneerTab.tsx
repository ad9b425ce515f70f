import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Checkbox, Flex, Popconfirm, Result, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrgDto, type PioneerKind, type PioneerPostDto, pioneerApi } from '../../api/orgs';
import { errorText } from '../../lib/error-text';
import { PagedTable } from '../components/PagedTable';
import { refreshOrgs, usePioneerPosts } from './org-query';
import { today } from './org-text';
import { PioneerFormModal } from './PioneerFormModal';

const PAGE_SIZE = 20;

/** 先锋岗/责任区 of the org and its sub-orgs: who holds which post or area underground, since when. */
export function PioneerTab({ org, canWrite }: { org: OrgDto; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [kind, setKind] = useState<PioneerKind | 'all'>('all');
  const [includeEnded, setIncludeEnded] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = usePioneerPosts(org.id, {
    kind: kind === 'all' ? undefined : kind,
    includeEnded: includeEnded || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const end = useMutation({
    mutationFn: (p: PioneerPostDto) => pioneerApi.end(p.orgId, p.id, today()),
    onSuccess: async (p) => {
      message.success(t('pioneer.ended', { name: p.name }));
      await refreshOrgs(qc);
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const kindLabel = (k: string, fallback: string) => (k === 'post' || k === 'area' ? t(`pioneer.kinds.${k}`) : fallback);

  if (list.isError) return <Result status="warning" title={t('errors.loadFailed')} subTitle={errorText(list.error, t)} />;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('pioneer.intro')}</Typography.Text>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Flex gap={12} wrap align="center">
          <Segmented<PioneerKind | 'all'>
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('pioneer.all') },
              { value: 'post', label: t('pioneer.kinds.post') },
              { value: 'area', label: t('pioneer.kinds.area') },
            ]}
            data-testid="pioneer-filter-kind"
          />
          <Checkbox
            checked={includeEnded}
            onChange={(e) => {
              setIncludeEnded(e.target.checked);
              setPage(1);
            }}
            data-testid="pioneer-include-ended"
          >
            {t('pioneer.includeEnded')}
          </Checkbox>
        </Flex>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="pioneer-create">
            {t('pioneer.create')}
          </Button>
        )}
      </Flex>
      <PagedTable<PioneerPostDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('pioneer.empty') }}
        onRow={(p) => ({ 'data-testid': `pioneer-row-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
        page={page}
        pageSize={PAGE_SIZE}
        total={list.data?.total ?? 0}
        onPage={(p) => setPage(p.page)}
        hideOnSinglePage
        showTotal
        columns={[
          {
            key: 'name',
            title: t('pioneer.name'),
            render: (_, p) => (
              <Flex vertical>
                <Typography.Text strong>{p.name}</Typography.Text>
                {p.location && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.location}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            key: 'kind',
            title: t('pioneer.kind'),
            render: (_, p) => <Tag color={p.kind === 'area' ? 'blue' : 'red'}>{kindLabel(p.kind, p.kindName)}</Tag>,
          },
          {
            key: 'member',
            title: t('pioneer.member'),
            // Posts of sub-orgs name the member's org under the name.
            render: (_, p) => (
              <Flex vertical>
                <span>{p.memberName}</span>
                {p.orgId !== org.id && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.orgName}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          { key: 'startedOn', title: t('pioneer.startedOn'), dataIndex: 'startedOn' },
          ...(includeEnded
            ? [
                {
                  key: 'endedOn',
                  title: t('pioneer.endedOn'),
                  render: (_: unknown, p: PioneerPostDto) => p.endedOn ?? <Tag color="green">{t('pioneer.current')}</Tag>,
                },
              ]
            : []),
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, p: PioneerPostDto) =>
                    p.endedOn ? null : (
                      <Popconfirm
                        title={t('pioneer.endConfirm', { name: p.name, member: p.memberName })}
                        description={t('pioneer.endConsequence')}
                        okText={t('pioneer.end')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' } as ButtonProps}
                        onConfirm={() => end.mutateAsync(p).catch(() => undefined)}
                      >
                        <Button
                          size="small"
                          danger
                          loading={end.isPending && end.variables?.id === p.id}
                          data-testid={`pioneer-end-${p.id}`}
                        >
                          {t('pioneer.end')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      {creating && <PioneerFormModal org={org} onClose={() => setCreating(false)} />}
    </Flex>
  );
}
