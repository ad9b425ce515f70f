import { MenuOutlined } from '@ant-design/icons';
import type { MeDto } from '@vanguard/shared';
import { Button, Flex, Layout, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';

/** Header: menu button (narrow screens), the user's organization, language switch, user menu. */
export function HeaderBar({ me, onOpenMenu }: { me: MeDto; onOpenMenu?: () => void }) {
  const { t } = useTranslation();
  return (
    <Layout.Header
      style={{ display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #f0f0f0', paddingInline: onOpenMenu ? 8 : 24 }}
    >
      {onOpenMenu && (
        <Button type="text" icon={<MenuOutlined />} onClick={onOpenMenu} aria-label={t('menu.open')} data-testid="menu-open" />
      )}
      <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0, fontSize: 16 }} data-testid="header-org">
        {me.org?.name ?? t('common.appName')}
      </Typography.Text>
      <Flex align="center" gap={4} style={{ flex: 'none' }}>
        <LanguageSwitch compact={Boolean(onOpenMenu)} />
        <UserMenu me={me} compact={Boolean(onOpenMenu)} />
      </Flex>
    </Layout.Header>
  );
}
