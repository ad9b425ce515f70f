import { useQueryClient } from '@tanstack/react-query';
import type { MeDto } from '@vanguard/shared';
import { App, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ME_KEY } from '../../lib/session';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';

/** 修改密码 from the user menu. The server ends other sessions and sends a fresh CSRF token. */
export function ChangePasswordModal({ open, me, onClose }: { open: boolean; me: MeDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <Modal open={open} title={t('password.title')} footer={null} onCancel={onClose} destroyOnHidden>
      <ChangePasswordForm
        username={me.username}
        onDone={() => {
          message.success(t('password.success'));
          void qc.invalidateQueries({ queryKey: ME_KEY });
          onClose();
        }}
      />
    </Modal>
  );
}
