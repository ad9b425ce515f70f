import { useQuery } from '@tanstack/react-query';
import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { codeText, duesApi, yuan } from '../../api/dues';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

/** 我的收据: one confirmed payment. */
export function MyReceiptPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['dues', 'me', 'receipt', id], queryFn: () => duesApi.myPayment(id) });
  if (q.isPending) return <FullPageSpin />;
  if (q.isError) return <ErrorBlock status="empty" title={errorText(q.error, t)} description="" />;
  const p = q.data;
  return (
    <List header={t('dues.receiptTitle')}>
      <List.Item extra={<span data-testid="my-receipt-no">{p.receiptNo}</span>}>{t('dues.receiptNo')}</List.Item>
      <List.Item extra={p.memberName}>{t('dues.payer')}</List.Item>
      <List.Item extra={p.orgName}>{t('dues.col.branch')}</List.Item>
      <List.Item extra={codeText(t, 'kind', p.kind)}>{t('dues.col.kind')}</List.Item>
      <List.Item extra={p.months.join('、') || '—'}>{t('dues.col.months')}</List.Item>
      <List.Item extra={<b>{yuan(p.amountFen)} 元</b>}>{t('dues.capital')}</List.Item>
      <List.Item extra={codeText(t, 'method', p.method)}>{t('dues.col.method')}</List.Item>
      <List.Item extra={p.paidOn}>{t('dues.col.paidOn')}</List.Item>
      <List.Item extra={p.confirmedByName ?? '—'}>{t('dues.received')}</List.Item>
    </List>
  );
}
