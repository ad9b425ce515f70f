import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, QRCode, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { RecoveryCodes } from './RecoveryCodes';

interface Props {
  /** Start the setup at once (forced enrolment) instead of on a button press. */
  autoStart?: boolean;
  /** Called after the user confirms the recovery codes are saved. */
  onDone: () => void;
}

/** TOTP enrolment: QR (plus the secret as text), a first code, then the one-time recovery codes. */
export function TotpEnrolment({ autoStart = false, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [qrFailed, setQrFailed] = useState(false);
  const setup = useMutation({ mutationFn: authApi.totpSetup });
  const enable = useMutation({
    mutationFn: (code: string) => authApi.totpEnable(code.trim()),
    onError: (e) => {
      if (!isApiError(e)) return;
      if (e.code === 'AUTH_TOTP_INVALID') form.setFields([{ name: 'code', errors: [errorText(e, t)] }]);
      else applyFieldErrors(form, e);
    },
  });
  // One setup per mount (StrictMode runs effects twice in development; a second setup would
  // replace the secret the QR code shows).
  const started = useRef(false);
  const startSetup = setup.mutate;
  useEffect(() => {
    if (autoStart && !started.current) {
      started.current = true;
      startSetup();
    }
  }, [autoStart, startSetup]);

  if (enable.data) return <RecoveryCodes codes={enable.data.recoveryCodes} onSaved={onDone} />;
  if (!setup.data) {
    return (
      <Flex vertical gap={12}>
        {setup.error && <Alert type="error" showIcon title={errorText(setup.error, t)} />}
        {setup.isPending ? (
          <Spin />
        ) : (
          <Button type="primary" onClick={() => setup.mutate()} data-testid="totp-start">
            {t('totp.start')}
          </Button>
        )}
      </Flex>
    );
  }
  const { qrDataUrl, otpauthUrl, secret } = setup.data;
  const enableErr = enable.error;
  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{t('totp.step1')}</Typography.Text>
      <Flex justify="center">
        {qrFailed ? (
          <QRCode value={otpauthUrl} size={200} />
        ) : (
          <img src={qrDataUrl} alt={t('totp.qrAlt')} width={200} height={200} onError={() => setQrFailed(true)} data-testid="totp-qr" />
        )}
      </Flex>
      <Typography.Text type="secondary">{t('totp.secretLabel')}</Typography.Text>
      <Typography.Text code copyable={{ text: secret }} style={{ wordBreak: 'break-all', fontSize: 15 }}>
        <span data-testid="totp-secret">{secret}</span>
      </Typography.Text>
      <Typography.Text strong style={{ marginTop: 12 }}>
        {t('totp.step2')}
      </Typography.Text>
      {enableErr && !(isApiError(enableErr) && enableErr.code === 'AUTH_TOTP_INVALID') && (
        <Alert type="error" showIcon title={errorText(enableErr, t)} />
      )}
      <Form form={form} layout="inline" onFinish={(v) => enable.mutate(v.code)} style={{ rowGap: 8 }}>
        <Form.Item
          name="code"
          label={t('totp.codeLabel')}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('totp.codeRequired') }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 140 }} data-testid="totp-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="totp-submit">
          {t('totp.enable')}
        </Button>
      </Form>
    </Flex>
  );
}
