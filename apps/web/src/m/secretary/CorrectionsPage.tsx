import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DotLoading, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { correctionsApi } from '../../api/endpoints';
import type { CorrectionReviewDto } from '../../api/member-types';
import { errorText } from '../../lib/error-text';
import { fieldLabel, fieldValueText } from '../../lib/member-text';
import { ErrorBlock } from '../ErrorBlock';
import { card, confirmAsk, ReasonPopup } from './common';

const KEY = ['secretary', 'corrections'] as const;

/** 档案更正审核 on the phone: each pending request with the current and the asked value; approve or reject with a note. */
export function CorrectionsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => correctionsApi.list('pending') });
  const [rejecting, setRejecting] = useState<CorrectionReviewDto | null>(null);
  const decide = useMutation({
    mutationFn: (v: { id: number; decision: 'approve' | 'reject'; note?: string }) => correctionsApi.decide(v.id, v.decision, v.note),
    onSuccess: async (_, v) => {
      setRejecting(null);
      Toast.show({
        icon: 'success',
        content: t(v.decision === 'approve' ? 'secretaryM.correction.approved' : 'secretaryM.correction.rejected'),
      });
      await qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });

  if (list.isError) return <ErrorBlock status="disconnected" title={errorText(list.error, t)} description="" />;
  if (!list.data) return <DotLoading />;
  return (
    <div style={{ padding: '12px 0 24px' }} data-testid="sec-corrections">
      {list.data.length === 0 && <ErrorBlock status="empty" title={t('secretaryM.empty')} description="" />}
      {list.data.map((c) => (
        <div key={c.id} style={card} data-testid={`sec-correction-${c.id}`}>
          <div style={{ fontSize: 16, fontWeight: 600 }}>{c.memberName}</div>
          <div style={{ color: 'var(--adm-color-weak)', fontSize: 13, marginBottom: 6 }}>{c.orgName}</div>
          {Object.entries(c.changes).map(([field, value]) => (
            <div key={field} style={{ fontSize: 14, padding: '4px 0', borderTop: '1px solid #f3f3f3' }}>
              <div style={{ color: '#666' }}>{fieldLabel(t, field)}</div>
              <div>
                {t('secretaryM.correction.current')}：{fieldValueText(t, field, c.current[field])}
              </div>
              <div style={{ color: 'var(--adm-color-primary)' }}>
                {t('secretaryM.correction.wanted')}：{fieldValueText(t, field, value)}
              </div>
            </div>
          ))}
          <div style={{ color: '#666', fontSize: 14, marginTop: 4 }}>
            {t('secretaryM.correction.reason')}：{c.reason}
          </div>
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            <Button block onClick={() => setRejecting(c)} data-testid={`sec-correction-reject-${c.id}`}>
              {t('secretaryM.reject')}
            </Button>
            <Button
              block
              color="primary"
              loading={decide.isPending && decide.variables?.id === c.id}
              onClick={async () => {
                const ask = t('secretaryM.correction.approveAsk', { name: c.memberName });
                if (await confirmAsk(ask, t('secretaryM.approve'), t('secretaryM.cancel')))
                  decide.mutate({ id: c.id, decision: 'approve' });
              }}
              data-testid={`sec-correction-approve-${c.id}`}
            >
              {t('secretaryM.approve')}
            </Button>
          </div>
        </div>
      ))}
      <ReasonPopup
        open={rejecting !== null}
        title={t('secretaryM.correction.rejectTitle')}
        label={t('secretaryM.correction.rejectReason')}
        okText={t('secretaryM.reject')}
        busy={decide.isPending}
        testId="sec-reject"
        onOk={(note) => rejecting && decide.mutate({ id: rejecting.id, decision: 'reject', note })}
        onClose={() => setRejecting(null)}
      />
    </div>
  );
}
