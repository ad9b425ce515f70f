import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, List, NoticeBar, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { codeText, duesApi, type MyProxy, yuan } from '../../api/dues';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';
import { MY_DUES_KEY, useMyDues } from './my-dues-query';

const TAG: Record<string, 'danger' | 'success' | 'default' | 'warning' | 'primary'> = {
  unpaid: 'danger',
  paid: 'success',
  waived: 'default',
  backpaid: 'warning',
  prepaid: 'primary',
  reported: 'warning',
  confirmed: 'success',
  rejected: 'default',
};

/** 委托代缴: my consent (with withdrawal) and whom I may pay for. */
function ProxySection({ proxy }: { proxy: MyProxy }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const revoke = useMutation({
    mutationFn: duesApi.revokeProxy,
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('dues.my.proxyRevoked') });
      void qc.invalidateQueries({ queryKey: MY_DUES_KEY });
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  const given = proxy.given;
  return (
    <List header={t('dues.my.proxyTitle')}>
      {given ? (
        <List.Item
          extra={
            <Button
              size="mini"
              loading={revoke.isPending}
              onClick={async () => {
                if (await Dialog.confirm({ content: t('dues.my.proxyRevokeConfirm', { name: given.proxyName }) })) revoke.mutate();
              }}
              data-testid="proxy-revoke"
            >
              {t('dues.my.proxyRevoke')}
            </Button>
          }
          data-testid="proxy-given"
        >
          {t('dues.my.proxyGiven', { name: given.proxyName, month: given.untilMonth })}
        </List.Item>
      ) : (
        <List.Item arrow description={t('dues.my.proxyNone')} onClick={() => navigate('/m/dues/proxy')} data-testid="proxy-give">
          {t('dues.my.proxyGive')}
        </List.Item>
      )}
      {proxy.forMe.length > 0 && (
        <List.Item data-testid="proxy-for">{t('dues.my.proxyFor', { names: proxy.forMe.map((f) => f.memberName).join('、') })}</List.Item>
      )}
    </List>
  );
}

/** 我的党费: my standard and how it was computed, arrears, bills, report a payment, my receipts. */
export function MyDuesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useMyDues();
  if (q.isPending) return <FullPageSpin />;
  if (q.isError) {
    const none = isApiError(q.error) && q.error.status === 404;
    return (
      <ErrorBlock status={none ? 'empty' : 'disconnected'} title={none ? t('dues.my.noMember') : errorText(q.error, t)} description="" />
    );
  }
  const d = q.data;
  const s = d.standard;
  const open = d.bills.filter((b) => b.status === 'unpaid');
  const pending = d.payments.filter((p) => p.status === 'reported');
  // A month covered by a reported payment is 待确认 on its bill too, not 未交.
  const waiting = new Set(pending.flatMap((p) => p.months));
  const billStatus = (b: { month: string; status: string }) => (b.status === 'unpaid' && waiting.has(b.month) ? 'reported' : b.status);
  return (
    <div style={{ paddingBottom: 24 }}>
      {d.arrears.monthsUnpaid > 0 ? (
        <NoticeBar
          color={d.arrears.monthsUnpaid >= 3 ? 'error' : 'alert'}
          wrap
          content={[
            t('dues.my.behind', { n: d.arrears.monthsUnpaid, amount: yuan(d.arrears.owedFen) }),
            d.arrears.sinceMonth ? t('dues.my.since', { month: d.arrears.sinceMonth }) : null,
            // The last month paid before the open ones (the server never names a later, prepaid month here).
            d.arrears.lastPaidMonth ? t('dues.my.lastPaid', { month: d.arrears.lastPaidMonth }) : null,
          ]
            .filter(Boolean)
            .join('；')}
          data-testid="my-arrears"
        />
      ) : null}
      <List header={t('dues.my.standard')}>
        {s ? (
          <>
            <List.Item extra={<b data-testid="my-monthly">{yuan(s.monthlyFen)} 元</b>}>{t('dues.my.monthly')}</List.Item>
            <List.Item extra={s.categoryName}>{t('dues.col.category')}</List.Item>
            <List.Item
              description={`${s.basis}（${t('dues.source')}：${s.source}，规则版本 ${s.ruleVersion}，自 ${s.effectiveFrom} 起）`}
              data-testid="my-basis"
            >
              {t('dues.my.how')}
            </List.Item>
          </>
        ) : (
          <List.Item>{t('dues.my.noStandard')}</List.Item>
        )}
      </List>
      <div style={{ padding: 12 }}>
        <Button
          block
          color="danger"
          disabled={open.length === 0 && d.prepay.length === 0 && d.proxy.forMe.length === 0}
          onClick={() => navigate('/m/dues/report')}
          data-testid="my-report"
        >
          {t('dues.my.report')}
        </Button>
      </div>
      <ProxySection proxy={d.proxy} />
      <List header={t('dues.my.bills')}>
        {d.bills.length === 0 && <List.Item>{t('dues.my.noBills')}</List.Item>}
        {d.bills.map((b) => (
          <List.Item
            key={b.id}
            extra={
              <Tag color={TAG[billStatus(b)] ?? 'default'} data-testid={`my-bill-${b.month}`}>
                {codeText(t, 'status', billStatus(b))}
              </Tag>
            }
            description={b.paidOn ? `${t('dues.col.paidOn')} ${b.paidOn}` : undefined}
          >
            {b.month}　{yuan(b.dueFen)} 元
          </List.Item>
        ))}
      </List>
      <List header={t('dues.my.receipts')}>
        {d.payments.length === 0 && <List.Item>{t('dues.my.noReceipts')}</List.Item>}
        {[...pending, ...d.payments.filter((p) => p.status !== 'reported')].map((p) => (
          <List.Item
            key={p.id}
            arrow={p.status === 'confirmed'}
            onClick={p.status === 'confirmed' ? () => navigate(`/m/dues/receipts/${p.id}`) : undefined}
            extra={<Tag color={TAG[p.status] ?? 'default'}>{codeText(t, 'status', p.status)}</Tag>}
            description={`${codeText(t, 'kind', p.kind)} · ${p.months.join('、') || '—'}${p.rejectedReason ? ` · ${p.rejectedReason}` : ''}`}
            data-testid={`my-payment-${p.id}`}
          >
            {p.paidOn}　{yuan(p.amountFen)} 元
          </List.Item>
        ))}
      </List>
    </div>
  );
}
