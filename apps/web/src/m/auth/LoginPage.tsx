import type { LoginInput } from '@vanguard/shared';
import { Button, Form } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { useLoginFlow } from '../../lib/login-flow';
import { CodeStep } from './CodeStep';
import { FormError } from './FormError';
import { MInput } from './MInput';
import { MobileAuthShell } from './MobileAuthShell';

/** /m/login: 工号 + 密码; then the 6-digit code when the account has two-factor on. */
export function LoginPage() {
  const { t } = useTranslation();
  const flow = useLoginFlow('m');
  const [form] = Form.useForm<LoginInput>();
  const { login } = flow;
  const err = login.error;
  const banner = err && !(isApiError(err) && err.code === 'VALIDATION' && err.fieldIssues.length);

  if (flow.step === 'mfa') {
    return (
      <MobileAuthShell title={t('login.mfaTitle')}>
        <CodeStep verify={flow.verify} onBack={flow.backToCredentials} />
      </MobileAuthShell>
    );
  }
  return (
    <MobileAuthShell title={t('login.mobileTitle')}>
      {flow.sessionLost && !err && <FormError tone="warning">{t('login.sessionLost')}</FormError>}
      {banner && (
        <FormError testId="login-error" tone={isApiError(err) && err.code === 'AUTH_LOCKED' ? 'warning' : 'error'}>
          {errorText(err, t)}
        </FormError>
      )}
      <Form
        form={form}
        layout="vertical"
        requiredMarkStyle="none"
        onFinish={(v: LoginInput) =>
          login.mutate(
            { username: v.username.trim(), password: v.password },
            {
              onError: (e) => {
                if (isApiError(e)) applyFieldErrors(form, e);
                if (isApiError(e) && e.code === 'AUTH_INVALID_CREDENTIALS') form.setFieldValue('password', '');
              },
            },
          )
        }
        footer={
          <Button block type="submit" color="primary" size="large" loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        }
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <MInput placeholder={t('login.usernamePlaceholder')} autoComplete="username" autoCapitalize="off" testId="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <MInput password placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" testId="login-password" />
        </Form.Item>
      </Form>
      <p style={{ textAlign: 'center', marginTop: 16 }}>
        <a href="/report">{t('login.report')}</a>
      </p>
    </MobileAuthShell>
  );
}
