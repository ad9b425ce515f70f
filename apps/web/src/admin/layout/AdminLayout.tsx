import { ConfigProvider, Grid, Layout, Spin, type ThemeConfig } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorText } from '../../lib/error-text';
import { lazyNamed } from '../../lib/lazy';
import { isRedirecting, stagePath, useMe } from '../../lib/session';
import { HeaderBar } from './HeaderBar';
import { SideMenu } from './SideMenu';

/* Shown only on narrow screens or when the session cannot load: fetched then, not with every page. */
const Drawer = lazy(() => import('antd/es/drawer'));
const LoadFailedPage = lazyNamed(() => import('../errors/ResultPages'), 'LoadFailedPage');

const WIDE_THEME: ThemeConfig = {};
const NARROW_THEME: ThemeConfig = { components: { Card: { bodyPadding: 12, headerPadding: 12 } } };

/**
 * The console frame for an active session: side menu (a drawer on narrow screens), header, page.
 * A session still in a forced stage is sent to that stage's page, keeping where it wanted to go.
 */
export function AdminLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const here = location.pathname + location.search;

  if (me.isPending) return <Spin fullscreen />;
  if (me.isError) {
    if (isRedirecting(me.error)) return <Spin fullscreen />;
    // Network down or server error: say so and offer a retry rather than a login loop.
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <LoadFailedPage reason={errorText(me.error, t)} retry={() => void me.refetch()} retrying={me.isFetching} />
      </Suspense>
    );
  }
  if (me.data.stage !== 'active') {
    return <Navigate to={stagePath(me.data.stage, 'admin', here) ?? '/admin/login'} replace />;
  }

  const wide = screens.lg ?? true;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide && (
        <Layout.Sider
          theme="light"
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <SideMenu me={me.data} collapsed={collapsed} />
        </Layout.Sider>
      )}
      {!wide && (
        <Suspense fallback={null}>
          <Drawer
            placement="left"
            size={240}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            styles={{ body: { padding: 0 } }}
            closable={false}
          >
            <SideMenu me={me.data} onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        </Suspense>
      )}
      <Layout>
        <HeaderBar me={me.data} onOpenMenu={wide ? undefined : () => setDrawerOpen(true)} />
        <Layout.Content style={{ padding: wide ? 24 : 8, minWidth: 0 }}>
          {/* Always wrapped (and always with a theme: antd adds a provider only for one), so crossing the
              breakpoint restyles the page instead of remounting it: open dialogs survive. */}
          <ConfigProvider theme={wide ? WIDE_THEME : NARROW_THEME}>
            <Outlet />
          </ConfigProvider>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
