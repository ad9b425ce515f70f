import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { UseMutationResult } from '@tanstack/react-query';
import type { LoginInput, LoginResult } from '@vanguard/shared';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';

interface Props {
  login: UseMutationResult<LoginResult, Error, LoginInput>;
  sessionLost: boolean;
}

/** Username and password. Wrong password, lockout, disabled and throttled show the server's words. */
export function LoginForm({ login, sessionLost }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginInput>();
  const err = login.error;
  const showBanner = err && !(isApiError(err) && err.code === 'VALIDATION' && err.fieldIssues.length);

  const onFinish = (values: LoginInput) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onError: (e) => {
          if (isApiError(e)) applyFieldErrors(form, e);
          if (isApiError(e) && e.code === 'AUTH_INVALID_CREDENTIALS') form.setFieldValue('password', '');
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on" size="large">
      {sessionLost && !err && <Alert type="warning" showIcon title={t('login.sessionLost')} style={{ marginBottom: 16 }} />}
      {showBanner && (
        <Alert
          type={isApiError(err) && err.code === 'AUTH_LOCKED' ? 'warning' : 'error'}
          showIcon
          title={<span data-testid="login-error">{errorText(err, t)}</span>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input
          prefix={<UserOutlined />}
          placeholder={t('login.usernamePlaceholder')}
          autoComplete="username"
          autoFocus
          data-testid="login-username"
        />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password
          prefix={<LockOutlined />}
          placeholder={t('login.passwordPlaceholder')}
          autoComplete="current-password"
          data-testid="login-password"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}
