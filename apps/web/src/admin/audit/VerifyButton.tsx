import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../../api/endpoints';
import { errorText } from '../../lib/error-text';

/** 校验完整性: re-checks the hash chain on the server and shows “intact” or every break. */
export function VerifyButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const verify = useMutation({ mutationFn: auditApi.verify, onError: (e) => message.error(errorText(e, t)) });
  const result = verify.data;
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
        {t('audit.verify')}
      </Button>
      <Modal open={Boolean(result)} title={t('audit.verifyTitle')} footer={null} onCancel={() => verify.reset()} width={640}>
        {result?.ok ? (
          <Alert
            type="success"
            showIcon
            title={<span data-testid="audit-verify-ok">{t('audit.verifyOk', { count: result.checked })}</span>}
          />
        ) : result ? (
          <>
            <Alert
              type="error"
              showIcon
              title={
                <span data-testid="audit-verify-broken">
                  {t('audit.verifyBroken', { count: result.breaks.length, checked: result.checked })}
                </span>
              }
              style={{ marginBottom: 12 }}
            />
            <Table
              rowKey={(b) => `${b.seq ?? ''}-${b.id ?? ''}-${b.reason}`}
              size="small"
              dataSource={result.breaks}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { key: 'id', title: t('audit.breakId'), width: 120, render: (_, b) => b.seq ?? b.id ?? '—' },
                { key: 'reason', title: t('audit.breakReason'), dataIndex: 'reason' },
              ]}
              data-testid="audit-breaks"
            />
          </>
        ) : null}
      </Modal>
    </>
  );
}
