import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MENTOR_RATINGS } from '@vanguard/shared';
import type { EvaluationCreateInput, PairDetailDto } from '@vanguard/shared/api/mentors';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, List, Modal, Radio, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { mentorsApi } from '../../api/mentors';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { day, options } from './mentors-form';

function useDetailMutation(id: number, fn: (v: never) => Promise<PairDetailDto>, onDone?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (p) => {
      qc.setQueryData(['mentor-pair', id], p);
      void qc.invalidateQueries({ queryKey: ['mentor-pairs'] });
      message.success(t('mentors.saved'));
      onDone?.();
    },
    onError: (e) => message.error(errorText(e, t)),
  });
}

/** A small form in a modal; server field errors under their fields. */
function FormModal({
  open,
  title,
  okText,
  onClose,
  onSubmit,
  children,
  testId,
  danger,
}: {
  open: boolean;
  title: string;
  okText?: string;
  onClose: () => void;
  onSubmit: (v: Record<string, unknown>) => Promise<unknown>;
  children: React.ReactNode;
  testId: string;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={okText}
      okButtonProps={{ danger, loading: busy, 'data-testid': `${testId}-ok` } as never}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await onSubmit(v);
            onClose();
          } catch (e) {
            if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
          } finally {
            setBusy(false);
          }
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}

/** One pair: plan, milestones, meetings, evaluations; ending it asks for a confirmation. */
export function PairPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['mentor-pair', id], queryFn: () => mentorsApi.get(id) });
  const [open, setOpen] = useState<null | 'meeting' | 'milestone' | 'evaluation' | 'end'>(null);
  const mark = useDetailMutation(id, ((v: { mid: number; done: boolean }) => mentorsApi.markMilestone(id, v.mid, v.done)) as never);
  const done = (p: PairDetailDto) => {
    qc.setQueryData(['mentor-pair', id], p);
    void qc.invalidateQueries({ queryKey: ['mentor-pairs'] });
    message.success(t('mentors.saved'));
  };
  if (q.isLoading) return <Card loading />;
  if (q.error || !q.data) return <Alert type="error" title={errorText(q.error, t)} />;
  const p = q.data;
  const active = p.status === 'active';
  return (
    <Card
      title={
        <Space>
          <Link to="/admin/mentors">{t('mentors.title')}</Link>/<span>{`${p.mentorName} → ${p.menteeName}`}</span>
          <Tag>{p.kindName}</Tag>
          <Tag color={active ? 'blue' : undefined}>{p.statusName}</Tag>
          {p.overdue ? <Tag color="red">{t('mentors.overdue', { d: p.meetingDueOn })}</Tag> : null}
        </Space>
      }
      extra={
        active ? (
          <Space>
            <Button type="primary" onClick={() => setOpen('meeting')} data-testid="mentors-add-meeting">
              {t('mentors.addMeeting')}
            </Button>
            <Button onClick={() => setOpen('evaluation')} data-testid="mentors-evaluate">
              {t('mentors.evaluate')}
            </Button>
            <Button danger onClick={() => setOpen('end')} data-testid="mentors-end">
              {t('mentors.end')}
            </Button>
          </Space>
        ) : null
      }
    >
      {p.evaluationDue ? <Alert style={{ marginBottom: 12 }} type="info" title={t(`mentors.due.${p.evaluationDue}`)} /> : null}
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('mentors.org')}>{p.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('mentors.period')}>{`${p.startsOn} ~ ${p.plannedEndOn}`}</Descriptions.Item>
        <Descriptions.Item label={t('mentors.lastMeeting')}>{p.lastMeetingOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('mentors.nextMeeting')}>{p.meetingDueOn}</Descriptions.Item>
        <Descriptions.Item label={t('mentors.midTermDue')}>{p.midTermDueOn}</Descriptions.Item>
        <Descriptions.Item label={t('mentors.endedOn')}>{p.endedOn ? `${p.endedOn} ${p.endReason ?? ''}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('mentors.goals')} span={2}>
          {p.goals}
        </Descriptions.Item>
      </Descriptions>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={t('mentors.milestones')}
        extra={
          active ? (
            <Button size="small" onClick={() => setOpen('milestone')}>
              {t('mentors.addMilestone')}
            </Button>
          ) : null
        }
      >
        <List
          locale={{ emptyText: t('mentors.noMilestones') }}
          dataSource={p.milestones}
          renderItem={(m) => (
            <List.Item>
              <Checkbox
                checked={Boolean(m.doneOn)}
                disabled={!active || mark.isPending}
                onChange={(e) => mark.mutate({ mid: m.id, done: e.target.checked } as never)}
              >
                {m.title}
              </Checkbox>
              <span>{m.doneOn ? t('mentors.doneOn', { d: m.doneOn }) : t('mentors.dueBy', { d: m.dueOn })}</span>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('mentors.meetings')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={[...p.meetings].reverse()}
          locale={{ emptyText: t('mentors.noMeetings') }}
          columns={[
            { title: t('mentors.metOn'), dataIndex: 'metOn', width: 110 },
            { title: t('mentors.topic'), dataIndex: 'topic', width: 180 },
            { title: t('mentors.content'), dataIndex: 'content' },
            { title: t('mentors.writtenBy'), dataIndex: 'writtenByName', width: 90 },
          ]}
        />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('mentors.evaluations')}>
        <List
          locale={{ emptyText: t('mentors.noEvaluations') }}
          dataSource={p.evaluations}
          renderItem={(e) => (
            <List.Item>
              <Space>
                <Tag>{e.stageName}</Tag>
                <b>{e.ratingName}</b>
                <span>{e.comment}</span>
              </Space>
              <span>{e.evaluatedOn}</span>
            </List.Item>
          )}
        />
      </Card>
      <FormModal
        open={open === 'meeting'}
        title={t('mentors.addMeeting')}
        testId="mentors-meeting"
        onClose={() => setOpen(null)}
        onSubmit={async (v) =>
          done(
            await mentorsApi.addMeeting(id, { metOn: day(v.metOn as Dayjs) ?? '', topic: v.topic as string, content: v.content as string }),
          )
        }
      >
        <Form.Item name="metOn" label={t('mentors.metOn')} initialValue={dayjs()} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="topic" label={t('mentors.topic')} rules={[{ required: true, message: t('mentors.topicRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="content" label={t('mentors.content')} rules={[{ required: true, message: t('mentors.contentRequired') }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={open === 'milestone'}
        title={t('mentors.addMilestone')}
        testId="mentors-milestone"
        onClose={() => setOpen(null)}
        onSubmit={async (v) => done(await mentorsApi.addMilestone(id, { title: v.title as string, dueOn: day(v.dueOn as Dayjs) ?? '' }))}
      >
        <Form.Item name="title" label={t('mentors.milestoneTitle')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="dueOn" label={t('mentors.dueOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </FormModal>
      <FormModal
        open={open === 'evaluation'}
        title={t('mentors.evaluate')}
        testId="mentors-evaluation"
        onClose={() => setOpen(null)}
        onSubmit={async (v) =>
          done(
            await mentorsApi.evaluate(id, {
              stage: v.stage as EvaluationCreateInput['stage'],
              rating: v.rating as EvaluationCreateInput['rating'],
              comment: v.comment as string,
              evaluatedOn: day(v.evaluatedOn as Dayjs) ?? '',
            }),
          )
        }
      >
        <Form.Item name="stage" label={t('mentors.stage')} initialValue={p.evaluations.some((e) => e.stage === 'mid') ? 'final' : 'mid'}>
          <Radio.Group
            options={[
              { value: 'mid', label: t('mentors.stageMid') },
              { value: 'final', label: t('mentors.stageFinal') },
            ]}
          />
        </Form.Item>
        <Alert type="warning" style={{ marginBottom: 12 }} title={t('mentors.finalCloses')} />
        <Form.Item name="rating" label={t('mentors.rating')} rules={[{ required: true, message: t('mentors.ratingRequired') }]}>
          <Radio.Group options={options(MENTOR_RATINGS)} />
        </Form.Item>
        <Form.Item name="comment" label={t('mentors.comment')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="evaluatedOn" label={t('mentors.evaluatedOn')} initialValue={dayjs()} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </FormModal>
      <FormModal
        open={open === 'end'}
        danger
        okText={t('mentors.confirmEnd')}
        title={t('mentors.endTitle', { a: p.mentorName, b: p.menteeName })}
        testId="mentors-end-form"
        onClose={() => setOpen(null)}
        onSubmit={async (v) => done(await mentorsApi.end(id, { endedOn: day(v.endedOn as Dayjs) ?? '', reason: v.reason as string }))}
      >
        <Alert type="warning" style={{ marginBottom: 12 }} title={t('mentors.endWarning')} />
        <Form.Item name="endedOn" label={t('mentors.endedOn')} initialValue={dayjs()} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="reason" label={t('mentors.endReason')} rules={[{ required: true, message: t('mentors.endReasonRequired') }]}>
          <Input />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
