import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, InputNumber, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/error-text';
import { type ArrearsRow, codeText, type DuesCase, duesApi, yuan } from './dues-api';

const STAGE_COLOR: Record<string, string> = { remind: 'gold', escalate: 'orange', withdrawal: 'red' };

/** 欠缴名单: consecutive unpaid months per member, in the branch or the whole subtree of a committee. */
export function ArrearsTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [minMonths, setMinMonths] = useState(1);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['dues', 'arrears', orgId, minMonths, page],
    queryFn: () => duesApi.arrears({ orgId, minMonths, ...page }),
  });
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center">
        <span>{t('dues.minMonths')}</span>
        <InputNumber min={1} max={24} value={minMonths} onChange={(v) => v && setMinMonths(v)} addonAfter="月" data-testid="arrears-min" />
      </Flex>
      <Table<ArrearsRow>
        rowKey="memberId"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('dues.arrearsEmpty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('dues.col.name'), dataIndex: 'memberName' },
          { title: t('dues.col.branch'), dataIndex: 'orgName' },
          {
            title: t('dues.col.monthsUnpaid'),
            dataIndex: 'monthsUnpaid',
            align: 'right',
            render: (n: number, r) => <span data-testid={`arrears-months-${r.memberId}`}>{n}</span>,
          },
          { title: t('dues.col.owedAmount'), dataIndex: 'owedFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('dues.col.since'), dataIndex: 'sinceMonth' },
          { title: t('dues.col.lastPaid'), dataIndex: 'lastPaidMonth', render: (v: string | null) => v ?? '—' },
          {
            title: t('dues.col.stage'),
            dataIndex: 'stage',
            render: (s: string | null) => (s ? <Tag color={STAGE_COLOR[s]}>{codeText(t, 'stage', s)}</Tag> : null),
          },
        ]}
      />
    </Flex>
  );
}

/** 自行脱党审查: cases opened at 6 consecutive unpaid months; the branch records the outcome. */
export function CasesTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['dues', 'cases', orgId], queryFn: () => duesApi.cases(orgId) });
  const resolve = useMutation({
    mutationFn: (a: { id: number; text: string }) => duesApi.resolveCase(a.id, a.text),
    onSuccess: () => {
      message.success(t('dues.saved'));
      void qc.invalidateQueries({ queryKey: ['dues', 'cases'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const ask = (c: DuesCase) => {
    let text = '';
    modal.confirm({
      title: `${t('dues.resolve')}：${c.memberName}`,
      content: (
        <Input.TextArea
          rows={3}
          placeholder="例：经核实有正当理由，已补交；或：支部大会 2026-08-01 讨论决定按自行脱党除名，报党委审批"
          onChange={(e) => {
            text = e.target.value;
          }}
        />
      ),
      onOk: () => resolve.mutateAsync({ id: c.id, text }),
    });
  };
  return (
    <Table<DuesCase>
      rowKey="id"
      size="small"
      loading={list.isPending}
      dataSource={list.data ?? []}
      locale={{ emptyText: t('dues.casesEmpty') }}
      columns={[
        { title: t('dues.col.name'), dataIndex: 'memberName' },
        { title: t('dues.col.branch'), dataIndex: 'orgName' },
        { title: t('dues.col.since'), dataIndex: 'sinceMonth' },
        { title: t('dues.col.monthsUnpaid'), dataIndex: 'monthsUnpaid', align: 'right' },
        {
          title: t('dues.col.status'),
          dataIndex: 'status',
          render: (s: string) => <Tag color={s === 'open' ? 'red' : 'default'}>{s === 'open' ? '待审查' : '已办结'}</Tag>,
        },
        { title: t('dues.col.resolution'), dataIndex: 'resolution' },
        {
          title: t('dues.col.actions'),
          render: (_, c) =>
            c.status === 'open' ? (
              <Button size="small" onClick={() => ask(c)}>
                {t('dues.resolve')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}
