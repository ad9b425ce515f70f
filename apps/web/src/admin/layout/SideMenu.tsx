import type { MeDto } from '@vanguard/shared';
import { Flex, Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { hasPermission } from '../../lib/session';
import { activePageKey, CONSOLE_PAGES, type ConsolePage } from '../routes';

const SECTIONS = ['organization', 'work', 'system'] as const;

import { PARTY_RED } from '../theme';

/** The menu shows only the pages the user's permissions open (docs/API.md §Menu). */
export function SideMenu({ me, collapsed = false, onNavigate }: { me: MeDto; collapsed?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = activePageKey(pathname);
  const visible = CONSOLE_PAGES.filter((p) => hasPermission(me, p.access));
  const item = (p: ConsolePage) => ({ key: p.key, icon: p.icon, label: <span data-testid={`menu-${p.key}`}>{t(`menu.${p.key}`)}</span> });
  // Top entries first, then each section that has a page for this user under its heading.
  const items = [
    ...visible.filter((p) => !p.section).map(item),
    ...SECTIONS.flatMap((section) => {
      const pages = visible.filter((p) => p.section === section);
      return pages.length
        ? [{ type: 'group' as const, key: section, label: t(`menu.sections.${section}`), children: pages.map(item) }]
        : [];
    }),
  ];
  return (
    <nav aria-label={t('common.appName')}>
      <Flex align="center" gap={10} style={{ height: 56, padding: collapsed ? '0 24px' : '0 16px', overflow: 'hidden' }}>
        <img src="/icons/icon.svg" alt="" width={30} height={30} style={{ borderRadius: 6, flex: 'none' }} />
        {!collapsed && <span style={{ fontWeight: 600, fontSize: 16, color: PARTY_RED, whiteSpace: 'nowrap' }}>{t('menu.brand')}</span>}
      </Flex>
      <Menu
        mode="inline"
        selectedKeys={active ? [active] : []}
        items={items}
        style={{ borderInlineEnd: 'none' }}
        onClick={({ key }) => {
          const page = CONSOLE_PAGES.find((p) => p.key === key);
          if (page) navigate(page.path);
          onNavigate?.();
        }}
      />
    </nav>
  );
}
