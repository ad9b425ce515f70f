import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isSeparatedAdminRole, ROLE_CODES, ROLES, type Role } from '@vanguard/shared';
import { Alert, App, Button, type ButtonProps, Divider, Drawer, Empty, Flex, Form, Grid, Popconfirm, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../../api/endpoints';
import type { UserDto, UserRoleDto } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { USERS_KEY } from '../users/users-query';

interface GrantValues {
  role: Role;
  orgId: number;
}

/** One account's roles: revoke any, grant a new one on an org. Server refusals are shown as sent. */
export function RolesDrawer({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<GrantValues>();
  const qc = useQueryClient();
  const en = i18n.language === 'en-US';

  const grant = useMutation({
    mutationFn: (v: GrantValues) => usersApi.grant(user?.id ?? 0, v.role, v.orgId),
    onSuccess: async () => {
      message.success(t('grants.granted'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (r: UserRoleDto) => usersApi.revoke(user?.id ?? 0, r.id),
    onSuccess: async () => {
      message.success(t('grants.revoked'));
      await qc.invalidateQueries({ queryKey: USERS_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  // 三员分立: an admin account's roles change only through the break-glass procedure.
  const adminAccount = Boolean(user?.roles.some((r) => isSeparatedAdminRole(r.role)));
  const close = () => {
    grant.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Drawer
      open={user !== null}
      onClose={close}
      title={user ? t('grants.drawerTitle', { name: `${user.displayName}（${user.username}）` }) : ''}
      size={screens.md ? 480 : '100%'}
      destroyOnHidden
    >
      {adminAccount && (
        <Alert type="info" showIcon title={t('users.adminPeerHint')} style={{ marginBottom: 16 }} data-testid="grant-admin-peer" />
      )}
      <Typography.Title level={5}>{t('grants.current')}</Typography.Title>
      {user?.roles.length ? (
        <Flex vertical gap={8} data-testid="grant-roles">
          {user.roles.map((r) => (
            <Flex
              key={r.id}
              justify="space-between"
              align="center"
              gap={8}
              style={{ padding: '8px 12px', background: '#fafafa', borderRadius: 6 }}
            >
              <span>
                <Typography.Text strong>{r.roleName}</Typography.Text>
                <Typography.Text type="secondary"> · {r.orgName}</Typography.Text>
              </span>
              {!adminAccount && (
                <Popconfirm
                  title={t('grants.revokeConfirm', { role: r.roleName, org: r.orgName })}
                  okText={t('grants.revoke')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' } as ButtonProps}
                  onConfirm={() => revoke.mutateAsync(r).catch(() => undefined)}
                >
                  <Button
                    size="small"
                    danger
                    loading={revoke.isPending && revoke.variables?.id === r.id}
                    data-testid={`grant-revoke-${r.id}`}
                  >
                    {t('grants.revoke')}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          ))}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grants.noRoles')} />
      )}
      {!adminAccount && (
        <>
          <Divider />
          <Typography.Title level={5}>{t('grants.add')}</Typography.Title>
          {grant.error && (
            <Alert
              type="error"
              showIcon
              title={<span data-testid="grant-error">{errorText(grant.error, t)}</span>}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => grant.mutate(v)}
            onValuesChange={() => grant.error && grant.reset()}
          >
            <Form.Item name="role" label={t('grants.role')} rules={[{ required: true, message: t('grants.roleRequired') }]}>
              <Select<Role>
                placeholder={t('grants.roleRequired')}
                options={ROLE_CODES.map((code) => ({ value: code, label: en ? ROLES[code].en : ROLES[code].zh }))}
                data-testid="grant-role"
              />
            </Form.Item>
            <Form.Item name="orgId" label={t('grants.org')} rules={[{ required: true, message: t('grants.orgRequired') }]}>
              <OrgTreeSelect testId="grant-org" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="grant-submit">
              {t('grants.grant')}
            </Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}
