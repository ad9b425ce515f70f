import { Button, NavBar, SafeArea, SpinLoading, TabBar } from 'antd-mobile';
import { AppOutline, UserOutline } from 'antd-mobile-icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { errorText } from '../lib/error-text';
import { isRedirecting, stagePath, useMe } from '../lib/session';
import { ErrorBlock } from './ErrorBlock';
import { OfflineStamp, OfflineUnseen, useOfflinePage } from './offline/OfflinePage';
import { registerWorkerSoon } from './sw-register';
import { PORTAL_MAX_WIDTH, PORTAL_RED } from './theme';

const TABS = [
  { key: '/m/', icon: <AppOutline />, label: 'mobile.home', testId: 'tab-home' },
  { key: '/m/me', icon: <UserOutline />, label: 'mobile.me', testId: 'tab-me' },
] as const;

/** Pages reached from a tab: their title, and the tab they belong to. */
const SUB_PAGES = [
  { prefix: '/m/record', title: 'record.title', tab: '/m/me' },
  { prefix: '/m/dues', title: 'dues.mobileTitle', tab: '/m/' },
  { prefix: '/m/calendar', title: 'calendar.mobileTitle', tab: '/m/' },
  { prefix: '/m/notify', title: 'notify.settingsEntry', tab: '/m/me' },
  { prefix: '/m/life', title: 'life.mobileTitle', tab: '/m/' },
  { prefix: '/m/learning', title: 'learning.mobileTitle', tab: '/m/' },
  { prefix: '/m/courses', title: 'courses.mobileTitle', tab: '/m/' },
  { prefix: '/m/points', title: 'points.mobileTitle', tab: '/m/' },
  { prefix: '/m/mentors', title: 'mentors.mobileTitle', tab: '/m/' },
  { prefix: '/m/competitions', title: 'competitions.mobileTitle', tab: '/m/' },
  { prefix: '/m/relations', title: 'relations.mobileTitle', tab: '/m/' },
  { prefix: '/m/recruitment', title: 'recruitment.mobileTitle', tab: '/m/' },
  { prefix: '/m/secretary', title: 'secretaryM.mobileTitle', tab: '/m/' },
] as const;

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <SpinLoading color="primary" />
    </div>
  );
}

/** The portal frame for an active session: title bar, page, bottom TabBar (首页 / 我的). */
export function MobileLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const here = pathname + search;
  const offline = useOfflinePage();
  const signedIn = me.data?.stage === 'active';
  useEffect(() => {
    if (signedIn) registerWorkerSoon();
  }, [signedIn]);

  // Without signal the session check waits for the network: the kept /me (last-seen.ts) answers it;
  // a phone with none says so instead of spinning.
  if (me.isPending) return offline && me.fetchStatus === 'paused' ? <OfflineUnseen login /> : <FullPageSpin />;
  // A kept /me with a failed refresh is still the session the phone had (the server decides when it answers).
  if (me.isError && (isRedirecting(me.error) || !me.data)) {
    if (isRedirecting(me.error)) return <FullPageSpin />;
    // Underground without signal: keep the user here with a retry, not on the login page.
    const offline = isApiError(me.error) && me.error.code === 'NETWORK';
    return (
      <ErrorBlock
        status={offline ? 'disconnected' : 'default'}
        fullPage
        title={t('errors.loadFailed')}
        description={errorText(me.error, t)}
      >
        <Button color="primary" loading={me.isFetching} onClick={() => void me.refetch()} data-testid="retry">
          {t('common.retry')}
        </Button>
      </ErrorBlock>
    );
  }
  if (me.data.stage !== 'active') return <Navigate to={stagePath(me.data.stage, 'm', here) ?? '/m/login'} replace />;

  // A sub-page keeps its tab lit, and the title bar leads back to that tab.
  const sub = SUB_PAGES.find((p) => pathname.startsWith(p.prefix));
  const active = sub?.tab ?? (pathname.startsWith('/m/me') ? '/m/me' : '/m/');
  const title = sub ? t(sub.title) : active === '/m/me' ? t('mobile.me') : t('common.appName');
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        minHeight: '100dvh',
        background: '#f5f5f5',
        maxWidth: PORTAL_MAX_WIDTH,
        margin: '0 auto',
        boxShadow: '0 0 0 1px #eee',
      }}
    >
      <div style={{ position: 'sticky', top: 0, zIndex: 10, background: PORTAL_RED }}>
        <SafeArea position="top" />
        <NavBar
          back={sub ? '' : null}
          left={sub ? <span className="vg-sr-only">{t('mobile.back')}</span> : null}
          onBack={() => navigate(sub?.tab ?? '/m/')}
          style={{ '--height': '48px', color: '#fff' } as React.CSSProperties}
          data-testid="nav-bar"
        >
          {title}
        </NavBar>
      </div>
      <main style={{ flex: 1, paddingBottom: 64 }}>
        {offline?.unseen ? <OfflineUnseen /> : offline?.updatedAt ? <OfflineStamp at={offline.updatedAt} /> : null}
        {/* Kept mounted while it waits for the network: it shows itself once its data arrives. */}
        <div hidden={offline?.unseen}>
          <Outlet />
        </div>
      </main>
      <div
        style={{
          position: 'fixed',
          left: 0,
          right: 0,
          bottom: 0,
          maxWidth: PORTAL_MAX_WIDTH,
          margin: '0 auto',
          background: '#fff',
          borderTop: '1px solid #eee',
          zIndex: 10,
        }}
        onClickCapture={(e) => {
          // A tap on the lit tab from one of its sub-pages goes back to it (TabBar reports changes only).
          const item = (e.target as HTMLElement).closest('.adm-tab-bar-item');
          const key = item ? TABS[[...e.currentTarget.querySelectorAll('.adm-tab-bar-item')].indexOf(item)]?.key : undefined;
          if (key && key === active && pathname !== key) navigate(key);
        }}
      >
        <TabBar activeKey={active} onChange={(key) => navigate(key)} safeArea>
          {TABS.map((tab) => (
            <TabBar.Item key={tab.key} icon={tab.icon} title={<span data-testid={tab.testId}>{t(tab.label)}</span>} />
          ))}
        </TabBar>
      </div>
    </div>
  );
}
