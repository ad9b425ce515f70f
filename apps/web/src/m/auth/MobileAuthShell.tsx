import { SafeArea } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageToggle } from '../LanguageToggle';
import { PORTAL_MAX_WIDTH, PORTAL_RED } from '../theme';

/** The frame of the portal's login and forced-step pages: red brand block, then the form. */
export function MobileAuthShell({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100dvh', background: '#f5f5f5', maxWidth: PORTAL_MAX_WIDTH, margin: '0 auto' }}>
      <div style={{ background: PORTAL_RED, color: '#fff', padding: '0 16px 28px' }}>
        <SafeArea position="top" />
        <div style={{ display: 'flex', justifyContent: 'flex-end', paddingTop: 8 }}>
          <LanguageToggle onDark />
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginTop: 8 }}>
          <img src="/icons/icon.svg" alt="" width={48} height={48} style={{ borderRadius: 10, border: '2px solid rgba(255,255,255,.6)' }} />
          <div>
            <div style={{ fontSize: 22, fontWeight: 600 }}>{t('common.appName')}</div>
            <div style={{ fontSize: 13, opacity: 0.85 }}>{t('login.subtitle')}</div>
          </div>
        </div>
      </div>
      <div
        style={{
          margin: '-12px 12px 0',
          background: '#fff',
          borderRadius: 12,
          padding: '16px 4px 8px',
          boxShadow: '0 2px 8px rgba(0,0,0,.06)',
        }}
      >
        <div style={{ fontSize: 18, fontWeight: 600, padding: '0 12px 4px' }}>{title}</div>
        {children}
      </div>
      <SafeArea position="bottom" />
    </div>
  );
}
