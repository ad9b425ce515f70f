import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PROPOSAL_CATEGORIES } from '@vanguard/shared';
import type { ProposalCreateBody } from '@vanguard/shared/api/proposals';
import { Button, Checkbox, Form, Input, List, Selector, Tabs, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { proposalsApi } from '../../api/proposals';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';
import { ProposalView, ReviewPage } from './ProposalView';

type Column = 'open' | 'adopted' | 'implemented' | 'closed';

function BoardList({ mine }: { mine?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [column, setColumn] = useState<Column | 'all'>('all');
  const q = useQuery({
    queryKey: ['proposal-board', mine ? 'mine' : column],
    queryFn: () => (mine ? proposalsApi.mine() : proposalsApi.board(column === 'all' ? undefined : column)),
  });
  return (
    <>
      {mine ? null : (
        <Selector
          style={{ padding: 8 }}
          columns={5}
          value={[column]}
          onChange={(v) => v[0] && setColumn(v[0])}
          options={(['all', 'open', 'adopted', 'implemented', 'closed'] as const).map((k) => ({
            value: k,
            label: t(`proposals.m.columns.${k}`),
          }))}
        />
      )}
      {q.isPending ? <FullPageSpin /> : null}
      {q.error ? <ErrorBlock status="default" title={errorText(q.error, t)} /> : null}
      {q.data && q.data.items.length === 0 ? <ErrorBlock status="empty" title={t('proposals.none')} /> : null}
      {q.data?.items.length ? (
        <List>
          {q.data.items.map((p) => (
            <List.Item
              key={p.id}
              data-testid={`m-proposal-${p.id}`}
              onClick={() => navigate(`/m/proposals/${p.id}`)}
              description={`${p.categoryName} · ${p.proposerName} · ${p.orgName} · ${t('proposals.supports')} ${p.supportCount}`}
              extra={<Tag color={p.column === 'implemented' ? 'success' : 'primary'}>{p.statusName}</Tag>}
            >
              {p.title}
            </List.Item>
          ))}
        </List>
      ) : null}
    </>
  );
}

function MyReviews() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['my-proposal-reviews'], queryFn: proposalsApi.myReviews });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data.items.length) return <ErrorBlock status="empty" title={t('proposals.m.noReviews')} />;
  return (
    <List>
      {q.data.items.map((r) => (
        <List.Item
          key={r.id}
          data-testid={`m-review-${r.proposalId}`}
          onClick={() => navigate(`/m/proposals/reviews/${r.id}`)}
          description={`${r.categoryName} · ${r.statusName}`}
          extra={
            <Tag color={r.scored ? 'success' : 'warning'}>
              {r.scored ? `${t('proposals.m.scored')} ${r.total}` : t('proposals.m.toScore')}
            </Tag>
          }
        >
          {r.title}
        </List.Item>
      ))}
    </List>
  );
}

function Home() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'board';
  return (
    <div>
      <div style={{ padding: 8 }}>
        <Button block color="primary" onClick={() => navigate('/m/proposals/new')} data-testid="m-proposal-new">
          {t('proposals.m.new')}
        </Button>
      </div>
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })}>
        <Tabs.Tab title={t('proposals.m.board')} key="board">
          <BoardList />
        </Tabs.Tab>
        <Tabs.Tab title={t('proposals.m.mine')} key="mine">
          <BoardList mine />
        </Tabs.Tab>
        <Tabs.Tab title={<span data-testid="m-tab-reviews">{t('proposals.m.reviews')}</span>} key="reviews">
          <MyReviews />
        </Tabs.Tab>
      </Tabs>
    </div>
  );
}

/** Co-proposers: type a name, tap a person to add; tap a tag to remove. */
function CoproposerPicker({
  value,
  onChange,
}: {
  value: { userId: number; name: string }[];
  onChange: (v: { userId: number; name: string }[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const people = useQuery({ queryKey: ['proposal-people', q], queryFn: () => proposalsApi.people(q), enabled: q.trim().length > 0 });
  return (
    <div>
      {value.map((p) => (
        <Tag key={p.userId} color="primary" style={{ marginRight: 4 }} onClick={() => onChange(value.filter((x) => x.userId !== p.userId))}>
          {p.name} ×
        </Tag>
      ))}
      <Input aria-label={t('proposals.coproposers')} placeholder={t('proposals.pickPerson')} value={q} onChange={setQ} />
      {people.data?.items.slice(0, 5).map((p) => (
        <List.Item
          key={p.userId}
          onClick={() => {
            if (!value.some((x) => x.userId === p.userId)) onChange([...value, { userId: p.userId, name: p.name }]);
            setQ('');
          }}
        >
          {`${p.name}（${p.orgName}）`}
        </List.Item>
      ))}
    </div>
  );
}

/** 提建议: the fields of a proposal, similar ones shown while the title is typed, a photo, co-proposers. */
function NewProposal() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [title, setTitle] = useState('');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [co, setCo] = useState<{ userId: number; name: string }[]>([]);
  const similar = useQuery({
    queryKey: ['proposal-similar', title],
    queryFn: () => proposalsApi.similar(title),
    enabled: title.trim().length >= 2,
  });
  const upload = useMutation({
    mutationFn: (f: File) => proposalsApi.upload(f),
    onSuccess: (f) => setPhotoIds((x) => [...x, f.id]),
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      proposalsApi.create({
        category: ((v.category as string[] | undefined)?.[0] ?? '') as ProposalCreateBody['category'],
        title: String(v.title ?? ''),
        problem: String(v.problem ?? ''),
        change: String(v.change ?? ''),
        expectedBenefit: String(v.expectedBenefit ?? ''),
        expectedBenefitFen: v.yuan ? Math.round(Number(v.yuan) * 100) : 0,
        place: String(v.place ?? ''),
        hideName: Boolean(v.hideName),
        photoIds,
        coproposerUserIds: co.map((c) => c.userId),
      }),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['proposal-board'] });
      Toast.show({ icon: 'success', content: t('proposals.m.submitted') });
      navigate(`/m/proposals/${p.id}`, { replace: true });
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) Toast.show({ icon: 'fail', content: errorText(e, t) });
    },
  });
  return (
    <Form
      form={form}
      onFinish={(v) => save.mutate(v)}
      footer={
        <Button block color="primary" type="submit" loading={save.isPending} data-testid="m-proposal-submit">
          {t('proposals.submit')}
        </Button>
      }
    >
      <Form.Header>{t('proposals.m.new')}</Form.Header>
      <Form.Item name="category" label={t('proposals.category')} rules={[{ required: true }]}>
        <Selector columns={3} options={Object.entries(PROPOSAL_CATEGORIES).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="title" label={t('proposals.colTitle')} rules={[{ required: true }]}>
        <Input data-testid="m-proposal-title" onChange={setTitle} />
      </Form.Item>
      {similar.data?.items.length ? (
        <List header={t('proposals.m.similar')} data-testid="m-proposal-similar">
          {similar.data.items.map((s) => (
            <List.Item key={s.id} onClick={() => navigate(`/m/proposals/${s.id}`)} extra={s.statusName}>
              {s.title}
            </List.Item>
          ))}
        </List>
      ) : null}
      <Form.Item name="problem" label={t('proposals.problem')} rules={[{ required: true }]}>
        <TextArea rows={3} data-testid="m-proposal-problem" />
      </Form.Item>
      <Form.Item name="change" label={t('proposals.change')} rules={[{ required: true }]}>
        <TextArea rows={3} data-testid="m-proposal-change" />
      </Form.Item>
      <Form.Item name="expectedBenefit" label={t('proposals.expectedBenefit')} rules={[{ required: true }]}>
        <TextArea rows={2} data-testid="m-proposal-benefit" />
      </Form.Item>
      <Form.Item name="yuan" label={t('proposals.expectedBenefitYuan')}>
        <Input type="number" data-testid="m-proposal-yuan" />
      </Form.Item>
      <Form.Item name="place" label={t('proposals.place')} rules={[{ required: true }]}>
        <Input data-testid="m-proposal-place" />
      </Form.Item>
      <Form.Item label={t('proposals.m.uploadPhoto')}>
        <input
          type="file"
          accept="image/*"
          aria-label={t('proposals.m.uploadPhoto')}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) upload.mutate(f);
          }}
        />
        {photoIds.length ? <div>{`${t('proposals.photos')}：${photoIds.length}`}</div> : null}
      </Form.Item>
      <Form.Item label={t('proposals.coproposers')}>
        <CoproposerPicker value={co} onChange={setCo} />
      </Form.Item>
      <Form.Item name="hideName" valuePropName="checked">
        <Checkbox>{t('proposals.hideName')}</Checkbox>
      </Form.Item>
    </Form>
  );
}

/** Phone pages of the proposals module (/m/proposals/*). */
export function MProposalsRoutes() {
  return (
    <Routes>
      <Route index element={<Home />} />
      <Route path="new" element={<NewProposal />} />
      <Route path="reviews/:id" element={<ReviewPage />} />
      <Route path=":id" element={<ProposalView />} />
    </Routes>
  );
}
