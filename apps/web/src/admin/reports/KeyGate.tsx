import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { reportsApi } from '../../api/reports';
import { errorText } from '../../lib/error-text';

/**
 * The handler's key, before any report: made once from the login password (typed here; the server
 * keeps no password), then unlocked per session. An administrator's reset makes the old key unopenable:
 * the page says so and offers a new key (older reports then need a re-grant by another handler).
 */
export function KeyGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: ['reports', 'key'], queryFn: reportsApi.keyStatus });
  const [stale, setStale] = useState(false);
  const done = () => qc.invalidateQueries({ queryKey: ['reports'] });
  const unlock = useMutation({
    mutationFn: (p: string) => reportsApi.unlock(p),
    onSuccess: done,
    onError: (e) => isApiError(e) && e.detail('stale') === true && setStale(true),
  });
  const setup = useMutation({ mutationFn: (p: string) => reportsApi.setupKey(p), onSuccess: done });
  const lock = useMutation({ mutationFn: reportsApi.lock, onSuccess: done });

  if (status.error) return <Alert type="error" showIcon title={errorText(status.error, t)} />;
  if (!status.data) return null;
  if (status.data.unlocked) {
    return (
      <>
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={() => lock.mutate()} data-testid="reports-lock">
            {t('reports.lock')}
          </Button>
        </Space>
        {children}
      </>
    );
  }
  const creating = !status.data.hasKey || stale;
  const m = creating ? setup : unlock;
  return (
    <Card title={t('reports.keyTitle')} style={{ maxWidth: 560 }}>
      <Typography.Paragraph>{creating ? t('reports.keySetupHint') : t('reports.unlockHint')}</Typography.Paragraph>
      {m.error ? <Alert type={stale ? 'warning' : 'error'} showIcon title={errorText(m.error, t)} style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical" onFinish={(v: { password: string }) => m.mutate(v.password)} autoComplete="off">
        <Form.Item name="password" label={t('reports.password')} rules={[{ required: true, message: t('reports.password') }]}>
          <Input.Password autoComplete="current-password" data-testid="reports-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="reports-unlock">
          {creating ? (stale ? t('reports.regenerate') : t('reports.setup')) : t('reports.unlock')}
        </Button>
      </Form>
    </Card>
  );
}
