import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { PARTY_RED } from '../theme';

/** The frame of the login and forced-step pages: brand band, one centred card, language switch. */
export function AuthShell({ title, children, width = 420 }: { title: ReactNode; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Flex vertical style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Flex justify="space-between" align="center" style={{ background: PARTY_RED, padding: '10px 16px' }}>
        <Flex align="center" gap={10}>
          <img src="/icons/icon.svg" alt="" width={32} height={32} style={{ borderRadius: 6 }} />
          <span style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>{t('common.appName')}</span>
        </Flex>
        <LanguageSwitch onDark />
      </Flex>
      <Flex flex={1} justify="center" align="flex-start" style={{ padding: '32px 12px' }}>
        <Card style={{ width: '100%', maxWidth: width }} styles={{ body: { padding: 24 } }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </Flex>
      <Typography.Text type="secondary" style={{ textAlign: 'center', padding: 16, fontSize: 12 }}>
        {t('login.subtitle')}
      </Typography.Text>
    </Flex>
  );
}
