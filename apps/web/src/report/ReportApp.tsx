import '../m/react19';
import { Button, ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { ReportFollowPage } from './ReportFollowPage';
import { ReportIntakePage } from './ReportIntakePage';

/**
 * The public whistleblowing pages (/report, /report/follow; issue 18): outside the login, phone first.
 * Nothing here reads the session; nothing is written to local storage; the portal's service worker is
 * scoped to /m/ and never sees these pages. 清除本机记录 remounts the page (all state gone) and
 * clears this tab's session storage.
 */
export function ReportApp() {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const [cleared, setCleared] = useState(false);
  useEffect(() => {
    document.title = t('report.title');
  }, [t]);
  const clear = () => {
    sessionStorage.clear();
    window.history.replaceState(null, '', window.location.pathname);
    setGeneration((g) => g + 1);
    setCleared(true);
  };
  return (
    <ConfigProvider locale={zhCN}>
      <div style={{ minHeight: '100vh', background: '#f5f5f5', ['--adm-color-primary' as string]: '#9f1d1d' }}>
        <header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '10px 16px',
            background: '#9f1d1d',
            color: '#fff',
          }}
        >
          <h1 style={{ fontSize: 18, margin: 0 }}>{t('report.title')}</h1>
          <Button size="small" onClick={clear} data-testid="report-clear">
            {t('report.clear')}
          </Button>
        </header>
        {cleared ? (
          <p role="status" style={{ margin: '8px 16px', color: '#135200' }}>
            {t('report.cleared')}
          </p>
        ) : null}
        <nav style={{ display: 'flex', gap: 16, padding: '8px 16px' }}>
          <Link to="/report" style={{ color: '#0b4fb3' }}>
            {t('report.newLink')}
          </Link>
          <Link to="/report/follow" style={{ color: '#0b4fb3' }}>
            {t('report.followLink')}
          </Link>
        </nav>
        <main key={generation}>
          <Routes>
            <Route index element={<ReportIntakePage />} />
            <Route path="follow" element={<ReportFollowPage />} />
          </Routes>
        </main>
      </div>
    </ConfigProvider>
  );
}
