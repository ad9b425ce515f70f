import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { PagedTable } from '../components/PagedTable';
import { CreateUserModal } from './CreateUserModal';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { UserActions } from './UserActions';
import { AccountCell, RoleTags, UserStatusTags } from './UserStatusTags';
import { useUsers } from './users-query';

/** 账号管理: search, page, create (one-time password shown once), disable/enable, unlock. */
export function UsersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const users = useUsers(q, page.page, page.pageSize);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ password: string; name: string } | null>(null);

  const columns: ColumnsType<UserDto> = [
    { key: 'account', title: `${t('users.displayName')} / ${t('users.username')}`, render: (_, u) => <AccountCell user={u} /> },
    { key: 'org', title: t('users.org'), dataIndex: 'orgName', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    { key: 'roles', title: t('users.roles'), responsive: ['lg'], render: (_, u) => <RoleTags user={u} /> },
    { key: 'status', title: t('users.status'), render: (_, u) => <UserStatusTags user={u} /> },
    { key: 'actions', title: t('common.actions'), render: (_, u) => <UserActions user={u} /> },
  ];

  return (
    <Card title={t('users.title')}>
      <Flex gap={12} wrap justify="space-between" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ maxWidth: 320 }}
          data-testid="user-search"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
          {t('users.create')}
        </Button>
      </Flex>
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
        data-testid="user-table"
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r, name) => {
          setCreating(false);
          setCreated({ password: r.oneTimePassword, name });
        }}
      />
      <OneTimePasswordModal value={created?.password ?? null} name={created?.name ?? ''} onClose={() => setCreated(null)} />
    </Card>
  );
}
