import { Alert, type ButtonProps, Checkbox, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * 导出 Excel: what the file holds, and how full ID numbers get into it — reports to the committee
 * above need them. A holder of members:read-sensitive ticks the box (the server unmasks only the
 * rows in their scope and writes one audit row for the export); anyone else is told whom to ask.
 */
export function MemberExportDialog({
  open,
  canReveal,
  initialReveal,
  onCancel,
  onExport,
  busy,
}: {
  open: boolean;
  canReveal: boolean;
  initialReveal: boolean;
  onCancel: () => void;
  onExport: (reveal: boolean) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [reveal, setReveal] = useState(initialReveal);
  return (
    <Modal
      open={open}
      title={t('members.exportDialog.title')}
      okText={t('members.export')}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => onExport(canReveal && reveal)}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'member-export-ok' } as ButtonProps}
      afterOpenChange={(o) => o && setReveal(initialReveal)}
      destroyOnHidden
    >
      <div data-testid="member-export-dialog">
        <Typography.Paragraph>{t('members.exportDialog.masked')}</Typography.Paragraph>
        {canReveal ? (
          <>
            <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)} data-testid="member-export-reveal">
              {t('members.exportDialog.reveal')}
            </Checkbox>
            <Alert type={reveal ? 'warning' : 'info'} showIcon style={{ marginTop: 12 }} title={t('members.exportDialog.audited')} />
          </>
        ) : (
          <Alert type="info" showIcon title={t('members.exportDialog.askHolder')} />
        )}
      </div>
    </Modal>
  );
}
