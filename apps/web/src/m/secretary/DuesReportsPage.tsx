import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DotLoading, Image, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { duesApi, type Payment, yuan } from '../../api/dues';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';
import { card, confirmAsk, ReasonPopup, row, useWorkOrg } from './common';

/**
 * 党费待确认 on the phone: the branch's reported payments with their proof; confirm (a receipt is
 * issued) or return with a reason — the same routes as the console's PaymentsTab.
 */
export function DuesReportsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orgId = useWorkOrg();
  const key = ['secretary', 'dues-reports', orgId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => duesApi.payments({ orgId: orgId as number, status: 'reported', pageSize: 50 }),
    enabled: orgId !== undefined,
  });
  const [returning, setReturning] = useState<Payment | null>(null);
  const done = (message: string) => {
    Toast.show({ icon: 'success', content: message });
    return qc.invalidateQueries({ queryKey: key });
  };
  const confirm = useMutation({
    mutationFn: (id: number) => duesApi.confirm(id),
    onSuccess: () => done(t('secretaryM.payment.confirmed')),
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  const reject = useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => duesApi.reject(id, reason),
    onSuccess: async () => {
      setReturning(null);
      await done(t('secretaryM.payment.returned'));
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });

  if (list.isError) return <ErrorBlock status="disconnected" title={errorText(list.error, t)} description="" />;
  if (!list.data) return <DotLoading />;
  const items = list.data.items;
  return (
    <div style={{ padding: '12px 0 24px' }} data-testid="sec-dues">
      {items.length === 0 && <ErrorBlock status="empty" title={t('secretaryM.empty')} description="" />}
      {items.map((p) => (
        <div key={p.id} style={card} data-testid={`sec-payment-${p.id}`}>
          <div style={{ fontSize: 16, fontWeight: 600, marginBottom: 6 }}>{p.memberName}</div>
          <div style={row}>
            <span style={{ color: '#666' }}>{t('secretaryM.payment.months')}</span>
            <span>{p.months.join('、')}</span>
          </div>
          <div style={row}>
            <span style={{ color: '#666' }}>{t('secretaryM.payment.amount')}</span>
            <b>{yuan(p.amountFen)} 元</b>
          </div>
          <div style={row}>
            <span style={{ color: '#666' }}>{t('secretaryM.payment.method')}</span>
            <span>{t(`dues.method.${p.method}` as never)}</span>
          </div>
          <div style={row}>
            <span style={{ color: '#666' }}>{t('secretaryM.payment.paidOn')}</span>
            <span>{p.paidOn}</span>
          </div>
          {p.proxyMemberName && (
            <div style={row}>
              <span style={{ color: '#666' }}>{t('secretaryM.payment.proxy')}</span>
              <span>{p.proxyMemberName}</span>
            </div>
          )}
          {p.note && <div style={{ color: '#666', fontSize: 14 }}>{p.note}</div>}
          {p.proofFileId && (
            <Image
              src={`/api/v1/files/${p.proofFileId}`}
              width={96}
              height={96}
              fit="cover"
              style={{ borderRadius: 6, margin: '6px 0' }}
              alt={t('secretaryM.payment.proof')}
            />
          )}
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            <Button block onClick={() => setReturning(p)} data-testid={`sec-payment-return-${p.id}`}>
              {t('secretaryM.return')}
            </Button>
            <Button
              block
              color="primary"
              loading={confirm.isPending && confirm.variables === p.id}
              onClick={async () => {
                const ask = t('secretaryM.payment.confirmAsk', {
                  name: p.memberName,
                  amount: yuan(p.amountFen),
                  months: p.months.join('、'),
                });
                if (await confirmAsk(ask, t('secretaryM.confirm'), t('secretaryM.cancel'))) confirm.mutate(p.id);
              }}
              data-testid={`sec-payment-confirm-${p.id}`}
            >
              {t('secretaryM.confirm')}
            </Button>
          </div>
        </div>
      ))}
      <ReasonPopup
        open={returning !== null}
        title={t('secretaryM.payment.returnTitle')}
        label={t('secretaryM.payment.returnReason')}
        okText={t('secretaryM.return')}
        busy={reject.isPending}
        testId="sec-return"
        onOk={(reason) => returning && reject.mutate({ id: returning.id, reason })}
        onClose={() => setReturning(null)}
      />
    </div>
  );
}
