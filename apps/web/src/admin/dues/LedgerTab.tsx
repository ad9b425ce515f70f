import { DownloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Flex, Popconfirm, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { codeText, duesApi, type LedgerRow, thisMonth, yuan } from '../../api/dues';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { PagedTable } from '../components/PagedTable';

export const STATUS_COLOR: Record<string, string> = {
  unpaid: 'red',
  paid: 'green',
  waived: 'default',
  backpaid: 'orange',
  prepaid: 'blue',
  reported: 'gold',
  confirmed: 'green',
  rejected: 'default',
};

export function MonthPicker({ value, onChange, testId }: { value: string; onChange: (v: string) => void; testId?: string }) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${value}-01`)}
      onChange={(d) => d && onChange(d.format('YYYY-MM'))}
      data-testid={testId}
    />
  );
}

/** 月度收缴台账: totals (应缴 = 实缴 + 欠缴 + 减免), one line per member, generate and export. */
export function LedgerTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [month, setMonth] = useState(thisMonth());
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const ledger = useQuery({ queryKey: ['dues', 'ledger', orgId, month, page], queryFn: () => duesApi.ledger({ orgId, month, ...page }) });
  const generate = useMutation({
    mutationFn: () => duesApi.generate(orgId, month),
    onSuccess: (r) => {
      message.success(t('dues.generated', r));
      void qc.invalidateQueries({ queryKey: ['dues'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const exporting = useMutation({
    mutationFn: () => duesApi.ledgerXlsx(orgId, month),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? `dues-ledger-${month}.xlsx`),
    onError: (e) => message.error(errorText(e, t)),
  });
  const tt = ledger.data?.totals;
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <MonthPicker value={month} onChange={setMonth} testId="dues-month" />
        <Popconfirm title={t('dues.generateConfirm', { month })} onConfirm={() => generate.mutate()}>
          <Button type="primary" icon={<ThunderboltOutlined />} loading={generate.isPending} data-testid="dues-generate">
            {t('dues.generate')}
          </Button>
        </Popconfirm>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting.isPending}
          onClick={() => exporting.mutate()}
          data-testid="dues-export-ledger"
        >
          {t('dues.exportLedger')}
        </Button>
      </Flex>
      {tt && (
        <Flex gap={32} wrap data-testid="dues-totals">
          <Statistic title={t('dues.totals.members')} value={tt.members} />
          <Statistic title={`${t('dues.totals.standard')}（元）`} value={yuan(tt.standardFen)} data-testid="total-standard" />
          <Statistic title={`${t('dues.totals.paid')}（元）`} value={yuan(tt.paidFen)} data-testid="total-paid" />
          <Statistic title={`${t('dues.totals.owed')}（元）`} value={yuan(tt.owedFen)} data-testid="total-owed" />
          <Statistic title={`${t('dues.totals.waived')}（元）`} value={yuan(tt.waivedFen)} data-testid="total-waived" />
          <Statistic title={`${t('dues.totals.extra')}（元）`} value={yuan(tt.extraFen)} />
          <Typography.Text
            type={tt.standardFen === tt.paidFen + tt.owedFen + tt.waivedFen ? 'secondary' : 'danger'}
            style={{ alignSelf: 'end' }}
            data-testid="dues-balance"
          >
            {t('dues.balance')} {tt.standardFen === tt.paidFen + tt.owedFen + tt.waivedFen ? '✓' : '✗'}
          </Typography.Text>
        </Flex>
      )}
      <PagedTable<LedgerRow>
        rowKey="billId"
        size="small"
        loading={ledger.isPending}
        dataSource={ledger.data?.items ?? []}
        locale={{ emptyText: t('dues.ledgerEmpty') }}
        page={page.page}
        pageSize={page.pageSize}
        total={ledger.data?.total ?? 0}
        onPage={setPage}
        sizeChanger
        columns={[
          { title: t('dues.col.name'), dataIndex: 'memberName' },
          { title: t('dues.col.branch'), dataIndex: 'orgName' },
          { title: t('dues.col.standard'), dataIndex: 'standardFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('dues.col.due'), dataIndex: 'dueFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('dues.col.paid'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('dues.col.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{codeText(t, 'status', s)}</Tag>,
          },
          { title: t('dues.col.paidOn'), dataIndex: 'paidOn' },
          {
            title: t('dues.col.receipt'),
            dataIndex: 'receiptNo',
            render: (v: string | null, r) => (r.paymentId ? <Link to={`/admin/dues/receipts/${r.paymentId}`}>{v}</Link> : null),
          },
        ]}
      />
    </Flex>
  );
}
