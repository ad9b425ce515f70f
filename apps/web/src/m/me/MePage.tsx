import { Button, Dialog, List, Switch, Tag } from 'antd-mobile';
import type { Action } from 'antd-mobile/es/components/dialog';
import { FileOutline, UserCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../../lib/logout';
import { hasPermission, useMe } from '../../lib/session';
import { setCareMode, useCareMode } from '../care';
import { LanguageToggle } from '../LanguageToggle';
import { useSyncStatus } from '../offline/outbox';
import { usePortal } from '../portal/portal-query';
import { useMyRecord } from '../record/record-query';
import { PORTAL_RED } from '../theme';

/** 我的: name, 工号, organization, roles (with where each applies), language, 退出登录. */
export function MePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const logout = useLogout('m');
  const navigate = useNavigate();
  const sync = useSyncStatus();
  const care = useCareMode();
  // Only people with a member record (not workers, not admins) get the entry; a 404 hides it.
  const record = useMyRecord(hasPermission(me, 'self:portal'));
  // The person's own name (member or worker record), not the login's label (issue 24).
  const portal = usePortal();
  if (!me) return null;

  const confirmLogout = () => {
    Dialog.show({
      content:
        sync.pending + sync.failed > 0
          ? `${t('learning.sync.logoutWarn', { n: sync.pending + sync.failed })} ${t('header.logoutConfirm')}`
          : t('header.logoutConfirm'),
      closeOnAction: true,
      actions: [
        [
          { key: 'cancel', text: t('common.cancel') },
          { key: 'logout', text: t('header.logout'), bold: true, danger: true, 'data-testid': 'logout-confirm' } as Action,
        ],
      ],
      onAction: async (a) => {
        if (a.key === 'logout') await logout();
      },
    });
  };

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, padding: 16, background: '#fff' }}>
        <UserCircleOutline fontSize={52} color={PORTAL_RED} />
        <div style={{ minWidth: 0 }}>
          <div style={{ fontSize: 20, fontWeight: 600 }} data-testid="me-name">
            {portal.data?.name || me.displayName}
          </div>
          <div style={{ color: '#666', fontSize: 13 }}>
            {t('mobile.username')}：{me.username}
          </div>
        </div>
      </div>
      {record.isSuccess && (
        <List style={{ marginTop: 12 }}>
          <List.Item
            prefix={<FileOutline fontSize={22} color={PORTAL_RED} />}
            description={t('record.entryHint')}
            onClick={() => navigate('/m/record')}
            arrowIcon
            data-testid="me-record"
          >
            {t('record.entry')}
          </List.Item>
        </List>
      )}
      <List header={t('mobile.org')} style={{ marginTop: 12 }}>
        <List.Item>
          <span data-testid="me-org">{me.org?.name ?? t('mobile.noOrg')}</span>
        </List.Item>
      </List>
      <List header={t('mobile.roles')} data-testid="me-roles">
        {me.roles.length ? (
          me.roles.map((r) => (
            <List.Item key={r.id} description={r.orgName}>
              <Tag color="danger" fill="outline" style={{ marginRight: 6 }}>
                {r.roleName}
              </Tag>
            </List.Item>
          ))
        ) : (
          <List.Item>{t('common.none')}</List.Item>
        )}
      </List>
      <List style={{ marginTop: 12 }}>
        <List.Item description={t('notify.settingsHint')} onClick={() => navigate('/m/notify')} arrowIcon data-testid="me-notify">
          {t('notify.settingsEntry')}
        </List.Item>
      </List>
      <List header={t('lang.label')}>
        <List.Item extra={<LanguageToggle />}>{t('lang.label')}</List.Item>
        <List.Item
          description={t('mobile.careHint')}
          extra={<Switch checked={care} onChange={setCareMode} aria-label={t('mobile.care')} data-testid="care-switch" />}
        >
          {t('mobile.care')}
        </List.Item>
      </List>
      <div style={{ padding: 16 }}>
        <Button block color="danger" fill="outline" size="large" onClick={confirmLogout} data-testid="logout">
          {t('header.logout')}
        </Button>
      </div>
    </div>
  );
}
