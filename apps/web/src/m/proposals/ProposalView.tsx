import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProposalDetailDto } from '@vanguard/shared/api/proposals';
import { Button, Card, Form, Input, List, ProgressBar, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { proposalsApi } from '../../api/proposals';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

function Body({ p }: { p: ProposalDetailDto }) {
  const { t } = useTranslation();
  return (
    <Card title={p.title} extra={<Tag data-testid="m-proposal-status">{p.statusName}</Tag>}>
      <div>
        {p.categoryName} · {p.proposerName}
        {p.coproposers.length ? `、${p.coproposers.map((c) => c.name).join('、')}` : ''} · {p.orgName}
      </div>
      <div>
        {t('proposals.place')}：{p.place}
      </div>
      <p>
        <b>{t('proposals.problem')}</b>：{p.problem}
      </p>
      <p>
        <b>{t('proposals.change')}</b>：{p.change}
      </p>
      <p>
        <b>{t('proposals.expectedBenefit')}</b>：{p.expectedBenefit}
      </p>
      {p.photoIds.map((f) => (
        <img key={f} src={`/api/v1/files/${f}`} alt={t('proposals.photos')} style={{ maxWidth: '100%' }} />
      ))}
      {p.ownerName ? (
        <div>
          {t('proposals.owner')}：{p.ownerName}
          <ProgressBar percent={p.progress} text />
        </div>
      ) : null}
      {p.rewardGrade && p.mine ? <div data-testid="m-proposal-reward">{`${t('proposals.reward')}：${p.rewardGrade}`}</div> : null}
    </Card>
  );
}

/** A proposal on the board: support (once), comments. */
export function ProposalView() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [comment, setComment] = useState('');
  const q = useQuery({ queryKey: ['m-proposal', id], queryFn: () => proposalsApi.boardGet(id) });
  const done = (d: ProposalDetailDto) => qc.setQueryData(['m-proposal', id], d);
  const fail = (e: unknown) => Toast.show({ icon: 'fail', content: errorText(e, t) });
  const support = useMutation({ mutationFn: () => proposalsApi.support(id), onSuccess: done, onError: fail });
  const send = useMutation({
    mutationFn: () => proposalsApi.comment(id, comment),
    onSuccess: (d) => {
      done(d);
      setComment('');
    },
    onError: fail,
  });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  const p = q.data;
  return (
    <div style={{ padding: 8 }}>
      <Body p={p} />
      {p.mine ? null : (
        <Button
          block
          color="primary"
          fill={p.supportedByMe ? 'outline' : 'solid'}
          disabled={p.supportedByMe}
          loading={support.isPending}
          onClick={() => support.mutate()}
          data-testid="m-proposal-support"
          style={{ margin: '8px 0' }}
        >
          {p.supportedByMe ? t('proposals.m.supported') : t('proposals.m.support')}（{p.supportCount}）
        </Button>
      )}
      <List header={t('proposals.m.comment')}>
        {p.comments.map((c) => (
          <List.Item key={c.id} description={c.name}>
            {c.body}
          </List.Item>
        ))}
      </List>
      <Input
        aria-label={t('proposals.m.comment')}
        placeholder={t('proposals.m.commentPlaceholder')}
        value={comment}
        onChange={setComment}
      />
      <Button size="small" disabled={!comment.trim()} onClick={() => send.mutate()}>
        {t('proposals.m.send')}
      </Button>
    </div>
  );
}

/** A reviewer scores against the rubric (each criterion within its maximum). */
export function ReviewPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['m-review', id], queryFn: () => proposalsApi.reviewGet(id) });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const { comment, ...scores } = v;
      return proposalsApi.score(id, {
        scores: Object.fromEntries(Object.entries(scores).map(([k, x]) => [k, Number(x ?? 0)])),
        comment: comment ? String(comment) : undefined,
      });
    },
    onSuccess: (d) => {
      qc.setQueryData(['m-review', id], d);
      void qc.invalidateQueries({ queryKey: ['my-proposal-reviews'] });
      Toast.show({ icon: 'success', content: t('proposals.m.scored') });
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) Toast.show({ icon: 'fail', content: errorText(e, t) });
    },
  });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  const p = q.data;
  return (
    <div style={{ padding: 8 }}>
      <Body p={p} />
      {p.status === 'reviewing' ? (
        <Form
          form={form}
          onFinish={(v) => save.mutate(v)}
          initialValues={Object.fromEntries(p.criteria.map((c) => [c.key, 0]))}
          footer={
            <Button block color="primary" type="submit" loading={save.isPending} data-testid="m-score-submit">
              {t('proposals.m.scoreSubmit')}
            </Button>
          }
        >
          <Form.Header>{t('proposals.m.scoreTitle')}</Form.Header>
          {p.criteria.map((c) => (
            <Form.Item key={c.key} name={c.key} label={t('proposals.m.scoreOf', { name: c.name, max: c.max })}>
              <Input type="number" min={0} max={c.max} aria-label={c.name} data-testid={`m-score-${c.key}`} />
            </Form.Item>
          ))}
          <Form.Item name="comment" label={t('proposals.reviewComment')}>
            <TextArea rows={2} />
          </Form.Item>
        </Form>
      ) : null}
    </div>
  );
}
