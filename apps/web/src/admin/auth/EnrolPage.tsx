import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { safeNext } from '../../api/location';
import { useLogout } from '../../lib/logout';
import { AuthShell } from './AuthShell';
import { StageGate } from './StageGate';
import { TotpEnrolment } from './TotpEnrolment';

/** Forced TOTP enrolment (stage `enrol`): admins set up the second factor before anything else. */
export function EnrolPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = useLogout('admin');
  return (
    <AuthShell title={t('stage.enrolTitle')} width={520}>
      <StageGate stage="enrol">
        {() => (
          <>
            <Alert type="info" showIcon title={t('stage.enrolIntro')} style={{ marginBottom: 16 }} />
            <TotpEnrolment
              autoStart
              onDone={() => {
                qc.clear();
                navigate(safeNext(params.get('next'), 'admin'), { replace: true });
              }}
            />
            <Button type="link" block onClick={logout} style={{ marginTop: 8 }} data-testid="logout">
              {t('header.logout')}
            </Button>
          </>
        )}
      </StageGate>
    </AuthShell>
  );
}
