import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setNavigator } from './api/client';
import { ErrorBoundary } from './lib/ErrorBoundary';
import { lazyNamed } from './lib/lazy';
import { PlainFallback } from './PlainFallback';

/* The two trees load separately: a phone underground never downloads the console, and back. */
const AdminApp = lazy(() => import('./admin/AdminApp'));
const MobileApp = lazy(() => import('./m/MobileApp'));
const ReportApp = lazyNamed(() => import('./report/ReportApp'), 'ReportApp');

/** `/` picks the phone portal on narrow screens and the console otherwise. */
function RootRedirect() {
  const narrow = typeof window !== 'undefined' && window.matchMedia('(max-width: 768px)').matches;
  return <Navigate to={narrow ? '/m/' : '/admin/'} replace />;
}

export function AppRoutes() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  // The API client's redirects (to the login page) stay inside the app: no second load of it.
  useEffect(() => setNavigator((to) => navigate(to)), [navigate]);
  return (
    <ErrorBoundary resetKey={pathname} fallback={() => <PlainFallback title={t('errors.crashTitle')} text={t('errors.crash')} />}>
      <Suspense fallback={<PlainFallback text={t('common.loading')} />}>
        <Routes>
          <Route path="/" element={<RootRedirect />} />
          <Route path="/admin/*" element={<AdminApp />} />
          <Route path="/m/*" element={<MobileApp />} />
          <Route path="/report/*" element={<ReportApp />} />
          <Route path="*" element={<PlainFallback title={t('errors.notFoundTitle')} text={t('errors.notFound')} home="/" />} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
