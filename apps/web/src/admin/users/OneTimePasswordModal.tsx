import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a new account's initial password exactly once; closing forgets it. */
export function OneTimePasswordModal({ value, name, onClose }: { value: string | null; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={value !== null}
      title={t('users.otpTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="otp-close">
          {t('common.close')}
        </Button>
      }
    >
      <Typography.Paragraph>{name}</Typography.Paragraph>
      <Alert type="warning" showIcon title={t('users.otpHint')} style={{ marginBottom: 16 }} />
      <Typography.Text type="secondary">{t('users.otpLabel')}：</Typography.Text>
      <Typography.Text code copyable={{ text: value ?? '' }} style={{ fontSize: 18 }}>
        <span data-testid="one-time-password">{value}</span>
      </Typography.Text>
    </Modal>
  );
}
