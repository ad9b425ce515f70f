import { useTranslation } from 'react-i18next';
import { useLoginFlow } from '../../lib/login-flow';
import { AuthShell } from './AuthShell';
import { LoginForm } from './LoginForm';
import { TotpStepForm } from './TotpStepForm';

/** /admin/login: 工号 + 密码, then the TOTP step when the server answers `stage: mfa`. */
export function LoginPage() {
  const { t } = useTranslation();
  const flow = useLoginFlow('admin');
  return (
    <AuthShell title={flow.step === 'mfa' ? t('login.mfaTitle') : t('login.consoleTitle')}>
      {flow.step === 'mfa' ? (
        <TotpStepForm verify={flow.verify} onBack={flow.backToCredentials} />
      ) : (
        <LoginForm login={flow.login} sessionLost={flow.sessionLost} />
      )}
      <p style={{ textAlign: 'center', marginTop: 16 }}>
        <a href="/report">{t('login.report')}</a>
      </p>
    </AuthShell>
  );
}
