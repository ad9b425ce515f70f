import { useMutation } from '@tanstack/react-query';
import { REPORT_OUTCOME_LABELS, REPORT_OUTCOMES, type ReportOutcome, type ReportStatus } from '@vanguard/shared';
import { Alert, Button, Divider, Input, InputNumber, Popconfirm, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReportDetail, reportsApi } from '../../api/reports';
import { errorText } from '../../lib/error-text';

/** Status moves, conclusion with outcome (and reason for 不予受理), reward, handlers, flags. */
export function ReportActions({ report: r, onDone }: { report: ReportDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ReportOutcome | undefined>();
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState<number | null>(null);
  const [extendReason, setExtendReason] = useState('');
  const [add, setAdd] = useState<number | undefined>();
  const m = useMutation({ mutationFn: (f: () => Promise<unknown>) => f(), onSuccess: onDone });
  const move = (to: ReportStatus, body: { outcome?: ReportOutcome; reason?: string } = {}) =>
    m.mutate(() => reportsApi.status(r.id, { to, ...body }));
  const open = r.status === 'accepted' || r.status === 'investigating';

  return (
    <>
      <Divider />
      {m.error ? <Alert type="error" showIcon title={errorText(m.error, t)} style={{ marginBottom: 12 }} /> : null}
      <Space wrap>
        {r.status === 'pending' ? (
          <>
            <Button type="primary" onClick={() => move('accepted')} data-testid="report-accept">
              {t('reports.accept')}
            </Button>
            <Input
              placeholder={t('reports.reason')}
              aria-label={t('reports.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              style={{ width: 220 }}
            />
            <Button danger disabled={!reason.trim()} onClick={() => move('concluded', { outcome: 'declined', reason })}>
              {t('reports.decline')}
            </Button>
          </>
        ) : null}
        {r.status === 'accepted' ? <Button onClick={() => move('investigating')}>{t('reports.investigate')}</Button> : null}
        {open ? (
          <>
            <Select
              placeholder={t('reports.outcome')}
              aria-label={t('reports.outcome')}
              style={{ width: 140 }}
              value={outcome}
              onChange={setOutcome}
              options={REPORT_OUTCOMES.filter((o) => o !== 'declined').map((o) => ({ value: o, label: REPORT_OUTCOME_LABELS[o] }))}
              data-testid="report-outcome"
            />
            <Button type="primary" disabled={!outcome} onClick={() => move('concluded', { outcome })} data-testid="report-conclude">
              {t('reports.conclude')}
            </Button>
          </>
        ) : null}
        {r.status === 'concluded' ? (
          <Popconfirm title={t('reports.confirmArchive')} onConfirm={() => move('archived')}>
            <Button>{t('reports.archive')}</Button>
          </Popconfirm>
        ) : null}
        <Button onClick={() => m.mutate(() => reportsApi.flags(r.id, { important: !r.important }))}>
          {r.important ? `取消${t('reports.important')}` : t('reports.important')}
        </Button>
      </Space>
      {open && !r.extended ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Input
            placeholder={t('reports.extendReason')}
            aria-label={t('reports.extendReason')}
            value={extendReason}
            onChange={(e) => setExtendReason(e.target.value)}
            style={{ width: 260 }}
          />
          <Button disabled={extendReason.trim().length < 2} onClick={() => m.mutate(() => reportsApi.flags(r.id, { extendReason }))}>
            {t('reports.extend')}
          </Button>
        </Space>
      ) : null}
      {r.candidates.length || r.handlers.length > 1 ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Select
            placeholder={t('reports.addHandler')}
            aria-label={t('reports.addHandler')}
            style={{ width: 200 }}
            value={add}
            onChange={setAdd}
            options={r.candidates.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Button disabled={!add} onClick={() => add && m.mutate(() => reportsApi.handlers(r.id, { add: [add] }))}>
            {t('reports.addHandler')}
          </Button>
          {r.handlers.length > 1
            ? r.handlers.map((h) => (
                <Popconfirm
                  key={h.id}
                  title={`${t('reports.remove')} ${h.name}？`}
                  onConfirm={() => m.mutate(() => reportsApi.handlers(r.id, { remove: [h.id] }))}
                >
                  <Button size="small">
                    {t('reports.remove')} {h.name}
                  </Button>
                </Popconfirm>
              ))
            : null}
        </Space>
      ) : null}
      {r.rewardWanted || r.reward ? (
        <div style={{ marginTop: 12 }}>
          {r.reward ? (
            <Typography.Paragraph data-testid="report-reward">
              奖励 {(r.reward.amountFen / 100).toFixed(2)} 元 · {t('reports.claimCode')} {r.reward.claimCode}
              {r.reward.paidOn ? ` · ${t('reports.rewardPaid')} ${r.reward.paidOn}` : ''}
            </Typography.Paragraph>
          ) : null}
          {(r.outcome === 'substantiated' || r.outcome === 'partly') && !r.reward?.paidOn ? (
            <Space wrap>
              <InputNumber
                min={1}
                precision={2}
                placeholder={t('reports.rewardSet')}
                aria-label={t('reports.rewardSet')}
                value={amount}
                onChange={setAmount}
                data-testid="report-reward-amount"
              />
              <Button
                disabled={!amount}
                onClick={() => amount && m.mutate(() => reportsApi.reward(r.id, Math.round(amount * 100)))}
                data-testid="report-reward-save"
              >
                {t('reports.rewardSave')}
              </Button>
              {r.reward ? <Button onClick={() => m.mutate(() => reportsApi.rewardPaid(r.id))}>{t('reports.rewardPaid')}</Button> : null}
            </Space>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
