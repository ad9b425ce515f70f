import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Empty, Flex, Form, Input, Popconfirm, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { relationsApi, type TransferDto } from '../../api/relations';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { hasPermission, useMe } from '../../lib/session';
import { PagedTable } from '../components/PagedTable';
import { FormModal } from './FormModal';
import { IssueLetterModal } from './IssueLetterModal';
import { DestinationSelect, MemberSelect } from './pickers';

export const TRANSFERS_KEY = ['relations', 'transfers'] as const;

const STATUS_COLORS: Record<string, string> = {
  requested: 'gold',
  pending: 'processing',
  accepted: 'success',
  completed: 'success',
  rejected: 'error',
  declined: 'default',
  cancelled: 'default',
  letter_issued: 'purple',
};

/**
 * 转出 (box out): transfers started from the user's orgs and members' requests; 转入 (box in):
 * transfers addressed to orgs the user may receive into — shown without the member's archive.
 */
export function TransfersTab({ box }: { box: 'out' | 'in' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>();
  const [starting, setStarting] = useState(false);
  const [rejecting, setRejecting] = useState<TransferDto | null>(null);
  const [proceeding, setProceeding] = useState<TransferDto | null>(null);
  const [lettering, setLettering] = useState<TransferDto | null>(null);
  const list = useQuery({
    queryKey: [...TRANSFERS_KEY, box, status, page],
    queryFn: () => relationsApi.transfers({ box, status, page, pageSize: 20 }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['relations'] });
  const act = useMutation({
    mutationFn: (v: { r: TransferDto; action: 'accept' | 'cancel' }) =>
      v.action === 'accept' ? relationsApi.accept(v.r.id) : relationsApi.cancel(v.r.id),
    onSuccess: async (r, v) => {
      message.success(
        v.action === 'accept' ? t('relations.acceptedOk', { name: r.memberName, org: r.toOrgName }) : t('relations.cancelledOk'),
      );
      await refresh();
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const mayWrite = hasPermission(me, 'members:write');

  const columns: ColumnsType<TransferDto> = [
    {
      key: 'member',
      title: t('relations.member'),
      width: 130,
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.memberName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.memberSex} · {r.memberCategory}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'from', title: t('relations.fromOrg'), dataIndex: 'fromOrgName', width: 180 },
    { key: 'to', title: t('relations.toOrg'), dataIndex: 'toOrgName', width: 180, render: (v: string | null) => v ?? '—' },
    { key: 'reason', title: t('relations.reason'), dataIndex: 'reason', width: 200 },
    {
      key: 'status',
      title: t('relations.status'),
      width: 150,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Tag color={STATUS_COLORS[r.status]} data-testid={`transfer-status-${r.id}`}>
            {r.statusName}
          </Tag>
          {r.decisionNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('relations.noteLabel')}
              {r.decisionNote}
            </Typography.Text>
          )}
          {r.effectiveOn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('relations.effectiveOn', { date: r.effectiveOn })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'createdAt', title: t('relations.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 200,
      fixed: 'right',
      render: (_, r) => (
        <Flex gap={6} wrap>
          {r.actions.includes('accept') && (
            <Popconfirm
              title={t('relations.acceptConfirm', { name: r.memberName, org: r.toOrgName })}
              okText={t('relations.accept')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'confirm-ok' } as ButtonProps}
              onConfirm={() => act.mutateAsync({ r, action: 'accept' }).catch(() => undefined)}
            >
              <Button type="primary" size="small" data-testid={`transfer-accept-${r.id}`}>
                {t('relations.accept')}
              </Button>
            </Popconfirm>
          )}
          {r.actions.includes('reject') && (
            <Button danger size="small" onClick={() => setRejecting(r)} data-testid={`transfer-reject-${r.id}`}>
              {t('relations.reject')}
            </Button>
          )}
          {r.actions.includes('start') && (
            <Button type="primary" size="small" onClick={() => setProceeding(r)} data-testid={`transfer-start-${r.id}`}>
              {t('relations.proceedInternal')}
            </Button>
          )}
          {r.actions.includes('letter') && (
            <Button size="small" onClick={() => setLettering(r)} data-testid={`transfer-letter-${r.id}`}>
              {t('relations.issueLetter')}
            </Button>
          )}
          {r.actions.includes('decline') && (
            <Button danger size="small" onClick={() => setRejecting(r)} data-testid={`transfer-decline-${r.id}`}>
              {t('relations.decline')}
            </Button>
          )}
          {r.actions.includes('cancel') && (
            <Popconfirm
              title={t('relations.cancelConfirm', { name: r.memberName })}
              okText={t('relations.cancel')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' } as ButtonProps}
              onConfirm={() => act.mutateAsync({ r, action: 'cancel' }).catch(() => undefined)}
            >
              <Button size="small" data-testid={`transfer-cancel-${r.id}`}>
                {t('relations.cancel')}
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
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('relations.allStatuses')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(box === 'out'
            ? (['requested', 'pending', 'accepted', 'rejected', 'letter_issued', 'completed', 'declined', 'cancelled'] as const)
            : (['pending', 'accepted', 'rejected', 'cancelled'] as const)
          ).map((s) => ({ value: s, label: t(`relations.statuses.${s}`) }))}
          data-testid={`transfers-${box}-status`}
        />
        {box === 'out' && mayWrite && (
          <Button type="primary" onClick={() => setStarting(true)} data-testid="transfer-new">
            {t('relations.startTransfer')}
          </Button>
        )}
      </Flex>
      {box === 'in' && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('relations.inboxHelp')}
        </Typography.Paragraph>
      )}
      <PagedTable<TransferDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `transfer-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: list.isError ? (
            <Empty description={errorText(list.error, t)} />
          ) : (
            <Empty
              description={
                <span data-testid={`transfers-${box}-empty`}>{t(box === 'out' ? 'relations.emptyOut' : 'relations.emptyIn')}</span>
              }
            />
          ),
        }}
        page={page}
        pageSize={20}
        total={list.data?.total ?? 0}
        onPage={(p) => setPage(p.page)}
        hideOnSinglePage
        showTotal
        data-testid={`transfers-${box}-table`}
      />
      <StartTransferModal open={starting} onClose={() => setStarting(false)} onDone={refresh} />
      <RejectTransferModal r={rejecting} onClose={() => setRejecting(null)} onDone={refresh} />
      <ProceedModal r={proceeding} onClose={() => setProceeding(null)} onDone={refresh} />
      <IssueLetterModal
        open={lettering !== null}
        preset={
          lettering
            ? {
                memberId: lettering.memberId,
                memberName: lettering.memberName,
                transferId: lettering.id,
                toOrgName: lettering.toOrgName ?? '',
                reason: lettering.reason,
              }
            : undefined
        }
        onClose={() => setLettering(null)}
        onDone={refresh}
      />
    </>
  );
}

function StartTransferModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ memberId: number; toOrgId: number; reason: string }>();
  return (
    <FormModal
      open={open}
      title={t('relations.startTransfer')}
      okText={t('relations.startSubmit')}
      testId="transfer-start"
      form={form}
      submit={(v) => relationsApi.startTransfer({ ...v, reason: v.reason.trim() })}
      onDone={(r) => {
        message.success(t('relations.startedOk', { name: r.memberName, org: r.toOrgName }));
        onDone();
      }}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('relations.startHelp')}</Typography.Paragraph>
      <Form.Item name="memberId" label={t('relations.member')} rules={[{ required: true, message: t('relations.pickMember') }]}>
        <MemberSelect testId="transfer-member" />
      </Form.Item>
      <Form.Item name="toOrgId" label={t('relations.toOrg')} rules={[{ required: true, message: t('relations.pickOrg') }]}>
        <DestinationSelect testId="transfer-to" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('relations.reason')}
        rules={[{ required: true, whitespace: true, message: t('relations.reasonRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={300} showCount data-testid="transfer-reason" />
      </Form.Item>
    </FormModal>
  );
}

function RejectTransferModal({ r, onClose, onDone }: { r: TransferDto | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const declining = r?.status === 'requested';
  return (
    <FormModal
      open={r !== null}
      title={r ? t(declining ? 'relations.declineTitle' : 'relations.rejectTitle', { name: r.memberName }) : ''}
      okText={t(declining ? 'relations.decline' : 'relations.reject')}
      testId="transfer-reject"
      danger
      form={form}
      submit={(v) => relationsApi.reject(r?.id ?? 0, v.note.trim())}
      onDone={() => {
        message.success(t('relations.rejectedOk'));
        onDone();
      }}
      onClose={onClose}
    >
      <Form.Item
        name="note"
        label={t('relations.rejectNote')}
        rules={[{ required: true, whitespace: true, message: t('relations.rejectNoteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={300} showCount data-testid="transfer-reject-note" />
      </Form.Item>
    </FormModal>
  );
}

function ProceedModal({ r, onClose, onDone }: { r: TransferDto | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ toOrgId: number }>();
  return (
    <FormModal
      open={r !== null}
      title={r ? t('relations.proceedTitle', { name: r.memberName, to: r.toOrgName }) : ''}
      okText={t('relations.startSubmit')}
      testId="transfer-proceed"
      form={form}
      submit={(v) => relationsApi.proceed(r?.id ?? 0, v.toOrgId)}
      onDone={(x) => {
        message.success(t('relations.startedOk', { name: x.memberName, org: x.toOrgName }));
        onDone();
      }}
      onClose={onClose}
    >
      <Form.Item name="toOrgId" label={t('relations.toOrg')} rules={[{ required: true, message: t('relations.pickOrg') }]}>
        <DestinationSelect testId="transfer-proceed-to" />
      </Form.Item>
    </FormModal>
  );
}
