import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, ImageUploader, type ImageUploadItem, Radio, Selector, Space, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { duesApi, yuan } from '../../admin/dues/dues-api';
import { filesApi } from '../../api/endpoints';
import { errorText } from '../../lib/error-text';
import { FullPageSpin } from '../MobileLayout';
import { MY_DUES_KEY, useMyDues } from './my-dues-query';

const today = () => new Date().toLocaleDateString('sv-SE');

/** 报告缴费: pick the unpaid months, add a photo of the transfer or receipt, submit for the branch to confirm. */
export function ReportPaymentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useMyDues();
  const [months, setMonths] = useState<string[]>([]);
  const [method, setMethod] = useState<'transfer' | 'cash'>('transfer');
  const [files, setFiles] = useState<ImageUploadItem[]>([]);
  const [requestKey] = useState(() => crypto.randomUUID());
  const send = useMutation({
    mutationFn: () => duesApi.report({ months, method, paidOn: today(), proofFileId: files[0]?.key, requestKey }),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('dues.my.submitted') });
      void qc.invalidateQueries({ queryKey: MY_DUES_KEY });
      navigate('/m/dues');
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  if (q.isPending) return <FullPageSpin />;
  const open = (q.data?.bills ?? []).filter((b) => b.status === 'unpaid').sort((a, b) => a.month.localeCompare(b.month));
  const total = open.filter((b) => months.includes(b.month)).reduce((a, b) => a + b.dueFen, 0);
  const submit = () => {
    if (months.length === 0) Toast.show({ content: t('dues.my.monthsRequired') });
    else if (!files[0]) Toast.show({ content: t('dues.my.photoRequired') });
    else send.mutate();
  };
  return (
    <Form
      layout="vertical"
      footer={
        <Button block color="danger" loading={send.isPending} onClick={submit} data-testid="report-submit">
          {t('dues.my.submit')}
        </Button>
      }
    >
      <Form.Header>{t('dues.my.reportTitle')}</Form.Header>
      <Form.Item label={t('dues.monthsLabel')} description={t('dues.my.total', { amount: yuan(total) })}>
        <Selector
          multiple
          columns={2}
          value={months}
          onChange={setMonths}
          options={open.map((b) => ({ value: b.month, label: `${b.month}（${yuan(b.dueFen)} 元）` }))}
          data-testid="report-months"
        />
      </Form.Item>
      <Form.Item label={t('dues.col.method')}>
        <Radio.Group value={method} onChange={(v) => setMethod(v as 'transfer' | 'cash')}>
          <Space>
            <Radio value="transfer">{t('dues.method.transfer')}</Radio>
            <Radio value="cash">{t('dues.method.cash')}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item label={t('dues.my.photo')}>
        <ImageUploader
          value={files}
          onChange={setFiles}
          maxCount={1}
          accept="image/*"
          upload={async (file) => {
            const f = await filesApi.upload(file);
            return { key: f.id, url: URL.createObjectURL(file) };
          }}
          data-testid="report-photo"
        />
      </Form.Item>
    </Form>
  );
}
