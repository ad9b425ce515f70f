import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, ImageUploader, type ImageUploadItem, Input, Radio, Selector, Space, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { duesApi, type MyDues, toFen, yuan } from '../../api/dues';
import { filesApi } from '../../api/endpoints';
import { errorText } from '../../lib/error-text';
import { FullPageSpin } from '../MobileLayout';
import { MY_DUES_KEY, useMyDues } from './my-dues-query';

const today = () => new Date().toLocaleDateString('sv-SE');
const SELF = 0;
type Method = 'transfer' | 'cash' | 'wechat' | 'alipay';

/** The months one may pay now: for oneself the unpaid bills and the months to prepay; for a member who consented, their unpaid bills. */
function payable(d: MyDues, forMemberId: number): { month: string; dueFen: number; prepay: boolean }[] {
  if (forMemberId !== SELF) {
    return (d.proxy.forMe.find((f) => f.memberId === forMemberId)?.openBills ?? []).map((b) => ({ ...b, prepay: false }));
  }
  const open = d.bills.filter((b) => b.status === 'unpaid').map((b) => ({ month: b.month, dueFen: b.dueFen, prepay: false }));
  return [...open, ...d.prepay.map((p) => ({ ...p, prepay: true }))].sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * 报告缴费: for myself or for a member who consented (代缴), pick the months (unpaid, or ahead as 预交),
 * optionally add a voluntary extra, add a photo of the transfer or receipt, and submit for the branch to confirm.
 */
export function ReportPaymentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useMyDues();
  const [forMemberId, setForMemberId] = useState(SELF);
  const [months, setMonths] = useState<string[]>([]);
  const [extra, setExtra] = useState('');
  const [method, setMethod] = useState<Method>('transfer');
  const [txnNo, setTxnNo] = useState('');
  const needsTxn = method === 'wechat' || method === 'alipay';
  const [files, setFiles] = useState<ImageUploadItem[]>([]);
  const [requestKey] = useState(() => crypto.randomUUID());
  const extraFen = forMemberId === SELF ? toFen(extra) : 0;
  const send = useMutation({
    mutationFn: () =>
      duesApi.report({
        months,
        extraFen: extraFen ?? 0,
        method,
        txnNo: txnNo.trim() || null,
        paidOn: today(),
        proofFileId: String(files[0]?.key ?? ''),
        requestKey,
        ...(forMemberId === SELF ? {} : { forMemberId }),
      }),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('dues.my.submitted') });
      void qc.invalidateQueries({ queryKey: MY_DUES_KEY });
      navigate('/m/dues');
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  if (q.isPending || !q.data) return <FullPageSpin />;
  const d = q.data;
  const options = payable(d, forMemberId);
  const total = options.filter((b) => months.includes(b.month)).reduce((a, b) => a + b.dueFen, 0) + (extraFen ?? 0);
  const submit = () => {
    if (months.length === 0) Toast.show({ content: t('dues.my.monthsRequired') });
    else if (extra.trim() && extraFen === undefined) Toast.show({ content: t('dues.my.extraBad') });
    else if (needsTxn && !txnNo.trim()) Toast.show({ content: t('dues.my.txnRequired') });
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
      {d.proxy.forMe.length > 0 && (
        <Form.Item label={t('dues.my.payFor')}>
          <Selector
            columns={3}
            value={[forMemberId]}
            onChange={(v) => {
              if (v[0] === undefined) return;
              setForMemberId(v[0]);
              setMonths([]);
            }}
            options={[{ value: SELF, label: t('dues.my.self') }, ...d.proxy.forMe.map((f) => ({ value: f.memberId, label: f.memberName }))]}
            data-testid="report-for"
          />
        </Form.Item>
      )}
      <Form.Item label={t('dues.monthsLabel')} description={t('dues.my.total', { amount: yuan(total) })}>
        <Selector
          multiple
          columns={2}
          value={months}
          onChange={setMonths}
          options={options.map((b) => ({
            value: b.month,
            label: `${b.month}（${yuan(b.dueFen)} 元${b.prepay ? `，${t('dues.my.prepay')}` : ''}）`,
          }))}
          data-testid="report-months"
        />
      </Form.Item>
      {forMemberId === SELF && (
        <Form.Item label={t('dues.my.extra')}>
          <Input inputMode="decimal" value={extra} onChange={setExtra} placeholder="0.00" clearable data-testid="report-extra" />
        </Form.Item>
      )}
      <Form.Item label={t('dues.col.method')}>
        <Radio.Group value={method} onChange={(v) => setMethod(v as Method)}>
          <Space wrap>
            {(['wechat', 'alipay', 'transfer', 'cash'] as const).map((m) => (
              <Radio key={m} value={m}>
                {t(`dues.method.${m}`)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      {method !== 'cash' && (
        <Form.Item label={needsTxn ? t('dues.txnLabel') : t('dues.slipLabel')}>
          <Input value={txnNo} onChange={setTxnNo} maxLength={64} clearable data-testid="report-txn" />
        </Form.Item>
      )}
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
