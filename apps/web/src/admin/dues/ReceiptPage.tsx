import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { codeText, duesApi, yuan } from '../../api/dues';
import { errorText } from '../../lib/error-text';

/** A printable receipt (党费收据) of one payment; the print stylesheet hides the console around it. */
export function ReceiptPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const p = useQuery({ queryKey: ['dues', 'payment', id], queryFn: () => duesApi.payment(id) });
  if (p.isPending) return <Spin />;
  if (p.isError) return <Result status="warning" title={errorText(p.error, t)} />;
  const r = p.data;
  return (
    <div className="dues-receipt" style={{ maxWidth: 720, margin: '0 auto', background: '#fff', padding: 32 }}>
      <style>
        {
          '@media print { body * { visibility: hidden } .dues-receipt, .dues-receipt * { visibility: visible } .dues-receipt { position: absolute; left: 0; top: 0; width: 100% } .no-print { display: none } }'
        }
      </style>
      <h2 style={{ textAlign: 'center', letterSpacing: 8 }} data-testid="receipt-title">
        {t('dues.receiptTitle')}
      </h2>
      <Descriptions bordered column={2} size="small">
        <Descriptions.Item label={t('dues.receiptNo')} span={2}>
          <span data-testid="receipt-no">{r.receiptNo}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('dues.col.name')}>{r.memberName}</Descriptions.Item>
        <Descriptions.Item label={t('dues.col.branch')}>{r.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('dues.col.kind')}>{codeText(t, 'kind', r.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('dues.col.method')}>{codeText(t, 'method', r.method)}</Descriptions.Item>
        <Descriptions.Item label={t('dues.col.months')} span={2}>
          {r.months.join('、') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('dues.capital')} span={2}>
          <b data-testid="receipt-amount">¥ {yuan(r.amountFen)}</b>
          {r.extraFen > 0 && `（含${t('dues.totals.extra')} ${yuan(r.extraFen)} 元）`}
        </Descriptions.Item>
        <Descriptions.Item label={t('dues.col.paidOn')}>{r.paidOn}</Descriptions.Item>
        <Descriptions.Item label={t('dues.col.proxy')}>
          {r.proxyMemberName ? `${r.proxyMemberName}（${r.proxyConsent ?? ''}）` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('dues.received')}>{r.confirmedByName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('dues.receivedAt')}>
          {r.confirmedAt ? new Date(r.confirmedAt).toLocaleString('zh-CN') : '—'}
        </Descriptions.Item>
        {r.reason && (
          <Descriptions.Item label={t('dues.reason')} span={2}>
            {r.reason}
          </Descriptions.Item>
        )}
      </Descriptions>
      <p style={{ marginTop: 24, textAlign: 'right' }}>（党组织盖章）</p>
      <div className="no-print" style={{ textAlign: 'center', marginTop: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('dues.print')}
        </Button>
      </div>
    </div>
  );
}
