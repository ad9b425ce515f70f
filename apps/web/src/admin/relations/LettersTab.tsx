import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Empty, Flex, Popconfirm, Segmented, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type LetterDto, relationsApi } from '../../api/relations';
import { errorText } from '../../lib/error-text';
import { hasPermission, useMe } from '../../lib/session';
import { PagedTable } from '../components/PagedTable';
import { IncomingModal } from './IncomingLetterModal';
import { IssueLetterModal } from './IssueLetterModal';
import { ReceiptModal } from './LetterReceiptModal';

/** 介绍信台账: letters issued (out) and letters members brought in (in), with the flags that need action. */
export function LettersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const direction = (params.get('direction') === 'in' ? 'in' : 'out') as 'out' | 'in';
  const filter = params.get('filter') ?? 'all';
  const [page, setPage] = useState(1);
  const [issuing, setIssuing] = useState(false);
  const [receipting, setReceipting] = useState<string | null>(null);
  const [incoming, setIncoming] = useState(false);
  const list = useQuery({
    queryKey: ['relations', 'letters', direction, filter, page],
    queryFn: () => relationsApi.letters({ direction, filter, page, pageSize: 20 }),
  });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
    setPage(1);
  };
  const refresh = () => qc.invalidateQueries({ queryKey: ['relations'] });
  const reissue = useMutation({
    mutationFn: (l: LetterDto) => relationsApi.reissue(l.id),
    onSuccess: async (l) => {
      message.success(t('relations.reissuedOk', { number: l.number }));
      await refresh();
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const mayWrite = hasPermission(me, 'members:write');

  const columns: ColumnsType<LetterDto> = [
    { key: 'number', title: t('relations.letterNo'), dataIndex: 'number', width: 110 },
    { key: 'name', title: t('relations.member'), dataIndex: 'name', width: 100 },
    direction === 'out'
      ? { key: 'to', title: t('relations.goingTo'), dataIndex: 'toOrgName', width: 200 }
      : { key: 'from', title: t('relations.comingFrom'), render: (_, l) => `${l.committeeName}（${l.fromOrgName}）`, width: 240 },
    { key: 'issuedOn', title: t('relations.issuedOn'), dataIndex: 'issuedOn', width: 110 },
    { key: 'validUntil', title: t('relations.validUntil'), dataIndex: 'validUntil', width: 110 },
    {
      key: 'status',
      title: t('relations.status'),
      width: 210,
      render: (_, l) => (
        <Flex gap={4} wrap>
          <Tag color={l.status === 'issued' ? 'processing' : l.status === 'void' ? 'default' : 'success'}>{l.statusName}</Tag>
          {l.isExpired && (
            <Tag color="error" data-testid={`letter-expired-${l.id}`}>
              {t('relations.expired')}
            </Tag>
          )}
          {l.isReceiptOverdue && (
            <Tag color="warning" data-testid={`letter-overdue-${l.id}`}>
              {t('relations.receiptOverdue', { date: l.receiptDueOn })}
            </Tag>
          )}
          {l.receiptOn && direction === 'out' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('relations.receiptOn', { date: l.receiptOn })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 220,
      fixed: 'right',
      render: (_, l) => (
        <Flex gap={6} wrap>
          <Link to={`/admin/relations/letters/${l.id}/print`} data-testid={`letter-print-${l.id}`}>
            {direction === 'out' ? t('relations.printLetter') : t('relations.printReceipt')}
          </Link>
          {mayWrite && l.status === 'issued' && (
            <Button size="small" type="link" onClick={() => setReceipting(l.number)} data-testid={`letter-receipt-${l.id}`}>
              {t('relations.recordReceipt')}
            </Button>
          )}
          {mayWrite && l.isExpired && (
            <Popconfirm
              title={t('relations.reissueConfirm', { number: l.number })}
              okText={t('relations.reissue')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'confirm-ok' } as ButtonProps}
              onConfirm={() => reissue.mutateAsync(l).catch(() => undefined)}
            >
              <Button size="small" type="link" data-testid={`letter-reissue-${l.id}`}>
                {t('relations.reissue')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Segmented
            value={direction}
            onChange={(v) => set('direction', String(v))}
            options={[
              { value: 'out', label: t('relations.lettersOut') },
              { value: 'in', label: t('relations.lettersIn') },
            ]}
            data-testid="letters-direction"
          />
          {direction === 'out' && (
            <Segmented
              value={filter}
              onChange={(v) => set('filter', String(v))}
              options={[
                { value: 'all', label: t('relations.filterAll') },
                { value: 'open', label: t('relations.filterOpen') },
                { value: 'attention', label: t('relations.filterAttention') },
              ]}
              data-testid="letters-filter"
            />
          )}
        </Flex>
        {mayWrite && (
          <Flex gap={8} wrap>
            <Button type="primary" onClick={() => setIssuing(true)} data-testid="letter-new">
              {t('relations.issueLetter')}
            </Button>
            <Button onClick={() => setReceipting('')} data-testid="receipt-new">
              {t('relations.recordReceipt')}
            </Button>
            <Button onClick={() => setIncoming(true)} data-testid="incoming-new">
              {t('relations.registerIncoming')}
            </Button>
          </Flex>
        )}
      </Flex>
      <PagedTable<LetterDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onRow={(l) => ({ 'data-testid': `letter-row-${l.number}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: list.isError ? <Empty description={errorText(list.error, t)} /> : <Empty description={t('relations.emptyLetters')} />,
        }}
        page={page}
        pageSize={20}
        total={list.data?.total ?? 0}
        onPage={(p) => setPage(p.page)}
        hideOnSinglePage
        showTotal
        data-testid="letters-table"
      />
      <IssueLetterModal open={issuing} onClose={() => setIssuing(false)} onDone={refresh} />
      <ReceiptModal number={receipting} onClose={() => setReceipting(null)} onDone={refresh} />
      <IncomingModal open={incoming} onClose={() => setIncoming(false)} onDone={refresh} />
    </>
  );
}
