import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeDto } from '@vanguard/shared';
import { Alert, App, Button, Flex, Form, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth';
import { errorText } from '../../lib/error-text';
import { ME_KEY } from '../../lib/session';
import { TotpEnrolment } from './TotpEnrolment';

/** 双因素认证 in the user menu: status, set up when off, turn off (with the password) when on. */
export function TotpPanel({ me, onClose }: { me: MeDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const disable = useMutation({
    mutationFn: (password: string) => authApi.totpDisable(password),
    onSuccess: async () => {
      message.success(t('totp.disabled'));
      await qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8}>
        <Typography.Text>{t('totp.title')}：</Typography.Text>
        {me.mfaEnabled ? <Tag color="green">{t('totp.statusOn')}</Tag> : <Tag>{t('totp.statusOff')}</Tag>}
      </Flex>
      {me.mfaEnabled && me.mfaRequired ? (
        <Alert type="info" showIcon title={t('totp.requiredForAdmin')} data-testid="totp-required" />
      ) : me.mfaEnabled ? (
        <Form layout="vertical" onFinish={(v: { password: string }) => disable.mutate(v.password)}>
          {disable.error && <Alert type="error" showIcon title={errorText(disable.error, t)} style={{ marginBottom: 12 }} />}
          <Form.Item name="password" label={t('totp.disablePassword')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="totp-disable-password" />
          </Form.Item>
          <Button danger htmlType="submit" loading={disable.isPending} data-testid="totp-disable">
            {t('totp.disable')}
          </Button>
        </Form>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('totp.intro')}
          </Typography.Paragraph>
          <TotpEnrolment
            onDone={() => {
              void qc.invalidateQueries({ queryKey: ME_KEY });
              message.success(t('totp.enabled'));
              onClose();
            }}
          />
        </>
      )}
    </Flex>
  );
}
