import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addMonthsYm } from '@vanguard/shared';
import { TXN_METHODS } from '@vanguard/shared/api/dues';
import type { ButtonProps } from 'antd';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { codeText, duesApi, thisMonth, toFen, yuan } from '../../api/dues';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { MemberPicker } from '../orgs/MemberPicker';

type Method = 'cash' | 'transfer' | 'wechat' | 'alipay';
interface RecordValues {
  memberId: number;
  kind: 'dues' | 'extra' | 'large';
  months: string[];
  amount?: string;
  extra?: string;
  method: Method;
  txnNo?: string;
  paidOn: dayjs.Dayjs;
  proxyMemberId?: number;
  proxyConsent?: string;
  approval?: string;
  note?: string;
}

/**
 * 登记缴费, made hard to get wrong: the member's open months are read when the member is picked, the
 * oldest is chosen, the amount due is shown, and paying a later month while an earlier one is open
 * is warned about. 微信 and 支付宝 are recorded with their transaction number; the receipt number is
 * always the system's (one format).
 */
export function RecordModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<RecordValues>();
  const [banner, setBanner] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const proxy = Form.useWatch('proxyMemberId', form);
  const memberId = Form.useWatch('memberId', form);
  const chosen = Form.useWatch('months', form) ?? [];
  const method = Form.useWatch('method', form);
  const cur = thisMonth();
  const open = useQuery({
    queryKey: ['dues', 'open-bills', memberId],
    queryFn: () => duesApi.openBills(memberId),
    enabled: Boolean(memberId),
  });
  const bills = open.data && open.data.memberId === memberId ? open.data.bills : [];
  // The oldest open month not already reported is where a payment starts.
  useEffect(() => {
    if (!open.data || open.data.memberId !== memberId) return;
    const first = open.data.bills.find((b) => !b.reported) ?? open.data.bills[0];
    form.setFieldValue('months', [first?.month ?? cur]);
  }, [open.data, memberId, form, cur]);
  const monthOptions = [...new Set([...bills.map((b) => b.month), ...Array.from({ length: 25 }, (_, i) => addMonthsYm(cur, i - 18))])]
    .sort()
    .map((m) => {
      const b = bills.find((x) => x.month === m);
      return { value: m, label: b ? `${m}（未交 ${yuan(b.dueFen)} 元${b.reported ? '，待确认' : ''}）` : m };
    });
  const dueFen = chosen.reduce((n, m) => n + (bills.find((b) => b.month === m)?.dueFen ?? 0), 0);
  const earliest = [...chosen].sort()[0];
  const skipped = earliest ? bills.filter((b) => b.month < earliest && !chosen.includes(b.month)).map((b) => b.month) : [];
  // A retry of the same submission must not record twice.
  const [requestKey] = useState(() => crypto.randomUUID());
  const save = useMutation({
    mutationFn: (v: RecordValues) =>
      duesApi.record({
        memberId: v.memberId,
        kind: v.kind,
        months: v.kind === 'dues' ? v.months : [],
        extraFen: v.kind === 'dues' ? (toFen(v.extra) ?? 0) : 0,
        amountFen: v.kind === 'dues' ? undefined : toFen(v.amount),
        method: v.method,
        txnNo: v.txnNo || null,
        paidOn: v.paidOn.format('YYYY-MM-DD'),
        proxyMemberId: v.proxyMemberId ?? null,
        proxyConsent: v.proxyConsent || null,
        approval: v.approval || null,
        note: v.note || null,
        requestKey,
      }),
    onSuccess: (p) => {
      message.success(`${t('dues.saved')}：${p.receiptNo}`);
      void qc.invalidateQueries({ queryKey: ['dues'] });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e) && applyFieldErrors(form, e, { amountFen: 'amount', extraFen: 'extra' })) return;
      setBanner(errorText(e, t));
    },
  });
  return (
    <Modal
      open
      width={560}
      title={t('dues.recordTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'record-save' } as ButtonProps}
    >
      {banner && <Alert type="error" message={banner} style={{ marginBottom: 12 }} data-testid="record-error" />}
      <Form<RecordValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'dues', months: [cur], method: 'cash', paidOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="memberId" label={t('dues.member')} rules={[{ required: true, message: '请选择党员' }]}>
          <MemberPicker orgId={orgId} testId="record-member" />
        </Form.Item>
        <Form.Item name="kind" label={t('dues.col.kind')}>
          <Select options={(['dues', 'extra', 'large'] as const).map((k) => ({ value: k, label: codeText(t, 'kind', k) }))} />
        </Form.Item>
        {kind === 'dues' ? (
          <>
            <Form.Item name="months" label={t('dues.monthsLabel')} rules={[{ required: true, message: '请选择月份' }]}>
              <Select mode="multiple" options={monthOptions} data-testid="record-months" />
            </Form.Item>
            {memberId && open.data && (
              <Alert
                type="info"
                style={{ marginBottom: 12 }}
                data-testid="record-due"
                message={
                  bills.length
                    ? `应交 ${yuan(dueFen)} 元（所选 ${chosen.length} 个月）；共 ${bills.length} 个月未交：${bills.map((b) => b.month).join('、')}`
                    : `应交 ${yuan(dueFen)} 元；该党员没有未交的月份`
                }
              />
            )}
            {skipped.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="record-order-warning"
                message={`${skipped.join('、')} 尚未交纳：党费按月交纳，请先登记较早的月份（补交），确需先交后面的月份请在备注中说明`}
              />
            )}
            <Form.Item name="extra" label={t('dues.extraLabel')}>
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="approval" label={t('dues.approvalLabel')}>
              <Input />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="amount" label={t('dues.amountLabel')} rules={[{ required: true }]}>
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="method" label={t('dues.col.method')}>
            <Select
              style={{ width: 140 }}
              data-testid="record-method"
              options={(['cash', 'transfer', 'wechat', 'alipay'] as const).map((m) => ({ value: m, label: codeText(t, 'method', m) }))}
            />
          </Form.Item>
          <Form.Item name="paidOn" label={t('dues.paidOnLabel')}>
            <DatePicker allowClear={false} />
          </Form.Item>
          {method && method !== 'cash' && (
            <Form.Item
              name="txnNo"
              label={TXN_METHODS.includes(method) ? t('dues.txnLabel') : t('dues.slipLabel')}
              rules={[{ required: TXN_METHODS.includes(method), message: '请填写交易单号' }]}
            >
              <Input style={{ width: 220 }} maxLength={64} data-testid="record-txn" />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="proxyMemberId" label={t('dues.proxyLabel')}>
          <MemberPicker orgId={orgId} />
        </Form.Item>
        {proxy && (
          <Form.Item name="proxyConsent" label={t('dues.consentLabel')} rules={[{ required: true }]}>
            <Input placeholder="例：2026-07-01 支委会同意，经办人张某" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('dues.noteLabel')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
