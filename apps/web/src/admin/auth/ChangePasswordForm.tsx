import { useMutation } from '@tanstack/react-query';
import type { LoginResult } from '@vanguard/shared';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { passwordPolicyLines, passwordPolicyRule } from '../../lib/password-rules';

interface Values {
  current: string;
  next: string;
  again: string;
}

/**
 * Current + new password (twice). The shared policy runs in the browser first; the server's
 * PASSWORD_POLICY details land under “new password”, PASSWORD_WRONG under “current password”.
 */
export function ChangePasswordForm({ username, onDone }: { username?: string; onDone: (r: LoginResult) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (v: Values) => authApi.changePassword(v.current, v.next),
    onSuccess: onDone,
    onError: (e) => {
      if (!isApiError(e)) return;
      if (e.code === 'PASSWORD_WRONG') form.setFields([{ name: 'current', errors: [e.message] }]);
      else applyFieldErrors(form, e, { currentPassword: 'current', newPassword: 'next' });
    },
  });
  const err = change.error;
  const fieldLevel = isApiError(err) && (err.code === 'PASSWORD_WRONG' || err.fieldIssues.length > 0);

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => change.mutate(v)} data-testid="password-form">
      {err && !fieldLevel && <Alert type="error" showIcon title={errorText(err, t)} style={{ marginBottom: 16 }} />}
      <Form.Item name="current" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="next"
        label={t('password.next')}
        rules={[{ required: true, message: t('password.nextRequired') }, passwordPolicyRule(t, () => username)]}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('password.rules')}：{passwordPolicyLines(t).join('；')}
          </Typography.Text>
        }
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
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
        <Input.Password autoComplete="new-password" data-testid="password-again" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="password-submit">
        {t('password.submit')}
      </Button>
    </Form>
  );
}
