import { KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { MeDto } from '@vanguard/shared';
import { App, Avatar, Button, type ButtonProps, Dropdown, Modal, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyNamed } from '../../lib/lazy';
import { useLogout } from '../../lib/logout';

/* The two dialogs (forms, the QR code) load when first opened, not with every console page. */
const TotpPanel = lazyNamed(() => import('../auth/TotpPanel'), 'TotpPanel');
const ChangePasswordModal = lazyNamed(() => import('./ChangePasswordModal'), 'ChangePasswordModal');

type Dialog = 'password' | 'totp' | null;

/** The user menu: 修改密码, 双因素认证, 退出登录 (asks first). */
export function UserMenu({ me, compact }: { me: MeDto; compact: boolean }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const logout = useLogout('admin');
  const [dialog, setDialog] = useState<Dialog>(null);
  // Mounted once opened, so closing still animates.
  const [passwordOpened, setPasswordOpened] = useState(false);

  const confirmLogout = () =>
    modal.confirm({
      title: t('header.logoutConfirm'),
      okText: t('header.logout'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'logout-confirm' } as ButtonProps,
      onOk: logout,
    });

  return (
    <>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('header.changePassword')}</span> },
            { key: 'totp', icon: <SafetyOutlined />, label: <span data-testid="menu-totp">{t('header.totp')}</span> },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('header.logout')}</span> },
          ],
          onClick: ({ key }) => {
            if (key === 'logout') return confirmLogout();
            if (key === 'password') setPasswordOpened(true);
            setDialog(key === 'password' ? 'password' : 'totp');
          },
        }}
      >
        <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8102e' }} />
          {!compact && <span>{me.displayName}</span>}
        </Button>
      </Dropdown>
      {passwordOpened && (
        <Suspense fallback={null}>
          <ChangePasswordModal open={dialog === 'password'} me={me} onClose={() => setDialog(null)} />
        </Suspense>
      )}
      <Modal open={dialog === 'totp'} title={t('totp.title')} footer={null} onCancel={() => setDialog(null)} destroyOnHidden width={520}>
        <Suspense fallback={<Spin />}>
          <TotpPanel me={me} onClose={() => setDialog(null)} />
        </Suspense>
      </Modal>
    </>
  );
}
