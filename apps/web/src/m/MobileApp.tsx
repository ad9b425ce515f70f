import './react19';
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from '../lib/ErrorBoundary';
import { lazyNamed } from '../lib/lazy';
import { ErrorBlock } from './ErrorBlock';
import { HomePage } from './home/HomePage';
import { FullPageSpin, MobileLayout } from './MobileLayout';
import { NotFound } from './NotFound';
import { registerPortalServiceWorker } from './sw-register';
import { applyPortalTheme } from './theme';

registerPortalServiceWorker();

/* The home and the frame load with the portal; every other page is fetched when first opened (one
 * chunk per module), so the first screen does not wait for pages the member may never open. The
 * service worker precaches them all for use without signal (see sw.js). */
// Fetched beside the session check, not after its 401: a first visit (no session) needs it next. Its
// text is in the core messages, so unlike the other pages it does not wait for the pages' text.
const loginPage = import('./auth/LoginPage');
const LoginPage = lazy(() => loginPage.then((m) => ({ default: m.LoginPage })));
const PasswordPage = lazyNamed(() => import('./auth/PasswordPage'), 'PasswordPage');
const EnrolNotice = lazyNamed(() => import('./auth/EnrolNotice'), 'EnrolNotice');
const MePage = lazyNamed(() => import('./me/MePage'), 'MePage');
const RecordPage = lazyNamed(() => import('./record/RecordPage'), 'RecordPage');
const MDuesRoutes = lazyNamed(() => import('./dues/MDuesRoutes'), 'MDuesRoutes');
const MLifeRoutes = lazyNamed(() => import('./life/MLifeRoutes'), 'MLifeRoutes');
const MLearningRoutes = lazyNamed(() => import('./learning/MLearningRoutes'), 'MLearningRoutes');
const MCoursesRoutes = lazyNamed(() => import('./courses/MCoursesRoutes'), 'MCoursesRoutes');
const MPointsRoutes = lazyNamed(() => import('./points/MPointsRoutes'), 'MPointsRoutes');
const MMentorsRoutes = lazyNamed(() => import('./mentors/MMentorsRoutes'), 'MMentorsRoutes');
const MCompetitionsRoutes = lazyNamed(() => import('./competitions/MCompetitionsRoutes'), 'MCompetitionsRoutes');
const MRelationsRoutes = lazyNamed(() => import('./relations/MRelationsRoutes'), 'MRelationsRoutes');
const MRecruitmentRoutes = lazyNamed(() => import('./recruitment/MRecruitmentRoutes'), 'MRecruitmentRoutes');
const MCalendarRoutes = lazyNamed(() => import('./calendar/MCalendarRoutes'), 'MCalendarRoutes');
const MNotifySettings = lazyNamed(() => import('./notify/MNotifySettings'), 'MNotifySettings');
const MSecretaryRoutes = lazyNamed(() => import('./secretary/MSecretaryRoutes'), 'MSecretaryRoutes');

/** A lazily loaded page inside the frame: the spinner while its chunk arrives, the tab bar stays. */
const lazyPage = (element: ReactNode) => <Suspense fallback={<FullPageSpin />}>{element}</Suspense>;

/** The phone portal (/m/*): antd-mobile, bottom tabs, installable, shell cached for poor signal. */
export default function MobileApp() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  useEffect(applyPortalTheme, []);
  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN}>
      <ErrorBoundary
        resetKey={pathname}
        fallback={() => (
          <ErrorBlock status="default" fullPage title={t('errors.crashTitle')} description={t('errors.crash')} data-testid="page-crash" />
        )}
      >
        <Routes>
          <Route path="login" element={lazyPage(<LoginPage />)} />
          <Route path="password" element={lazyPage(<PasswordPage />)} />
          <Route path="enrol" element={lazyPage(<EnrolNotice />)} />
          <Route element={<MobileLayout />}>
            <Route index element={<HomePage />} />
            <Route path="me" element={lazyPage(<MePage />)} />
            <Route path="record" element={lazyPage(<RecordPage />)} />
            <Route path="dues/*" element={lazyPage(<MDuesRoutes />)} />
            <Route path="life/*" element={lazyPage(<MLifeRoutes />)} />
            <Route path="learning/*" element={lazyPage(<MLearningRoutes />)} />
            <Route path="courses/*" element={lazyPage(<MCoursesRoutes />)} />
            <Route path="points/*" element={lazyPage(<MPointsRoutes />)} />
            <Route path="mentors/*" element={lazyPage(<MMentorsRoutes />)} />
            <Route path="competitions/*" element={lazyPage(<MCompetitionsRoutes />)} />
            <Route path="relations/*" element={lazyPage(<MRelationsRoutes />)} />
            <Route path="recruitment/*" element={lazyPage(<MRecruitmentRoutes />)} />
            <Route path="calendar/*" element={lazyPage(<MCalendarRoutes />)} />
            <Route path="notify" element={lazyPage(<MNotifySettings />)} />
            <Route path="secretary/*" element={lazyPage(<MSecretaryRoutes />)} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </ErrorBoundary>
    </ConfigProvider>
  );
}
