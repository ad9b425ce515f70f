import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RECRUITMENT_STEPS, stepDef } from '@vanguard/shared';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type CaseDetail, type CheckInput, RECRUITMENT_KEY, recruitmentApi, type StepRecord, useCase } from '../../api/recruitment';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { hasPermission, useMe } from '../../lib/session';
import { StepForm } from './StepForm';
import { PeriodicCell, STATE_COLOR } from './shared';

const FORM_LABELS: Record<string, string> = {
  talker: 'talker',
  content: 'content',
  recommendedBy: 'recommendedBy',
  opinion: 'opinion',
  conclusion: 'conclusion',
  summary: 'summary',
  organizer: 'organizer',
  days: 'days',
  hours: 'hours',
  leavingSoon: 'leavingSoon',
  volunteerNo: 'volunteerNo',
  outcome: 'outcome',
  extensionMonths: 'extensionMonths',
  resolution: 'resolution',
  approver: 'approver',
  docNo: 'docNo',
  items: 'archiveItems',
};
const OUTCOMES: Record<string, string> = {
  admit: 'outcomeAdmit',
  convert: 'outcomeConvert',
  extend: 'outcomeExtend',
  cancel: 'outcomeCancel',
};

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);

/** 发展对象 page: the person, the 25 steps with their records and forms, the next step's form, reviews and votes. */
export function CasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data: me } = useMe();
  const q = useCase(id);
  const [viewing, setViewing] = useState<StepRecord | null>(null);
  const c = q.data;
  if (q.isError)
    return (
      <Result
        status="warning"
        title={errorText(q.error, t)}
        extra={<Button onClick={() => navigate('/admin/recruitment')}>{t('recruitment.detail.back')}</Button>}
      />
    );
  if (!c) return <Skeleton active />;
  const def = c.next ? stepDef(c.next.no) : undefined;
  const canDo = def && hasPermission(me, def.actor === 'committee' ? 'recruitment:approve' : 'members:write');

  const formLines = (s: StepRecord): [string, string][] =>
    Object.entries(s.form)
      .filter(([k]) => k in FORM_LABELS)
      .map(([k, v]) => {
        const label = t(`recruitment.form.${FORM_LABELS[k]}` as 'recruitment.form.talker');
        let value = String(v ?? '');
        if (k === 'outcome') value = t(`recruitment.form.${OUTCOMES[value] ?? 'outcomeAdmit'}` as 'recruitment.form.outcomeAdmit');
        if (k === 'conclusion') value = v === 'pass' ? t('recruitment.form.conclusionPass') : t('recruitment.form.conclusionFail');
        if (k === 'leavingSoon') value = v ? t('common.yes') : t('common.no');
        return [label, value];
      });

  const print = (s: StepRecord) => {
    const w = window.open('', '_blank', 'width=800,height=900');
    if (!w) return;
    const title = String(s.form.title ?? s.name);
    const rows: [string, string][] = [
      [t('recruitment.col.name'), c.name],
      [t('recruitment.col.branch'), c.orgName],
      [t('recruitment.form.doneOn'), s.doneOn],
      ...(s.actors ? [[t('recruitment.step.actors'), s.actors] as [string, string]] : []),
      ...(s.people.length
        ? [[t('recruitment.step.people'), s.people.map((p) => `${p.name}（${p.role}）`).join('、')] as [string, string]]
        : []),
      ...formLines(s),
      ...(s.note ? [[t('recruitment.step.note'), s.note] as [string, string]] : []),
      [t('recruitment.step.confirmedBy'), s.confirmedBy],
    ];
    w.document.write(
      `<!doctype html><meta charset="utf-8"><title>${esc(title)}</title><style>body{font-family:serif;padding:32px}h1{text-align:center;font-size:22px}table{width:100%;border-collapse:collapse}td{border:1px solid #333;padding:8px;vertical-align:top}td:first-child{width:25%;white-space:nowrap}</style><h1>${esc(title)}</h1><table>${rows
        .map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v).replace(/\n/g, '<br>')}</td></tr>`)
        .join('')}</table><p style="margin-top:48px;text-align:right">（签字）__________ 年 月 日</p>`,
    );
    w.document.close();
    w.focus();
    w.print();
  };

  // All 25 steps, with every round of 22–24 after an extension.
  const rows = RECRUITMENT_STEPS.flatMap((d) => {
    const done = c.steps.filter((s) => s.stepNo === d.no);
    return done.length
      ? done.map((s) => ({ key: `${d.no}-${s.round}`, d, s }))
      : [{ key: `${d.no}`, d, s: undefined as StepRecord | undefined }];
  });
  const statusTag =
    c.status === 'active' ? (
      <Tag color="processing" data-testid="case-stage">
        {c.stageName}
      </Tag>
    ) : (
      <Tag color={c.status === 'completed' ? 'green' : 'red'} data-testid="case-status">
        {c.status === 'completed' ? t('recruitment.detail.completed') : t('recruitment.detail.ended', { reason: c.endReason ?? '' })}
      </Tag>
    );

  return (
    <Flex vertical gap={12}>
      <Card
        title={
          <Flex gap={8} align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('recruitment.detail.back')} />
            <span data-testid="case-name">{c.name}</span>
            {statusTag}
          </Flex>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'org', label: t('recruitment.col.branch'), children: c.orgName },
            { key: 'birth', label: t('recruitment.detail.birthDate'), children: `${c.birthDate}（${c.age}）` },
            { key: 'applied', label: t('recruitment.detail.appliedOn'), children: c.appliedOn },
            { key: 'activist', label: t('recruitment.detail.activistOn'), children: c.activistOn ?? '—' },
            { key: 'target', label: t('recruitment.detail.targetOn'), children: c.targetOn ?? '—' },
            { key: 'admitted', label: t('recruitment.detail.admittedOn'), children: c.admittedOn ?? '—' },
            { key: 'probation', label: t('recruitment.detail.probationEndsOn'), children: c.probationEndsOn ?? '—' },
            { key: 'full', label: t('recruitment.detail.fullOn'), children: <span data-testid="case-fullOn">{c.fullOn ?? '—'}</span> },
            {
              key: 'member',
              label: t('recruitment.detail.member'),
              children: c.memberId ? (
                <Link to={`/admin/members/${c.memberId}`} data-testid="case-member-link">
                  {t('recruitment.detail.openMember')}
                </Link>
              ) : (
                '—'
              ),
            },
            { key: 'periodic', label: t('recruitment.col.periodic'), children: <PeriodicCell items={c.periodic} t={t} /> },
            {
              key: 'rules',
              label: t('recruitment.detail.ruleset'),
              span: 'filled',
              children: <Typography.Text type="secondary">{`${c.rulesetSource}（${c.rulesetVersion}）`}</Typography.Text>,
            },
          ]}
        />
      </Card>
      {c.lastVote && !c.lastVote.passed && c.next && (c.next.no === 15 || c.next.no === 23) && (
        <Alert type="warning" showIcon title={<span data-testid="vote-failed">{t('recruitment.form.voteFailed')}</span>} />
      )}
      {def && canDo && <StepForm key={`${c.id}-${def.no}-${c.round}`} c={c} def={def} />}
      <Card size="small" title={t('recruitment.detail.steps')}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          onRow={(r) => ({ 'data-testid': `step-row-${r.d.no}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'no', title: '#', render: (_, r) => r.d.no },
            {
              key: 'name',
              title: t('recruitment.step.name'),
              render: (_, r) => (
                <span>
                  {r.d.name}
                  {r.s && r.s.round > 0 && t('recruitment.detail.round')}
                  {r.d.actor === 'committee' && (
                    <Tag color="blue" style={{ marginInlineStart: 6 }}>
                      {t('recruitment.actor.committee')}
                    </Tag>
                  )}
                </span>
              ),
            },
            {
              key: 'done',
              title: t('recruitment.step.done'),
              render: (_, r) =>
                r.s ? (
                  <Flex gap={4} align="center">
                    <span data-testid={`step-done-${r.d.no}`}>{r.s.doneOn}</span>
                    {r.s.late && <Tag color="red">{t('recruitment.step.late')}</Tag>}
                  </Flex>
                ) : c.next?.no === r.d.no ? (
                  <Tag color={STATE_COLOR[c.next.state]}>{t(`recruitment.state.${c.next.state}`)}</Tag>
                ) : (
                  <Typography.Text type="secondary">{t('recruitment.step.todo')}</Typography.Text>
                ),
            },
            { key: 'by', title: t('recruitment.step.confirmedBy'), render: (_, r) => r.s?.confirmedBy ?? '' },
            {
              key: 'people',
              title: t('recruitment.step.people'),
              render: (_, r) => r.s?.people.map((p) => `${p.name}（${p.role}）`).join('、') ?? '',
            },
            {
              key: 'files',
              title: t('recruitment.step.files'),
              render: (_, r) =>
                r.s?.files.map((f) => (
                  <a key={f.id} href={`/api/v1/files/${f.id}`} style={{ marginInlineEnd: 8 }}>
                    {f.name}
                  </a>
                )),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, r) =>
                r.s && (
                  <Flex gap={4}>
                    <Button size="small" onClick={() => setViewing(r.s as StepRecord)} data-testid={`step-view-${r.d.no}`}>
                      {t('recruitment.step.view')}
                    </Button>
                    <Button size="small" icon={<PrinterOutlined />} onClick={() => print(r.s as StepRecord)}>
                      {t('recruitment.step.print')}
                    </Button>
                  </Flex>
                ),
            },
          ]}
        />
      </Card>
      <ChecksCard c={c} canWrite={hasPermission(me, 'members:write')} />
      <Card size="small" title={t('recruitment.detail.votes')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.votes}
          locale={{ emptyText: t('recruitment.check.empty') }}
          columns={[
            { key: 'step', title: '#', render: (_, v) => v.stepNo },
            { key: 'on', title: t('recruitment.form.doneOn'), dataIndex: 'meetingOn' },
            {
              key: 'entitled',
              title: t('recruitment.vote.entitled'),
              render: (_, v) => `${v.entitled}（${v.fullMembers} − ${v.excluded}）`,
            },
            { key: 'present', title: t('recruitment.vote.present'), dataIndex: 'present' },
            { key: 'for', title: t('recruitment.vote.for'), render: (_, v) => `${v.forCount} + ${v.absentOpinionsFor}` },
            { key: 'against', title: t('recruitment.vote.against'), dataIndex: 'againstCount' },
            { key: 'abstain', title: t('recruitment.vote.abstain'), dataIndex: 'abstainCount' },
            {
              key: 'passed',
              title: t('recruitment.vote.result'),
              render: (_, v) => (
                <Tag color={v.passed ? 'green' : 'red'}>{v.passed ? t('recruitment.vote.passed') : t('recruitment.vote.notPassed')}</Tag>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={Boolean(viewing)}
        title={viewing ? String(viewing.form.title ?? viewing.name) : ''}
        onCancel={() => setViewing(null)}
        footer={[
          <Button key="print" icon={<PrinterOutlined />} onClick={() => viewing && print(viewing)}>
            {t('recruitment.step.print')}
          </Button>,
          <Button key="close" onClick={() => setViewing(null)}>
            {t('common.close')}
          </Button>,
        ]}
      >
        {viewing && (
          <Descriptions
            size="small"
            column={1}
            bordered
            data-testid="step-view"
            items={[
              { key: 'on', label: t('recruitment.form.doneOn'), children: viewing.doneOn },
              ...(viewing.actors ? [{ key: 'actors', label: t('recruitment.step.actors'), children: viewing.actors }] : []),
              ...(viewing.people.length
                ? [
                    {
                      key: 'people',
                      label: t('recruitment.step.people'),
                      children: viewing.people.map((p) => `${p.name}（${p.role}）`).join('、'),
                    },
                  ]
                : []),
              ...formLines(viewing).map(([k, v], i) => ({
                key: `f${i}`,
                label: k,
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>,
              })),
              ...(viewing.note ? [{ key: 'note', label: t('recruitment.step.note'), children: viewing.note }] : []),
              { key: 'by', label: t('recruitment.step.confirmedBy'), children: viewing.confirmedBy },
            ]}
          />
        )}
      </Modal>
    </Flex>
  );
}

function ChecksCard({ c, canWrite }: { c: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ kind?: string; doneOn?: Dayjs; note?: string }>();
  const add = useMutation({
    mutationFn: (v: { kind?: string; doneOn?: Dayjs; note?: string }) =>
      recruitmentApi.check(c.id, {
        kind: (v.kind ?? '') as CheckInput['kind'],
        doneOn: v.doneOn ? v.doneOn.format('YYYY-MM-DD') : '',
        note: v.note?.trim() || null,
      }),
    onSuccess: async (res) => {
      qc.setQueryData([...RECRUITMENT_KEY, 'case', c.id], res);
      await qc.invalidateQueries({ queryKey: RECRUITMENT_KEY });
      message.success(t('recruitment.check.saved'));
      form.resetFields();
    },
    onError: (e) => {
      if (isApiError(e) && !applyFieldErrors(form, e)) message.error(errorText(e, t));
      else if (!isApiError(e)) message.error(errorText(e, t));
    },
  });
  const open = canWrite && c.status === 'active' && Boolean(c.activistOn);
  return (
    <Card size="small" title={t('recruitment.detail.checks')}>
      {open && (
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ marginBottom: 12, rowGap: 8 }} data-testid="check-form">
          <Form.Item name="kind" rules={[{ required: true, message: t('recruitment.check.kind') }]}>
            <Select
              style={{ width: 140 }}
              placeholder={t('recruitment.check.kind')}
              options={(['review', 'thought_report'] as const).map((k) => ({ value: k, label: t(`recruitment.kind.${k}`) }))}
              data-testid="check-kind"
            />
          </Form.Item>
          <Form.Item name="doneOn" rules={[{ required: true, message: t('recruitment.check.doneOn') }]}>
            <DatePicker placeholder={t('recruitment.check.doneOn')} data-testid="check-doneOn" />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('recruitment.check.note')} maxLength={1000} style={{ width: 260 }} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending} data-testid="check-submit">
            {t('recruitment.check.add')}
          </Button>
        </Form>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.checks}
        locale={{ emptyText: t('recruitment.check.empty') }}
        columns={[
          { key: 'kind', title: t('recruitment.check.kind'), render: (_, k) => t(`recruitment.kind.${k.kind as 'review'}`) },
          { key: 'on', title: t('recruitment.check.doneOn'), dataIndex: 'doneOn' },
          { key: 'note', title: t('recruitment.check.note'), dataIndex: 'note' },
        ]}
      />
    </Card>
  );
}
