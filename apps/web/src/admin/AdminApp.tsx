import '../i18n/console';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, useEffect, useState } from 'react';
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
  const enUS = useEnglishLocale(en);
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={en && enUS ? enUS : zhCNLocale} theme={adminTheme} button={{ autoInsertSpace: false }}>
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

/** Ant Design's English texts, fetched when English is chosen (most sessions never need them). */
function useEnglishLocale(en: boolean): Locale | null {
  const [locale, setLocale] = useState<Locale | null>(null);
  useEffect(() => {
    if (en && !locale) void import('antd/locale/en_US').then((m) => setLocale(m.default));
  }, [en, locale]);
  return locale;
}
