import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type ArrearsRow, type CaseResolveInput, codeText, type DuesCase, duesApi, yuan } from '../../api/dues';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { PagedTable } from '../components/PagedTable';

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
      <PagedTable<ArrearsRow>
        rowKey="memberId"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('dues.arrearsEmpty') }}
        page={page.page}
        pageSize={page.pageSize}
        total={list.data?.total ?? 0}
        onPage={setPage}
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

/** The outcome of one review: keep membership, or removal after the branch meeting and the approval above. */
function ResolveCaseModal({ c, onClose }: { c: DuesCase; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ outcome: CaseResolveInput['outcome']; resolution: string; decidedOn?: Dayjs; approval?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const resolve = useMutation({
    mutationFn: (v: CaseResolveInput) => duesApi.resolveCase(c.id, v),
    onSuccess: () => {
      message.success(t('dues.saved'));
      void qc.invalidateQueries({ queryKey: ['dues', 'cases'] });
      onClose();
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  return (
    <Modal
      open
      title={`${t('dues.resolve')}：${c.memberName}`}
      okText={t('dues.resolve')}
      okButtonProps={{ danger: outcome === 'removed', loading: resolve.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'continued' }}
        onFinish={(v) =>
          resolve.mutate({
            outcome: v.outcome,
            resolution: v.resolution,
            decidedOn: v.decidedOn?.format('YYYY-MM-DD'),
            approval: v.outcome === 'removed' ? (v.approval ?? null) : null,
          })
        }
      >
        <Form.Item name="outcome" label={t('dues.caseForm.outcome')}>
          <Radio.Group data-testid="case-outcome">
            <Radio value="continued">{t('dues.caseForm.continued')}</Radio>
            <Radio value="removed">{t('dues.caseForm.removed')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="resolution" label={t('dues.caseForm.resolution')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} placeholder={t('dues.caseForm.resolutionHint')} data-testid="case-resolution" />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('dues.caseForm.decidedOn')}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {outcome === 'removed' ? (
          <>
            <Form.Item name="approval" label={t('dues.caseForm.approval')} rules={[{ required: true, min: 4 }]}>
              <Input.TextArea rows={2} placeholder={t('dues.caseForm.approvalHint')} data-testid="case-approval" />
            </Form.Item>
            <Alert type="warning" showIcon message={t('dues.caseForm.removedWarn')} />
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 自行脱党审查: cases opened at 6 consecutive unpaid months; the branch records the outcome. */
export function CasesTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<DuesCase | null>(null);
  const list = useQuery({ queryKey: ['dues', 'cases', orgId], queryFn: () => duesApi.cases(orgId) });
  return (
    <>
      {open ? <ResolveCaseModal c={open} onClose={() => setOpen(null)} /> : null}
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
            render: (s: string, c) =>
              s === 'open' ? (
                <Tag color="red">待审查</Tag>
              ) : (
                <Tag color={c.outcome === 'removed' ? 'volcano' : 'default'} data-testid={`case-outcome-${c.id}`}>
                  {c.outcome ? t(c.outcome === 'removed' ? 'dues.outcome.removed' : 'dues.outcome.continued') : '已办结'}
                </Tag>
              ),
          },
          {
            title: t('dues.col.resolution'),
            dataIndex: 'resolution',
            render: (v: string | null, c) => (
              <>
                {v}
                {c.approval ? <div style={{ color: '#888' }}>{c.approval}</div> : null}
                {c.decidedOn ? <div style={{ color: '#888' }}>{c.decidedOn}</div> : null}
              </>
            ),
          },
          {
            title: t('dues.col.actions'),
            render: (_, c) =>
              c.status === 'open' ? (
                <Button size="small" onClick={() => setOpen(c)} data-testid={`case-resolve-${c.id}`}>
                  {t('dues.resolve')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}
