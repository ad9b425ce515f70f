import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useLogout } from '../../lib/logout';
import { stagePath } from '../../lib/session';
import { AuthShell } from './AuthShell';
import { ChangePasswordForm } from './ChangePasswordForm';
import { StageGate } from './StageGate';

/** Forced password change (stage `password`): first login or after a reset. */
export function PasswordStagePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = useLogout('admin');
  return (
    <AuthShell title={t('stage.passwordTitle')}>
      <StageGate stage="password">
        {(me) => (
          <>
            <Alert type="info" showIcon title={t('stage.passwordIntro')} style={{ marginBottom: 16 }} />
            <ChangePasswordForm
              username={me.username}
              onDone={(r) => {
                qc.clear();
                navigate(stagePath(r.stage, 'admin', params.get('next')) ?? '/admin/login', { replace: true });
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
