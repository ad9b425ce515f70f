import './react19';
import { ConfigProvider, ErrorBlock } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from '../lib/ErrorBoundary';
import { EnrolNotice } from './auth/EnrolNotice';
import { LoginPage } from './auth/LoginPage';
import { PasswordPage } from './auth/PasswordPage';
import { MCompetitionsRoutes } from './competitions/MCompetitionsRoutes';
import { MCoursesRoutes } from './courses/MCoursesRoutes';
import { MDuesRoutes } from './dues/MDuesRoutes';
import { HomePage } from './home/HomePage';
import { MLearningRoutes } from './learning/MLearningRoutes';
import { MLifeRoutes } from './life/MLifeRoutes';
import { MobileLayout } from './MobileLayout';
import { MePage } from './me/MePage';
import { MMentorsRoutes } from './mentors/MMentorsRoutes';
import { NotFound } from './NotFound';
import { MPointsRoutes } from './points/MPointsRoutes';
import { RecordPage } from './record/RecordPage';
import { MRecruitmentRoutes } from './recruitment/MRecruitmentRoutes';
import { MRelationsRoutes } from './relations/MRelationsRoutes';
import { registerPortalServiceWorker } from './sw-register';
import { applyPortalTheme } from './theme';

registerPortalServiceWorker();

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
          <Route path="login" element={<LoginPage />} />
          <Route path="password" element={<PasswordPage />} />
          <Route path="enrol" element={<EnrolNotice />} />
          <Route element={<MobileLayout />}>
            <Route index element={<HomePage />} />
            <Route path="me" element={<MePage />} />
            <Route path="record" element={<RecordPage />} />
            <Route path="dues/*" element={<MDuesRoutes />} />
            <Route path="life/*" element={<MLifeRoutes />} />
            <Route path="learning/*" element={<MLearningRoutes />} />
            <Route path="courses/*" element={<MCoursesRoutes />} />
            <Route path="points/*" element={<MPointsRoutes />} />
            <Route path="mentors/*" element={<MMentorsRoutes />} />
            <Route path="competitions/*" element={<MCompetitionsRoutes />} />
            <Route path="relations/*" element={<MRelationsRoutes />} />
            <Route path="recruitment/*" element={<MRecruitmentRoutes />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </ErrorBoundary>
    </ConfigProvider>
  );
}
