import type { UseMutationResult } from '@tanstack/react-query';
import type { LoginResult } from '@vanguard/shared';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/error-text';

interface Props {
  verify: UseMutationResult<LoginResult, Error, string>;
  onBack: () => void;
}

/** The second factor: a 6-digit TOTP code or one recovery code. */
export function TotpStepForm({ verify, onBack }: Props) {
  const { t } = useTranslation();
  return (
    <Form layout="vertical" requiredMark={false} size="large" onFinish={(v: { code: string }) => verify.mutate(v.code)}>
      <Typography.Paragraph type="secondary">{t('login.mfaHint')}</Typography.Paragraph>
      {verify.error && (
        <Alert
          type="error"
          showIcon
          title={<span data-testid="totp-error">{errorText(verify.error, t)}</span>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item name="code" label={t('login.code')} rules={[{ required: true, whitespace: true, message: t('login.codeRequired') }]}>
        <Input
          placeholder={t('login.codePlaceholder')}
          autoComplete="one-time-code"
          inputMode="text"
          maxLength={32}
          autoFocus
          data-testid="totp-code"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={verify.isPending} data-testid="totp-submit">
        {t('login.verify')}
      </Button>
      <Button type="link" block onClick={onBack} style={{ marginTop: 8 }} data-testid="totp-back">
        {t('login.backToLogin')}
      </Button>
    </Form>
  );
}
