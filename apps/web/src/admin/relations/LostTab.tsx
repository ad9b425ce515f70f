import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LOST_STEPS, type LostStep } from '@vanguard/shared';
import { Alert, App, Button, Drawer, Empty, Flex, Form, Input, Result, Select, Spin, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type LostCandidateDto, type LostStepInput, relationsApi, todayIso } from '../../api/relations';
import { errorText } from '../../lib/error-text';
import { hasPermission, useMe } from '../../lib/session';
import { PagedTable } from '../components/PagedTable';
import { FormModal } from './FormModal';
import { MemberSelect } from './pickers';

/**
 * 失联党员: members 6 months or more without organizational life and dues (by the dates on record),
 * with the 2024 handling steps, each dated: identify → search → correction with a deadline →
 * removal procedure; restoring contact closes a case.
 */
export function LostTab() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [contacting, setContacting] = useState(false);
  const [opening, setOpening] = useState<LostCandidateDto | null>(null);
  const caseId = Number(params.get('caseId')) || null;
  const list = useQuery({ queryKey: ['relations', 'lost', page], queryFn: () => relationsApi.lost({ page, pageSize: 20 }) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['relations'] });
  const mayWrite = hasPermission(me, 'members:write');
  const showCase = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('caseId', String(id));
    else next.delete('caseId');
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<LostCandidateDto> = [
    { key: 'name', title: t('relations.member'), dataIndex: 'memberName', width: 100 },
    { key: 'org', title: t('relations.branch'), dataIndex: 'orgName', width: 170 },
    { key: 'life', title: t('relations.lastLife'), dataIndex: 'lastLifeOn', width: 120, render: (v: string | null) => v ?? '—' },
    { key: 'dues', title: t('relations.lastDues'), dataIndex: 'lastDuesOn', width: 120, render: (v: string | null) => v ?? '—' },
    { key: 'months', title: t('relations.monthsLost'), dataIndex: 'months', width: 90 },
    {
      key: 'stage',
      title: t('relations.stage'),
      width: 220,
      render: (_, r) => <Tag color={r.stage === 'suspension' ? 'error' : 'warning'}>{r.stageName}</Tag>,
    },
    { key: 'next', title: t('relations.nextStep'), dataIndex: 'nextStepName', width: 200 },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 120,
      fixed: 'right',
      render: (_, r) =>
        r.caseId ? (
          <Button size="small" type="link" onClick={() => showCase(r.caseId)} data-testid={`lost-case-${r.memberId}`}>
            {t('relations.handle')}
          </Button>
        ) : mayWrite ? (
          <Button size="small" type="link" onClick={() => setOpening(r)} data-testid={`lost-open-${r.memberId}`}>
            {t('relations.identify')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {t('relations.lostHelp')}
          {list.data && list.data.unknown > 0 && <> {t('relations.lostUnknown', { count: list.data.unknown })}</>}
        </Typography.Text>
        {mayWrite && (
          <Button onClick={() => setContacting(true)} data-testid="contact-new">
            {t('relations.recordContact')}
          </Button>
        )}
      </Flex>
      <PagedTable<LostCandidateDto>
        rowKey="memberId"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: list.isError ? <Empty description={errorText(list.error, t)} /> : <Empty description={t('relations.emptyLost')} />,
        }}
        page={page}
        pageSize={20}
        total={list.data?.total ?? 0}
        onPage={(p) => setPage(p.page)}
        hideOnSinglePage
        showTotal
        data-testid="lost-table"
      />
      {list.data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
          {t('relations.sourceLabel')}
          {list.data.source}
        </Typography.Paragraph>
      )}
      <ContactModal open={contacting} onClose={() => setContacting(false)} onDone={refresh} />
      <OpenCaseModal
        r={opening}
        onClose={() => setOpening(null)}
        onDone={(id) => {
          refresh();
          showCase(id);
        }}
      />
      <CaseDrawer id={caseId} mayWrite={mayWrite} onClose={() => showCase(null)} onChanged={refresh} />
    </>
  );
}

function ContactModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ memberId: number; kind: 'life' | 'dues'; on: string }>();
  return (
    <FormModal
      open={open}
      title={t('relations.recordContact')}
      okText={t('common.save')}
      testId="contact"
      form={form}
      initialValues={{ kind: 'life', on: todayIso() }}
      submit={(v) => relationsApi.contact(v)}
      onDone={() => {
        message.success(t('relations.contactOk'));
        onDone();
      }}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('relations.contactHelp')}</Typography.Paragraph>
      <Form.Item name="memberId" label={t('relations.member')} rules={[{ required: true, message: t('relations.pickMember') }]}>
        <MemberSelect testId="contact-member" />
      </Form.Item>
      <Form.Item name="kind" label={t('relations.contactKind')}>
        <Select
          options={[
            { value: 'life', label: t('relations.kindLife') },
            { value: 'dues', label: t('relations.kindDues') },
          ]}
        />
      </Form.Item>
      <Form.Item name="on" label={t('relations.date')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
        <Input type="date" />
      </Form.Item>
    </FormModal>
  );
}

function OpenCaseModal({ r, onClose, onDone }: { r: LostCandidateDto | null; onClose: () => void; onDone: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ on: string; note?: string }>();
  return (
    <FormModal
      open={r !== null}
      title={r ? t('relations.identifyTitle', { name: r.memberName }) : ''}
      okText={t('relations.identify')}
      testId="lost-open"
      form={form}
      initialValues={{ on: todayIso() }}
      submit={(v) => relationsApi.openCase({ memberId: r?.memberId ?? 0, on: v.on, note: v.note || undefined })}
      onDone={(c) => {
        message.success(t('relations.identifiedOk', { name: c.memberName }));
        onDone(c.id);
      }}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('relations.identifyHelp')}</Typography.Paragraph>
      <Form.Item name="on" label={t('relations.committeeDate')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="note" label={t('relations.note')}>
        <Input.TextArea rows={2} maxLength={300} />
      </Form.Item>
    </FormModal>
  );
}

function CaseDrawer({
  id,
  mayWrite,
  onClose,
  onChanged,
}: {
  id: number | null;
  mayWrite: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ step: string; on: string; deadline?: string; note?: string }>();
  const [stepOpen, setStepOpen] = useState(false);
  const q = useQuery({ queryKey: ['relations', 'lost-case', id], queryFn: () => relationsApi.lostCase(id ?? 0), enabled: id !== null });
  const c = q.data;
  const step = Form.useWatch('step', form);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={520}
      title={c ? t('relations.caseTitle', { name: c.memberName }) : ''}
      data-testid="lost-drawer"
    >
      {q.isError ? (
        <Result status="warning" title={errorText(q.error, t)} />
      ) : !c ? (
        <Spin />
      ) : (
        <Flex vertical gap={12}>
          <Flex gap={8} align="center">
            <Tag color={c.status === 'open' ? 'processing' : 'default'}>
              {c.status === 'open' ? t('relations.caseOpen') : t('relations.caseClosed')}
            </Tag>
            {c.outcome && (
              <Tag color={c.outcome === 'removed' ? 'error' : 'success'}>
                {t(`relations.outcomes.${c.outcome as 'removed' | 'restored'}`)}
              </Tag>
            )}
            {c.since && <Typography.Text type="secondary">{t('relations.lostSince', { date: c.since })}</Typography.Text>}
          </Flex>
          <Timeline
            items={c.steps.map((s) => ({
              content: (
                <Flex vertical>
                  <Typography.Text strong>
                    {s.on} {s.stepName}
                  </Typography.Text>
                  {s.deadline && <Typography.Text type="warning">{t('relations.deadlineLabel', { date: s.deadline })}</Typography.Text>}
                  {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
                </Flex>
              ),
            }))}
          />
          {c.nextStepName && <Alert type="info" showIcon title={t('relations.nextStepIs', { step: c.nextStepName })} />}
          {mayWrite && c.status === 'open' && (
            <Button type="primary" onClick={() => setStepOpen(true)} data-testid="lost-step-new">
              {t('relations.addStep')}
            </Button>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('relations.sourceLabel')}
            {c.source}
          </Typography.Text>
        </Flex>
      )}
      <FormModal
        open={stepOpen}
        title={t('relations.addStep')}
        okText={t('common.save')}
        testId="lost-step"
        form={form}
        initialValues={{ step: c?.nextStep ?? 'restored', on: todayIso() }}
        submit={(v) =>
          relationsApi.addStep(id ?? 0, {
            step: v.step as LostStepInput['step'],
            on: v.on,
            deadline: v.deadline || undefined,
            note: v.note || undefined,
          })
        }
        onDone={async () => {
          message.success(t('relations.stepOk'));
          await qc.invalidateQueries({ queryKey: ['relations', 'lost-case', id] });
          onChanged();
        }}
        onClose={() => setStepOpen(false)}
      >
        <Form.Item name="step" label={t('relations.step')}>
          <Select
            options={[...(c?.nextStep ? [c.nextStep] : []), 'restored'].map((s) => ({ value: s, label: LOST_STEPS[s as LostStep] }))}
            data-testid="lost-step-select"
          />
        </Form.Item>
        <Form.Item name="on" label={t('relations.date')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
          <Input type="date" />
        </Form.Item>
        {step === 'correction' && (
          <Form.Item
            name="deadline"
            label={t('relations.deadline')}
            extra={t('relations.deadlineHelp')}
            rules={[{ required: true, message: t('relations.dateRequired') }]}
          >
            <Input type="date" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('relations.note')}>
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
      </FormModal>
    </Drawer>
  );
}
