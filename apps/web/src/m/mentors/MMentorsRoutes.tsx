import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chinaDay } from '@vanguard/shared';
import type { PairDetailDto } from '@vanguard/shared/api/mentors';
import { Button, Card, Checkbox, Form, Input, List, NoticeBar, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { mentorsApi } from '../../api/mentors';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

const today = () => chinaDay(new Date());
const key = () => `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** 我的师徒: pairs where I am the mentor or the mentee. */
function MyPairs() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['my-mentor-pairs'], queryFn: mentorsApi.mine });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data.items.length) return <ErrorBlock status="empty" title={t('mentors.m.none')} description={t('mentors.m.noneHint')} />;
  return (
    <List header={t('mentors.m.myPairs')}>
      {q.data.items.map((p) => (
        <List.Item
          key={p.id}
          data-testid={`m-mentor-pair-${p.id}`}
          onClick={() => navigate(`/m/mentors/${p.id}`)}
          description={`${p.startsOn} ~ ${p.plannedEndOn} · ${t('mentors.m.nextBy', { d: p.meetingDueOn })}`}
          extra={
            p.overdue ? (
              <Tag color="danger" data-testid="m-mentor-overdue">
                {t('mentors.m.overdue')}
              </Tag>
            ) : (
              <Tag color={p.status === 'active' ? 'primary' : 'default'}>{p.statusName}</Tag>
            )
          }
        >
          {p.myRole === 'mentor' ? t('mentors.m.asMentor', { name: p.menteeName }) : t('mentors.m.asMentee', { name: p.mentorName })}
          <Tag style={{ marginLeft: 6 }}>{p.kindName}</Tag>
        </List.Item>
      ))}
    </List>
  );
}

/** Add a meeting record; the client key makes a retried tap count once. */
function MeetingForm({ pair, onDone }: { pair: PairDetailDto; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [clientKey] = useState(key);
  const save = useMutation({
    mutationFn: (v: { metOn: string; topic: string; content: string }) => mentorsApi.addMyMeeting(pair.id, { ...v, clientKey }),
    onSuccess: (p) => {
      qc.setQueryData(['my-mentor-pair', pair.id], p);
      void qc.invalidateQueries({ queryKey: ['my-mentor-pairs'] });
      void qc.invalidateQueries({ queryKey: ['my-points'] });
      Toast.show({ icon: 'success', content: t('mentors.m.meetingSaved') });
      onDone();
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) Toast.show({ icon: 'fail', content: errorText(e, t) });
    },
  });
  return (
    <Form
      form={form}
      initialValues={{ metOn: today() }}
      onFinish={(v) => save.mutate(v)}
      footer={
        <Button block color="primary" type="submit" loading={save.isPending} data-testid="m-meeting-submit">
          {t('mentors.m.submitMeeting')}
        </Button>
      }
    >
      <Form.Header>{t('mentors.addMeeting')}</Form.Header>
      <Form.Item name="metOn" label={t('mentors.metOn')} rules={[{ required: true }]}>
        <Input type="date" data-testid="m-meeting-date" />
      </Form.Item>
      <Form.Item name="topic" label={t('mentors.topic')} rules={[{ required: true, message: t('mentors.topicRequired') }]}>
        <Input placeholder={t('mentors.m.topicHint')} data-testid="m-meeting-topic" />
      </Form.Item>
      <Form.Item name="content" label={t('mentors.content')} rules={[{ required: true, message: t('mentors.contentRequired') }]}>
        <TextArea rows={4} placeholder={t('mentors.m.contentHint')} data-testid="m-meeting-content" />
      </Form.Item>
    </Form>
  );
}

/** One pair: plan and milestones (mark done), meetings, add a meeting. */
function PairPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: ['my-mentor-pair', id], queryFn: () => mentorsApi.myPair(id) });
  const mark = useMutation({
    mutationFn: (v: { mid: number; done: boolean }) => mentorsApi.markMyMilestone(id, v.mid, v.done),
    onSuccess: (p) => qc.setQueryData(['my-mentor-pair', id], p),
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  const p = q.data;
  const active = p.status === 'active';
  return (
    <div style={{ padding: 8 }}>
      {p.overdue ? (
        <NoticeBar color="alert" content={t('mentors.m.overdueNotice', { d: p.meetingDueOn })} data-testid="m-pair-overdue" />
      ) : null}
      <Card title={`${p.mentorName} → ${p.menteeName}`} extra={<Tag>{p.kindName}</Tag>}>
        <div>
          {t('mentors.period')}：{`${p.startsOn} ~ ${p.plannedEndOn}`}
        </div>
        <div data-testid="m-pair-next">
          {t('mentors.lastMeeting')}：{p.lastMeetingOn ?? '—'} · {t('mentors.nextMeeting')}：{p.meetingDueOn}
        </div>
        <div style={{ marginTop: 6 }}>
          {t('mentors.goals')}：{p.goals}
        </div>
      </Card>
      <List header={t('mentors.milestones')}>
        {p.milestones.length === 0 ? <List.Item>{t('mentors.noMilestones')}</List.Item> : null}
        {p.milestones.map((m) => (
          <List.Item key={m.id} description={m.doneOn ? t('mentors.doneOn', { d: m.doneOn }) : t('mentors.dueBy', { d: m.dueOn })}>
            <Checkbox
              checked={Boolean(m.doneOn)}
              disabled={!active || mark.isPending}
              onChange={(done) => mark.mutate({ mid: m.id, done })}
              data-testid={`m-milestone-${m.id}`}
            >
              {m.title}
            </Checkbox>
          </List.Item>
        ))}
      </List>
      {active && !adding ? (
        <Button block color="primary" style={{ margin: '12px 0' }} onClick={() => setAdding(true)} data-testid="m-meeting-add">
          {t('mentors.addMeeting')}
        </Button>
      ) : null}
      {adding ? <MeetingForm pair={p} onDone={() => setAdding(false)} /> : null}
      <List header={t('mentors.meetings')}>
        {p.meetings.length === 0 ? <List.Item>{t('mentors.noMeetings')}</List.Item> : null}
        {[...p.meetings].reverse().map((m) => (
          <List.Item key={m.id} description={m.content} extra={m.writtenByName}>
            {m.metOn} {m.topic}
          </List.Item>
        ))}
      </List>
      {p.evaluations.length ? (
        <List header={t('mentors.evaluations')}>
          {p.evaluations.map((e) => (
            <List.Item key={e.id} description={e.comment} extra={e.evaluatedOn}>
              {e.stageName}：{e.ratingName}
            </List.Item>
          ))}
        </List>
      ) : null}
    </div>
  );
}

/** Phone pages of the mentors module (/m/mentors/*). */
export function MMentorsRoutes() {
  return (
    <Routes>
      <Route index element={<MyPairs />} />
      <Route path=":id" element={<PairPage />} />
    </Routes>
  );
}
