import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { useLogout } from '../../lib/logout';
import { passwordPolicyLines, passwordPolicyRule } from '../../lib/password-rules';
import { stagePath } from '../../lib/session';
import { FormError } from './FormError';
import { MInput } from './MInput';
import { MobileAuthShell } from './MobileAuthShell';
import { MStageGate } from './MStageGate';

interface Values {
  current: string;
  next: string;
  again: string;
}

/** Forced password change on the phone (stage `password`). */
export function PasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = useLogout('m');
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (v: Values) => authApi.changePassword(v.current, v.next),
    onSuccess: (r) => {
      qc.clear();
      navigate(stagePath(r.stage, 'm', params.get('next')) ?? '/m/login', { replace: true });
    },
    onError: (e) => {
      if (!isApiError(e)) return;
      if (e.code === 'PASSWORD_WRONG') form.setFields([{ name: 'current', errors: [e.message] }]);
      else applyFieldErrors(form, e, { currentPassword: 'current', newPassword: 'next' });
    },
  });
  const err = change.error;
  const fieldLevel = isApiError(err) && (err.code === 'PASSWORD_WRONG' || err.fieldIssues.length > 0);

  return (
    <MobileAuthShell title={t('stage.passwordTitle')}>
      <MStageGate stage="password">
        {(me) => (
          <>
            <p style={{ margin: '4px 12px', color: '#666', fontSize: 14, lineHeight: 1.6 }}>{t('stage.passwordIntro')}</p>
            {err && !fieldLevel && <FormError>{errorText(err, t)}</FormError>}
            <Form
              form={form}
              layout="vertical"
              requiredMarkStyle="none"
              onFinish={(v: Values) => change.mutate(v)}
              footer={
                <>
                  <Button block type="submit" color="primary" size="large" loading={change.isPending} data-testid="password-submit">
                    {t('password.submit')}
                  </Button>
                  <Button block fill="none" onClick={logout} style={{ marginTop: 8 }} data-testid="logout">
                    {t('header.logout')}
                  </Button>
                </>
              }
            >
              <Form.Item name="current" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
                <MInput password autoComplete="current-password" testId="password-current" />
              </Form.Item>
              <Form.Item
                name="next"
                label={t('password.next')}
                description={passwordPolicyLines(t).join('；')}
                rules={[{ required: true, message: t('password.nextRequired') }, passwordPolicyRule(t, () => me.username)]}
              >
                <MInput password autoComplete="new-password" testId="password-new" />
              </Form.Item>
              <Form.Item
                name="again"
                label={t('password.again')}
                dependencies={['next']}
                rules={[
                  { required: true, message: t('password.againRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_, value) => {
                      if (value && value !== getFieldValue('next')) throw new Error(t('password.mismatch'));
                    },
                  }),
                ]}
              >
                <MInput password autoComplete="new-password" testId="password-again" />
              </Form.Item>
            </Form>
          </>
        )}
      </MStageGate>
    </MobileAuthShell>
  );
}
