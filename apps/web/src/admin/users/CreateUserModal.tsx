import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, type ButtonProps, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { usersApi } from '../../api/endpoints';
import type { UserCreated, UserCreateInput } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { USERS_KEY } from './users-query';

/** 新建账号: 工号, 姓名, 所属组织. The server answers with a one-time password shown once. */
export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (r: UserCreated, name: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserCreateInput>();
  const qc = useQueryClient();
  const create = useMutation({
    mutationFn: (v: UserCreateInput) => usersApi.create({ ...v, username: v.username.trim(), displayName: v.displayName.trim() }),
    onSuccess: (r, v) => {
      void qc.invalidateQueries({ queryKey: USERS_KEY });
      form.resetFields();
      onCreated(r, `${v.displayName}（${v.username}）`);
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });
  const err = create.error;
  const showBanner = err && !(isApiError(err) && err.fieldIssues.length);
  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        create.reset();
        form.resetFields();
        onClose();
      }}
      okButtonProps={{ 'data-testid': 'user-create-submit' } as ButtonProps}
      forceRender
    >
      {showBanner && <Alert type="error" showIcon title={errorText(err, t)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => create.mutate(v)} data-testid="user-create-form">
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { min: 2, message: t('users.usernameTooShort') },
          ]}
        >
          <Input autoComplete="off" maxLength={64} data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input autoComplete="off" maxLength={64} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.org')} rules={[{ required: true, message: t('users.orgRequired') }]}>
          <OrgTreeSelect testId="user-org" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
