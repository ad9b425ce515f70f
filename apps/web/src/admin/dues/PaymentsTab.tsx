import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { App, Button, Flex, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { codeText, duesApi, type Payment, yuan } from '../../api/dues';
import { errorText } from '../../lib/error-text';
import { PagedTable } from '../components/PagedTable';
import { STATUS_COLOR } from './LedgerTab';
import { RecordModal } from './RecordPaymentModal';

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
