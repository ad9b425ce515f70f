import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DotLoading, Form, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { isApiError } from '../../api/client';
import { relationsApi, type TransferDto } from '../../api/relations';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { FormError } from '../auth/FormError';
import { MInput } from '../auth/MInput';
import { ErrorBlock } from '../ErrorBlock';

const KEY = ['relations', 'mine'] as const;
const ACTIVE = new Set(['requested', 'pending', 'letter_issued']);
const COLOR: Record<string, 'warning' | 'success' | 'danger' | 'primary' | 'default'> = {
  requested: 'warning',
  pending: 'primary',
  letter_issued: 'primary',
  accepted: 'success',
  completed: 'success',
  rejected: 'danger',
  declined: 'danger',
  cancelled: 'default',
};

function RequestForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ toOrgName: string; reason: string }>();
  const send = useMutation({
    mutationFn: (v: { toOrgName: string; reason: string }) =>
      relationsApi.requestTransfer({ toOrgName: v.toOrgName.trim(), reason: v.reason.trim() }),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('relations.m.submitted') });
      await qc.invalidateQueries({ queryKey: KEY });
      form.resetFields();
      onDone();
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });
  const err = send.error;
  const fieldLevel = isApiError(err) && err.fieldIssues.length > 0;
  return (
    <div data-testid="m-relations-form">
      {err && !fieldLevel && <FormError testId="m-relations-error">{errorText(err, t)}</FormError>}
      <Form
        form={form}
        layout="vertical"
        requiredMarkStyle="none"
        onFinish={(v) => send.mutate(v)}
        onValuesChange={() => err && send.reset()}
        footer={
          <>
            <Button block type="submit" color="primary" size="large" loading={send.isPending} data-testid="m-relations-submit">
              {t('relations.m.submit')}
            </Button>
            <Button block fill="none" onClick={onDone} style={{ marginTop: 8 }}>
              {t('common.cancel')}
            </Button>
          </>
        }
      >
        <Form.Item
          name="toOrgName"
          label={t('relations.m.toOrg')}
          rules={[{ required: true, whitespace: true, message: t('relations.m.toOrgRequired') }]}
        >
          <MInput testId="m-relations-to" placeholder={t('relations.m.toOrgPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('relations.reason')}
          rules={[{ required: true, whitespace: true, message: t('relations.reasonRequired') }]}
        >
          <TextArea rows={3} maxLength={300} showCount placeholder={t('relations.m.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </div>
  );
}

function MyTransfers({ items }: { items: TransferDto[] }) {
  const { t } = useTranslation();
  if (!items.length) {
    return (
      <div style={{ padding: '12px 16px', color: 'var(--adm-color-weak)', fontSize: 14 }} data-testid="m-relations-empty">
        {t('relations.m.none')}
      </div>
    );
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10, padding: '0 12px' }} data-testid="m-relations-list">
      {items.map((r) => (
        <div
          key={r.id}
          style={{ background: '#fff', borderRadius: 10, padding: 12, display: 'flex', flexDirection: 'column', gap: 6 }}
          data-testid={`m-transfer-${r.id}`}
        >
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Tag color={COLOR[r.status] ?? 'default'} fill="outline">
              {r.statusName}
            </Tag>
            <span style={{ color: 'var(--adm-color-weak)', fontSize: 12 }}>{formatDateTime(r.createdAt)}</span>
          </div>
          <div style={{ fontSize: 15 }}>
            {r.fromOrgName} → {r.toOrgName ?? '—'}
          </div>
          <div style={{ color: '#666', fontSize: 14 }}>
            {t('relations.reason')}：{r.reason}
          </div>
          {r.decisionNote && <div style={{ color: '#a8071a', fontSize: 14 }}>{t('relations.m.note', { note: r.decisionNote })}</div>}
        </div>
      ))}
    </div>
  );
}

/** 组织关系 on the phone: my transfers and a request to transfer out (it goes to the branch secretary). */
function MRelationsPage() {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const q = useQuery({ queryKey: KEY, queryFn: relationsApi.myTransfers });
  if (q.isError) return <ErrorBlock status="default" title={errorText(q.error, t)} description="" />;
  if (!q.data) return <DotLoading />;
  const busy = q.data.some((r) => ACTIVE.has(r.status));
  return (
    <div style={{ paddingBottom: 24 }} data-testid="m-relations">
      <div style={{ padding: '12px 16px', color: '#666', fontSize: 14, lineHeight: 1.6 }}>{t('relations.m.help')}</div>
      {asking ? (
        <RequestForm onDone={() => setAsking(false)} />
      ) : (
        <div style={{ padding: '0 12px 12px' }}>
          <Button block color="primary" disabled={busy} onClick={() => setAsking(true)} data-testid="m-relations-ask">
            {busy ? t('relations.m.busy') : t('relations.m.ask')}
          </Button>
        </div>
      )}
      <div style={{ padding: '8px 16px', fontWeight: 600 }}>{t('relations.m.mine')}</div>
      <MyTransfers items={q.data} />
    </div>
  );
}

/** Phone pages of the relations module, under /m/relations/*. */
export function MRelationsRoutes() {
  return (
    <Routes>
      <Route index element={<MRelationsPage />} />
    </Routes>
  );
}
