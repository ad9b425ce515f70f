import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProposalDetailDto } from '@vanguard/shared/api/proposals';
import { App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Progress, Radio, Result, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { proposalsApi } from '../../api/proposals';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { PersonSelect } from './PersonSelect';

const yuan = (fen: number | null | undefined) => (fen == null ? '—' : `${(fen / 100).toFixed(2)} 元`);

function useAction<V>(id: number, fn: (v: V) => Promise<ProposalDetailDto>, form?: ReturnType<typeof Form.useForm>[0]) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (d) => {
      qc.setQueryData(['proposal', id], d);
      message.success(t('proposals.saved'));
    },
    onError: (e) => {
      if (!(form && isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
}

function DecideForm({ p }: { p: ProposalDetailDto }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const outcome = Form.useWatch('outcome', form);
  const act = useAction(
    p.id,
    (v: { outcome: 'adopted'; reason?: string; mergedIntoId?: number; committeeNote?: string }) => proposalsApi.decide(p.id, v),
    form,
  );
  return (
    <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} initialValues={{ outcome: 'adopted' }}>
      <Form.Item name="outcome" label={t('proposals.outcome')}>
        <Radio.Group
          options={(['adopted', 'partial', 'rejected', 'merged'] as const).map((k) => ({ value: k, label: t(`proposals.outcomes.${k}`) }))}
        />
      </Form.Item>
      {p.status === 'committee' ? (
        <Form.Item name="committeeNote" label={t('proposals.committeeNote')}>
          <Input.TextArea rows={2} data-testid="decide-committee" />
        </Form.Item>
      ) : null}
      <Form.Item name="reason" label={t('proposals.reason')}>
        <Input.TextArea rows={2} data-testid="decide-reason" />
      </Form.Item>
      {outcome === 'merged' ? (
        <Form.Item name="mergedIntoId" label={t('proposals.mergedInto')}>
          <InputNumber min={1} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="decide-submit">
        {t('proposals.decide')}
      </Button>
    </Form>
  );
}

function OwnerForm({ p }: { p: ProposalDetailDto }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const act = useAction(
    p.id,
    (v: { ownerUserId: number; milestone?: string; dueOn?: string }) =>
      proposalsApi.owner(p.id, {
        ownerUserId: v.ownerUserId,
        milestones: v.milestone && v.dueOn ? [{ title: v.milestone, dueOn: v.dueOn }] : [],
      }),
    form,
  );
  return (
    <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)}>
      <Form.Item name="ownerUserId" label={t('proposals.owner')} rules={[{ required: true }]}>
        <PersonSelect testId="owner-select" />
      </Form.Item>
      <Space>
        <Form.Item name="milestone" label={t('proposals.milestoneTitle')}>
          <Input />
        </Form.Item>
        <Form.Item name="dueOn" label={t('proposals.dueOn')}>
          <Input type="date" />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="owner-submit">
        {t('proposals.setOwner')}
      </Button>
    </Form>
  );
}

function ProgressForm({ p }: { p: ProposalDetailDto }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const act = useAction(p.id, (v: { progress: number; note?: string }) => proposalsApi.progress(p.id, v), form);
  return (
    <Form form={form} layout="inline" onFinish={(v) => act.mutate(v)} initialValues={{ progress: p.progress }}>
      <Form.Item name="progress" label={t('proposals.progress')} rules={[{ required: true }]}>
        <InputNumber min={0} max={100} data-testid="progress-input" />
      </Form.Item>
      <Form.Item name="note" label={t('proposals.progressNote')}>
        <Input />
      </Form.Item>
      <Button htmlType="submit" loading={act.isPending} data-testid="progress-submit">
        {t('proposals.saveProgress')}
      </Button>
    </Form>
  );
}

function VerifyForm({ p }: { p: ProposalDetailDto }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const act = useAction(
    p.id,
    (v: { yuan: number; basis: string }) =>
      proposalsApi.verify(p.id, { benefitFen: Math.round((v.yuan ?? 0) * 100), basis: v.basis ?? '' }),
    form,
  );
  return (
    <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)}>
      <Form.Item name="yuan" label={t('proposals.benefitYuan')} rules={[{ required: true }]}>
        <InputNumber min={0} style={{ width: 200 }} data-testid="verify-yuan" />
      </Form.Item>
      <Form.Item name="basis" label={t('proposals.basis')}>
        <Input.TextArea rows={3} data-testid="verify-basis" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="verify-submit">
        {t('proposals.verify')}
      </Button>
    </Form>
  );
}

/** One proposal in the console: content, reviews, and the action its stage allows. */
export function ProposalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['proposal', id], queryFn: () => proposalsApi.get(id) });
  if (q.error) return <Result status="warning" title={errorText(q.error, t)} />;
  const p = q.data;
  if (!p) return <Card loading />;
  const implementing = (p.status === 'adopted' || p.status === 'partial') && p.ownerName;
  return (
    <Flex vertical gap={12}>
      <Card
        title={`#${p.id} ${p.title}`}
        extra={
          <Space>
            <Tag data-testid="proposal-status">{p.statusName}</Tag>
            <Button onClick={() => navigate('/admin/proposals')}>{t('proposals.back')}</Button>
          </Space>
        }
      >
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('proposals.category')}>{p.categoryName}</Descriptions.Item>
          <Descriptions.Item label={t('proposals.proposer')}>
            {[p.proposerName, ...p.coproposers.map((c) => c.name)].join('、')}（{p.orgName}）
          </Descriptions.Item>
          <Descriptions.Item label={t('proposals.place')}>{p.place}</Descriptions.Item>
          <Descriptions.Item label={t('proposals.supports')}>{p.supportCount}</Descriptions.Item>
          <Descriptions.Item label={t('proposals.problem')} span={2}>
            {p.problem}
          </Descriptions.Item>
          <Descriptions.Item label={t('proposals.change')} span={2}>
            {p.change}
          </Descriptions.Item>
          <Descriptions.Item label={t('proposals.expectedBenefit')} span={2}>
            {p.expectedBenefit}（{yuan(p.expectedBenefitFen)}/年）
          </Descriptions.Item>
          <Descriptions.Item label={t('proposals.score')}>{p.scoreCents == null ? '—' : (p.scoreCents / 100).toFixed(2)}</Descriptions.Item>
          <Descriptions.Item label={t('proposals.owner')}>{p.ownerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('proposals.progress')}>
            <Progress percent={p.progress} size="small" style={{ width: 200 }} />
          </Descriptions.Item>
          <Descriptions.Item label={t('proposals.reward')}>
            {p.rewardGrade ? `${p.rewardGrade} ${yuan(p.rewardFen)}（${t('proposals.benefitYuan')} ${yuan(p.verifiedBenefitFen)}）` : '—'}
          </Descriptions.Item>
        </Descriptions>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.reviews}
          columns={[
            { title: t('proposals.reviewer'), dataIndex: 'reviewerName' },
            ...p.criteria.map((c) => ({
              title: `${c.name}/${c.max}`,
              key: c.key,
              render: (_: unknown, r: (typeof p.reviews)[number]) => r.scores?.[c.key] ?? '',
            })),
            { title: t('proposals.total'), dataIndex: 'total' },
            { title: t('proposals.reviewComment'), dataIndex: 'comment' },
          ]}
        />
      </Card>
      {p.status === 'scored' || p.status === 'committee' ? (
        <Card title={t('proposals.decide')}>
          <DecideForm p={p} />
        </Card>
      ) : null}
      {(p.status === 'adopted' || p.status === 'partial') && !p.ownerName ? (
        <Card title={t('proposals.setOwner')}>
          <OwnerForm p={p} />
        </Card>
      ) : null}
      {implementing ? (
        <Card title={t('proposals.saveProgress')}>
          <ProgressForm p={p} />
        </Card>
      ) : null}
      {p.status === 'implemented' && p.verifiedBenefitFen == null ? (
        <Card title={t('proposals.verify')}>
          <VerifyForm p={p} />
        </Card>
      ) : null}
    </Flex>
  );
}
