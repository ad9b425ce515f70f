import type { UseMutationResult } from '@tanstack/react-query';
import type { LoginResult } from '@vanguard/shared';
import { Button, Form } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/error-text';
import { FormError } from './FormError';
import { MInput } from './MInput';

/** The second factor on the phone: 6-digit code or a recovery code. */
export function CodeStep({ verify, onBack }: { verify: UseMutationResult<LoginResult, Error, string>; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p style={{ margin: '4px 12px', color: '#666', fontSize: 14, lineHeight: 1.6 }}>{t('login.mfaHint')}</p>
      {verify.error && <FormError testId="totp-error">{errorText(verify.error, t)}</FormError>}
      <Form
        layout="vertical"
        requiredMarkStyle="none"
        onFinish={(v: { code: string }) => verify.mutate(v.code)}
        footer={
          <>
            <Button block type="submit" color="primary" size="large" loading={verify.isPending} data-testid="totp-submit">
              {t('login.verify')}
            </Button>
            <Button block fill="none" onClick={onBack} style={{ marginTop: 8 }} data-testid="totp-back">
              {t('login.backToLogin')}
            </Button>
          </>
        }
      >
        <Form.Item name="code" label={t('login.code')} rules={[{ required: true, whitespace: true, message: t('login.codeRequired') }]}>
          <MInput placeholder={t('login.codePlaceholder')} autoComplete="one-time-code" maxLength={32} autoFocus testId="totp-code" />
        </Form.Item>
      </Form>
    </>
  );
}
