import { Button, Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLogout } from '../../lib/logout';
import { MobileAuthShell } from './MobileAuthShell';
import { MStageGate } from './MStageGate';

/** Stage `enrol` on the phone: admins are console users, so this says to finish setup there. */
export function EnrolNotice() {
  const { t } = useTranslation();
  const logout = useLogout('m');
  return (
    <MobileAuthShell title={t('stage.enrolTitle')}>
      <MStageGate stage="enrol">
        {() => (
          <div style={{ padding: '0 12px 12px' }}>
            <Result
              status="info"
              title={t('stage.mobileEnrolTitle')}
              description={t('stage.mobileEnrolIntro')}
              data-testid="enrol-notice"
            />
            <Button block color="primary" size="large" onClick={logout} data-testid="logout">
              {t('header.logout')}
            </Button>
          </div>
        )}
      </MStageGate>
    </MobileAuthShell>
  );
}
