import { ArrowRightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Empty, Flex, Popconfirm, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { correctionsApi } from '../../api/endpoints';
import type { CorrectionReviewDto, CorrectionStatus } from '../../api/member-types';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { fieldLabel, fieldValueText } from '../../lib/member-text';
import { MEMBERS_KEY } from '../members/members-query';
import { RejectModal } from './RejectModal';

const KEY = ['member-corrections'] as const;
const STATUSES: CorrectionStatus[] = ['pending', 'approved', 'rejected'];

/** Each requested field: its name, the value on file → the value asked for. */
function Changes({ r }: { r: CorrectionReviewDto }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} data-testid={`correction-changes-${r.id}`}>
      {Object.entries(r.changes).map(([field, to]) => (
        <Flex key={field} gap={6} wrap align="center">
          <Typography.Text strong>{fieldLabel(t, field)}：</Typography.Text>
          <Typography.Text type="secondary" delete={r.status === 'approved'}>
            {fieldValueText(t, field, r.current[field])}
          </Typography.Text>
          <ArrowRightOutlined style={{ color: '#999', fontSize: 12 }} />
          <Typography.Text>{fieldValueText(t, field, to)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/** 档案更正审核: members' requests from the phone; 通过 applies them to the record, 驳回 needs a note. */
export function CorrectionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<CorrectionStatus>('pending');
  const [rejecting, setRejecting] = useState<CorrectionReviewDto | null>(null);
  const list = useQuery({ queryKey: [...KEY, status], queryFn: () => correctionsApi.list(status) });

  const decide = useMutation({
    mutationFn: (v: { r: CorrectionReviewDto; decision: 'approve' | 'reject'; note?: string }) =>
      correctionsApi.decide(v.r.id, v.decision, v.note),
    onSuccess: async (_, v) => {
      message.success(v.decision === 'approve' ? t('corrections.approvedOk') : t('corrections.rejectedOk'));
      setRejecting(null);
      await Promise.all([qc.invalidateQueries({ queryKey: KEY }), qc.invalidateQueries({ queryKey: MEMBERS_KEY })]);
    },
    onError: (e, v) => {
      if (v.decision === 'approve') message.error(errorText(e, t));
    },
  });
  const busyOn = (r: CorrectionReviewDto, d: 'approve' | 'reject') =>
    decide.isPending && decide.variables?.r.id === r.id && decide.variables.decision === d;

  const columns: ColumnsType<CorrectionReviewDto> = [
    {
      key: 'member',
      title: t('corrections.member'),
      width: 110,
      render: (_, r) => <Link to={`/admin/members/${r.memberId}`}>{r.memberName}</Link>,
    },
    { key: 'org', title: t('corrections.org'), dataIndex: 'orgName', width: 180 },
    { key: 'changes', title: t('corrections.changes'), render: (_, r) => <Changes r={r} /> },
    { key: 'reason', title: t('corrections.reason'), dataIndex: 'reason', width: 220 },
    { key: 'createdAt', title: t('corrections.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];
  if (status === 'pending') {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 150,
      fixed: 'right',
      render: (_, r) => (
        <Flex gap={8}>
          <Popconfirm
            title={t('corrections.approveConfirm', { name: r.memberName })}
            okText={t('corrections.approve')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'confirm-ok' } as ButtonProps}
            onConfirm={() => decide.mutateAsync({ r, decision: 'approve' }).catch(() => undefined)}
          >
            <Button type="primary" size="small" loading={busyOn(r, 'approve')} data-testid={`correction-approve-${r.id}`}>
              {t('corrections.approve')}
            </Button>
          </Popconfirm>
          <Button
            danger
            size="small"
            onClick={() => {
              decide.reset();
              setRejecting(r);
            }}
            data-testid={`correction-reject-${r.id}`}
          >
            {t('corrections.reject')}
          </Button>
        </Flex>
      ),
    });
  } else {
    columns.push(
      { key: 'note', title: t('corrections.note'), dataIndex: 'decisionNote', width: 200, render: (v: string | null) => v ?? '—' },
      {
        key: 'decidedAt',
        title: t('corrections.decidedAt'),
        dataIndex: 'decidedAt',
        width: 150,
        render: (v: string | null) => formatDateTime(v),
      },
    );
  }

  return (
    <Card title={t('corrections.title')}>
      <Tabs
        activeKey={status}
        onChange={(k) => setStatus(k as CorrectionStatus)}
        items={STATUSES.map((s) => ({ key: s, label: <span data-testid={`corrections-tab-${s}`}>{t(`corrections.${s}`)}</span> }))}
      />
      <Table<CorrectionReviewDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `correction-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: list.isError ? (
            <Empty description={errorText(list.error, t)} />
          ) : (
            <Empty description={<span data-testid="corrections-empty">{t('corrections.empty')}</span>} />
          ),
        }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { count: total }) }}
        data-testid="correction-table"
      />
      <RejectModal
        request={rejecting}
        busy={decide.isPending}
        error={decide.variables?.decision === 'reject' ? decide.error : null}
        onReject={(note) => rejecting && decide.mutate({ r: rejecting, decision: 'reject', note })}
        onClose={() => setRejecting(null)}
      />
    </Card>
  );
}
