import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/* These pages (antd Result and its pictures) are loaded when shown: import them with lazyNamed. */

export function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbidden')}
      extra={
        <Button type="primary" onClick={() => navigate('/admin/')} data-testid="back-home">
          {t('common.backHome')}
        </Button>
      }
      data-testid="page-403"
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/admin/')} data-testid="back-home">
          {t('common.backHome')}
        </Button>
      }
      data-testid="page-404"
    />
  );
}

/** What the console's error boundary shows; the message helps support, the stack stays in the console log. */
export function CrashPage({ error }: { error: Error }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('errors.crashTitle')}
      subTitle={t('errors.crash')}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>,
        <Button key="home" href="/admin/">
          {t('common.backHome')}
        </Button>,
      ]}
      data-testid="page-crash"
    >
      <code style={{ color: '#999', wordBreak: 'break-all' }}>{error.message}</code>
    </Result>
  );
}

/** The console could not load the session (network down, server error): say so and offer a retry. */
export function LoadFailedPage({ reason, retry, retrying }: { reason: string; retry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('errors.loadFailed')}
      subTitle={reason}
      extra={
        <Button type="primary" onClick={retry} loading={retrying}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
