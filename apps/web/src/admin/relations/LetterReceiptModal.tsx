import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { relationsApi, todayIso } from '../../api/relations';
import { FormModal } from './FormModal';
import { blankToUndefined } from './letter-form';

/** 登记回执: by the number printed on the returned receipt. */
export function ReceiptModal({ number, onClose, onDone }: { number: string | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number: string; receiptOn: string; receiptOrgName: string; receiptHandler?: string; note?: string }>();
  return (
    <FormModal
      open={number !== null}
      title={t('relations.recordReceipt')}
      okText={t('common.save')}
      testId="receipt"
      form={form}
      initialValues={{ number: number ?? '', receiptOn: todayIso() }}
      submit={(v) => relationsApi.receipt(blankToUndefined({ ...v }))}
      onDone={(l) => {
        message.success(t('relations.receiptOk', { number: l.number }));
        onDone();
      }}
      onClose={onClose}
    >
      <Form.Item
        name="number"
        label={t('relations.letterNo')}
        rules={[{ required: true, whitespace: true, message: t('relations.letterNoRequired') }]}
      >
        <Input placeholder="2026-001" data-testid="receipt-number" />
      </Form.Item>
      <Form.Item name="receiptOn" label={t('relations.receiptDate')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
        <Input type="date" data-testid="receipt-date" />
      </Form.Item>
      <Form.Item
        name="receiptOrgName"
        label={t('relations.receiptOrg')}
        rules={[{ required: true, whitespace: true, message: t('relations.receiptOrgRequired') }]}
      >
        <Input maxLength={100} data-testid="receipt-org" />
      </Form.Item>
      <Form.Item name="receiptHandler" label={t('relations.receiptHandler')}>
        <Input maxLength={30} />
      </Form.Item>
    </FormModal>
  );
}
