import { Alert, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The recovery codes, shown once; the user confirms they are saved before moving on. */
export function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      <Alert type="success" showIcon title={t('totp.enabled')} />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('totp.recoveryTitle')}
      </Typography.Title>
      <Typography.Paragraph type="warning" style={{ margin: 0 }}>
        {t('totp.recoveryHint')}
      </Typography.Paragraph>
      <ol
        data-testid="recovery-codes"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
          gap: '6px 16px',
          margin: 0,
          padding: '12px 12px 12px 32px',
          background: '#fafafa',
          border: '1px dashed #d9d9d9',
          borderRadius: 6,
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: 15,
        }}
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <Typography.Text copyable={{ text: codes.join('\n') }}>{t('common.copy')}</Typography.Text>
      <Button type="primary" onClick={onSaved} data-testid="recovery-saved">
        {t('totp.saved')}
      </Button>
    </Flex>
  );
}
