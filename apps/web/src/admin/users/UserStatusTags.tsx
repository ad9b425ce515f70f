import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { isLocked } from './users-query';

/** 正常 / 已停用 / 已锁定 (with until when) and whether 2FA is on. */
export function UserStatusTags({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      {user.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
      {isLocked(user) && (
        <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
          <Tag color="orange">{t('users.locked')}</Tag>
        </Tooltip>
      )}
      {user.mfaEnabled && <Tag color="blue">{t('users.mfa')}</Tag>}
    </Flex>
  );
}

/** 姓名 over 工号: one narrow column that works on a phone-width screen too. */
export function AccountCell({ user }: { user: UserDto }) {
  return (
    <Flex vertical>
      <Typography.Text strong>{user.displayName}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {user.username}
      </Typography.Text>
    </Flex>
  );
}

/** Role tags: “支部书记 · 一矿综采一队党支部”. */
export function RoleTags({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  if (!user.roles.length) return <span style={{ color: '#999' }}>{t('common.none')}</span>;
  return (
    <Flex gap={4} wrap>
      {user.roles.map((r) => (
        <Tag key={r.id} color="red" variant="outlined" style={{ whiteSpace: 'normal' }}>
          {r.roleName} · {r.orgName}
        </Tag>
      ))}
    </Flex>
  );
}
