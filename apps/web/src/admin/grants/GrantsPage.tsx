import { Alert, Button, Card, Empty, Input } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { PagedTable } from '../components/PagedTable';
import { AccountCell, RoleTags } from '../users/UserStatusTags';
import { useUsers } from '../users/users-query';
import { RolesDrawer } from './RolesDrawer';

/** 授权管理: find an account, then grant or revoke its roles on orgs. */
export function GrantsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const users = useUsers(q, page.page, page.pageSize);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = users.data?.items.find((u) => u.id === selectedId) ?? null;

  const columns: ColumnsType<UserDto> = [
    { key: 'account', title: `${t('users.displayName')} / ${t('users.username')}`, render: (_, u) => <AccountCell user={u} /> },
    { key: 'roles', title: t('users.roles'), render: (_, u) => <RoleTags user={u} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, u) => (
        <Button size="small" type="primary" ghost onClick={() => setSelectedId(u.id)} data-testid={`grant-manage-${u.id}`}>
          {t('grants.manage')}
        </Button>
      ),
    },
  ];

  return (
    <Card title={t('grants.title')}>
      <Alert type="info" showIcon title={t('grants.hint')} style={{ marginBottom: 16 }} />
      <Input.Search
        allowClear
        placeholder={t('users.searchPlaceholder')}
        onSearch={(v) => {
          setQ(v.trim());
          setPage((p) => ({ ...p, page: 1 }));
        }}
        style={{ maxWidth: 320, marginBottom: 16 }}
        data-testid="grant-search"
      />
      <PagedTable<UserDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data?.items ?? []}
        loading={users.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: users.isError ? <Empty description={errorText(users.error, t)} /> : undefined }}
        page={page.page}
        pageSize={page.pageSize}
        total={users.data?.total ?? 0}
        onPage={setPage}
        sizeChanger
        showTotal
        data-testid="grant-table"
      />
      <RolesDrawer user={selected} onClose={() => setSelectedId(null)} />
    </Card>
  );
}
