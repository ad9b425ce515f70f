import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addMonthsYm } from '@vanguard/shared';
import type { ButtonProps } from 'antd';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { codeText, duesApi, type Payment, thisMonth, toFen, yuan } from '../../api/dues';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { PagedTable } from '../components/PagedTable';
import { MemberPicker } from '../orgs/MemberPicker';
import { STATUS_COLOR } from './LedgerTab';

interface RecordValues {
  memberId: number;
  kind: 'dues' | 'extra' | 'large';
  months: string[];
  amount?: string;
  extra?: string;
  method: 'cash' | 'transfer';
  paidOn: dayjs.Dayjs;
  receiptNo?: string;
  proxyMemberId?: number;
  proxyConsent?: string;
  approval?: string;
  note?: string;
}

function RecordModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<RecordValues>();
  const [banner, setBanner] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const proxy = Form.useWatch('proxyMemberId', form);
  const cur = thisMonth();
  const monthOptions = Array.from({ length: 25 }, (_, i) => addMonthsYm(cur, i - 18)).map((m) => ({ value: m, label: m }));
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
        paidOn: v.paidOn.format('YYYY-MM-DD'),
        receiptNo: v.receiptNo || null,
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
              options={(['cash', 'transfer'] as const).map((m) => ({ value: m, label: codeText(t, 'method', m) }))}
            />
          </Form.Item>
          <Form.Item name="paidOn" label={t('dues.paidOnLabel')}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="receiptNo" label={t('dues.receiptLabel')}>
            <Input style={{ width: 200 }} />
          </Form.Item>
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

/** 缴费记录: members' reports to confirm (with the proof photo), recorded payments, reversals. */
export function PaymentsTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [pending, setPending] = useState(false);
  // 大额党费 has its own ledger: the same list filtered to that kind.
  const [kind, setKind] = useState<string | undefined>(undefined);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [recording, setRecording] = useState(false);
  const list = useQuery({
    queryKey: ['dues', 'payments', orgId, pending, kind, page],
    queryFn: () => duesApi.payments({ orgId, status: pending ? 'reported' : undefined, kind, ...page }),
  });
  const done = () => void qc.invalidateQueries({ queryKey: ['dues'] });
  const act = useMutation({
    mutationFn: (a: { kind: 'confirm' | 'reject' | 'reverse'; id: number; text?: string }) =>
      a.kind === 'confirm'
        ? duesApi.confirm(a.id, a.text)
        : a.kind === 'reject'
          ? duesApi.reject(a.id, a.text ?? '')
          : duesApi.reverse(a.id, a.text ?? ''),
    onSuccess: () => {
      message.success(t('dues.saved'));
      done();
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const ask = (kind: 'confirm' | 'reject' | 'reverse', p: Payment) => {
    let text = '';
    modal.confirm({
      title:
        kind === 'confirm'
          ? t('dues.confirmTitle', { name: p.memberName, amount: yuan(p.amountFen) })
          : kind === 'reverse'
            ? t('dues.reverseTitle')
            : `${t('dues.reject')}：${p.memberName}`,
      content: (
        <Input
          placeholder={kind === 'confirm' ? t('dues.receiptLabel') : t('dues.reason')}
          onChange={(e) => {
            text = e.target.value;
          }}
          data-testid="payment-action-text"
        />
      ),
      okButtonProps: { danger: kind !== 'confirm', 'data-testid': 'payment-action-ok' } as ButtonProps,
      onOk: () => act.mutateAsync({ kind, id: p.id, text: text || undefined }),
    });
  };
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="payment-record">
          {t('dues.record')}
        </Button>
        <Select
          allowClear
          placeholder={t('dues.col.kind')}
          style={{ width: 160 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={(['regular', 'backpay', 'prepay', 'extra', 'large', 'reversal'] as const).map((k) => ({
            value: k,
            label: codeText(t, 'kind', k),
          }))}
          data-testid="payments-kind"
        />
        <Flex gap={6} align="center">
          <Switch size="small" checked={pending} onChange={setPending} data-testid="payments-pending" />
          <span>{t('dues.onlyPending')}</span>
        </Flex>
      </Flex>
      <PagedTable<Payment>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('dues.paymentsEmpty') }}
        page={page.page}
        pageSize={page.pageSize}
        total={list.data?.total ?? 0}
        onPage={setPage}
        columns={[
          { title: t('dues.col.paidOn'), dataIndex: 'paidOn' },
          { title: t('dues.col.name'), dataIndex: 'memberName' },
          { title: t('dues.col.kind'), dataIndex: 'kind', render: (k: string) => codeText(t, 'kind', k) },
          { title: t('dues.col.months'), dataIndex: 'months', render: (m: string[]) => m.join('、') },
          { title: t('dues.col.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('dues.col.method'), dataIndex: 'method', render: (m: string) => codeText(t, 'method', m) },
          { title: t('dues.col.proxy'), dataIndex: 'proxyMemberName' },
          {
            title: t('dues.col.status'),
            dataIndex: 'status',
            render: (s: string, p) => (
              <>
                <Tag color={STATUS_COLOR[s]} data-testid={`payment-status-${p.id}`}>
                  {codeText(t, 'status', s)}
                </Tag>
                {p.reversedById && <Tag color="purple">{t('dues.kind.reversal')}</Tag>}
              </>
            ),
          },
          {
            title: t('dues.col.receipt'),
            dataIndex: 'receiptNo',
            render: (v: string | null, p) => (p.status === 'confirmed' ? <Link to={`/admin/dues/receipts/${p.id}`}>{v}</Link> : v),
          },
          {
            title: t('dues.col.actions'),
            render: (_, p) => (
              <Space size={4}>
                {p.proofFileId && (
                  <Typography.Link href={`/api/v1/files/${p.proofFileId}`} target="_blank">
                    {t('dues.proof')}
                  </Typography.Link>
                )}
                {p.status === 'reported' && (
                  <>
                    <Button size="small" type="primary" onClick={() => ask('confirm', p)} data-testid={`payment-confirm-${p.id}`}>
                      {t('dues.confirm')}
                    </Button>
                    <Button size="small" onClick={() => ask('reject', p)}>
                      {t('dues.reject')}
                    </Button>
                  </>
                )}
                {p.status === 'confirmed' && p.kind !== 'reversal' && !p.reversedById && (
                  <Button size="small" danger onClick={() => ask('reverse', p)}>
                    {t('dues.reverse')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {recording && <RecordModal orgId={orgId} onClose={() => setRecording(false)} />}
    </Flex>
  );
}
