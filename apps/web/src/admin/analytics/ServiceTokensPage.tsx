import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PERMISSIONS } from '@vanguard/shared';
import { TOKEN_PERMISSIONS } from '@vanguard/shared/api/service-tokens';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ServiceTokenDto, serviceTokensApi } from '../../api/analytics';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

type CreateForm = { name: string; permission: (typeof TOKEN_PERMISSIONS)[number]; orgId: number };

/** 接口令牌: issue (shown once), list with last use, revoke after confirmation. */
export function ServiceTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<CreateForm>();
  const list = useQuery({ queryKey: ['service-tokens', paging], queryFn: () => serviceTokensApi.list(paging.page, paging.pageSize) });
  const create = useMutation({
    mutationFn: (v: CreateForm) => serviceTokensApi.create(v),
    onSuccess: (r) => {
      setCreating(false);
      form.resetFields();
      setSecret(r.token);
      void qc.invalidateQueries({ queryKey: ['service-tokens'] });
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => serviceTokensApi.revoke(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['service-tokens'] }),
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Card
      title={t('analytics.tokens.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('analytics.tokens.create')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary">{t('analytics.tokens.intro')}</Typography.Paragraph>
        <PagedTable<ServiceTokenDto>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          page={paging.page}
          pageSize={paging.pageSize}
          total={list.data?.total}
          onPage={setPaging}
          locale={{ emptyText: t('analytics.tokens.empty') }}
          columns={[
            { title: t('analytics.tokens.name'), dataIndex: 'name' },
            { title: t('analytics.tokens.permission'), dataIndex: 'permissionName' },
            { title: t('analytics.tokens.org'), dataIndex: 'orgName' },
            { title: t('analytics.tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
            { title: t('analytics.tokens.createdBy'), dataIndex: 'createdBy' },
            {
              title: t('analytics.tokens.lastUsedAt'),
              dataIndex: 'lastUsedAt',
              render: (v: string | null) => (v ? formatDateTime(v) : t('analytics.tokens.never')),
            },
            {
              title: t('analytics.tokens.status'),
              key: 'status',
              render: (_: unknown, r) =>
                r.revokedAt ? <Tag>{t('analytics.tokens.revoked')}</Tag> : <Tag color="green">{t('analytics.tokens.active')}</Tag>,
            },
            {
              key: 'actions',
              render: (_: unknown, r) =>
                !r.revokedAt && (
                  <Popconfirm title={t('analytics.tokens.revokeConfirm')} onConfirm={() => revoke.mutate(r.id)}>
                    <Button size="small" danger>
                      {t('analytics.tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Flex>
      <Modal
        open={creating}
        title={t('analytics.tokens.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ permission: 'analytics:write' }}>
          <Form.Item
            name="name"
            label={t('analytics.tokens.name')}
            rules={[{ required: true, message: t('analytics.tokens.nameRequired') }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="permission" label={t('analytics.tokens.permission')}>
            <Select options={TOKEN_PERMISSIONS.map((p) => ({ value: p, label: PERMISSIONS[p].zh }))} />
          </Form.Item>
          <Form.Item
            name="orgId"
            label={t('analytics.tokens.org')}
            rules={[{ required: true, message: t('analytics.tokens.orgRequired') }]}
          >
            <OrgTreeSelect />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={secret != null}
        title={t('analytics.tokens.createdTitle')}
        onCancel={() => setSecret(null)}
        onOk={() => setSecret(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon message={t('analytics.tokens.createdHint')} />
        <Typography.Paragraph copyable code style={{ marginTop: 12, wordBreak: 'break-all' }}>
          {secret}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
