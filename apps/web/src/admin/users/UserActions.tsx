import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isSeparatedAdminRole } from '@vanguard/shared';
import { App, Button, type ButtonProps, Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../../api/endpoints';
import type { UserDto } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { hasPermission, useMe } from '../../lib/session';
import { isLocked, USERS_KEY } from './users-query';

type Action = 'disable' | 'enable' | 'unlock';

/** 停用 / 启用 / 解锁 for one account, each behind a confirmation. */
export function UserActions({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: (action: Action) => usersApi[action](user.id),
    onSuccess: (_, action) => {
      message.success(t(action === 'disable' ? 'users.disabledOk' : action === 'enable' ? 'users.enabledOk' : 'users.unlockedOk'));
      return qc.invalidateQueries({ queryKey: USERS_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const confirm = (action: Action) =>
    modal.confirm({
      title: t(action === 'disable' ? 'users.confirmDisable' : action === 'enable' ? 'users.confirmEnable' : 'users.confirmUnlock', {
        name: `${user.displayName}（${user.username}）`,
      }),
      okText: t(`users.${action}`),
      okButtonProps: { danger: action === 'disable', 'data-testid': 'confirm-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => run.mutateAsync(action).catch(() => undefined),
    });

  const canManage = hasPermission(me, 'users:manage');
  const busy = run.isPending;
  // 三员分立: the three admins do not act on each other's accounts alone (the server refuses it too).
  if (user.roles.some((r) => isSeparatedAdminRole(r.role)) && me?.id !== user.id) {
    return (
      <Tooltip title={t('users.adminPeerHint')}>
        <Tag data-testid={`user-admin-peer-${user.id}`}>{t('users.adminPeer')}</Tag>
      </Tooltip>
    );
  }
  return (
    <Flex gap={4} wrap>
      {canManage && !user.disabled && me?.id !== user.id && (
        <Button size="small" danger disabled={busy} onClick={() => confirm('disable')} data-testid={`user-disable-${user.id}`}>
          {t('users.disable')}
        </Button>
      )}
      {canManage && user.disabled && (
        <Button size="small" disabled={busy} onClick={() => confirm('enable')} data-testid={`user-enable-${user.id}`}>
          {t('users.enable')}
        </Button>
      )}
      {hasPermission(me, 'security:unlock') && isLocked(user) && (
        <Button size="small" disabled={busy} onClick={() => confirm('unlock')} data-testid={`user-unlock-${user.id}`}>
          {t('users.unlock')}
        </Button>
      )}
    </Flex>
  );
}
