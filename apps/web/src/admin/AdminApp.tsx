import '../i18n/console';
import { App as AntApp, ConfigProvider } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ErrorBoundary } from '../lib/ErrorBoundary';
import { lazyNamed } from '../lib/lazy';
import { AdminRoutes } from './AdminRoutes';
import { adminTheme } from './theme';

const CrashPage = lazyNamed(() => import('./errors/ResultPages'), 'CrashPage');

/** The console tree (/admin/*): Ant Design with the locale following the language switch. */
export default function AdminApp() {
  const { i18n } = useTranslation();
  const { pathname } = useLocation();
  const en = i18n.language === 'en-US';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={en ? enUSLocale : zhCNLocale} theme={adminTheme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ErrorBoundary
          resetKey={pathname}
          fallback={(error) => (
            <Suspense fallback={null}>
              <CrashPage error={error} />
            </Suspense>
          )}
        >
          <AdminRoutes />
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}
