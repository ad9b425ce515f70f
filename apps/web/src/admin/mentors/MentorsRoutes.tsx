import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MENTOR_KINDS, MENTOR_RATINGS, MENTOR_STATUSES } from '@vanguard/shared';
import type { CandidateDto, EvaluationCreateInput, PairCreateBody, PairDetailDto, PairListItemDto } from '@vanguard/shared/api/mentors';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { mentorsApi, type PairFilters } from '../../api/mentors';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { OrgTabsPage } from '../orgs/OrgTabsPage';

const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);
const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/** A search-as-you-type picker of the org subtree's members or workers. */
function PersonPicker({
  orgId,
  type,
  value,
  onChange,
  testId,
}: {
  orgId: number;
  type: 'member' | 'worker';
  value?: number;
  onChange?: (v: number) => void;
  testId: string;
}) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['mentor-candidates', orgId, type, q],
    queryFn: () => mentorsApi.candidates(orgId, type, q || undefined),
  });
  return (
    <Select
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={list.isLoading}
      options={(list.data ?? []).map((c: CandidateDto) => ({ value: c.id, label: `${c.name}（${c.orgName}）` }))}
    />
  );
}

/** New pair with its plan: kind, mentor, mentee (member or worker), period, goals, milestones. */
function CreatePairDrawer({ orgId, open, onClose }: { orgId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const menteeType: 'member' | 'worker' = Form.useWatch('menteeType', form) ?? 'member';
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      mentorsApi.create({
        orgId,
        kind: v.kind,
        mentorMemberId: v.mentorMemberId,
        ...(menteeType === 'member' ? { menteeMemberId: v.menteeId } : { menteeWorkerId: v.menteeId }),
        startsOn: day(v.startsOn as Dayjs),
        plannedEndOn: day(v.plannedEndOn as Dayjs),
        goals: v.goals ?? '',
        milestones: ((v.milestones as { title: string; dueOn: Dayjs }[] | undefined) ?? []).map((m) => ({
          title: m?.title,
          dueOn: day(m?.dueOn),
        })),
        // The form's values as entered; the server's schema reports what is missing.
      } as PairCreateBody),
    onSuccess: (p) => {
      message.success(t('mentors.created'));
      void qc.invalidateQueries({ queryKey: ['mentor-pairs'] });
      form.resetFields();
      onClose();
      navigate(`/admin/mentors/${p.id}`);
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e, { menteeMemberId: 'menteeId', menteeWorkerId: 'menteeId' })))
        message.error(errorText(e, t));
    },
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('mentors.newPair')}
      width={720}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="mentors-save">
          {t('mentors.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ kind: 'apprentice', menteeType: 'member', startsOn: dayjs(), plannedEndOn: dayjs().add(1, 'year') }}
      >
        <Form.Item name="kind" label={t('mentors.kind')} rules={[{ required: true }]}>
          <Radio.Group options={options({ apprentice: MENTOR_KINDS.apprentice, youth: MENTOR_KINDS.youth })} />
        </Form.Item>
        <Form.Item name="mentorMemberId" label={t('mentors.mentor')} rules={[{ required: true, message: t('mentors.pickMentor') }]}>
          <PersonPicker orgId={orgId} type="member" testId="mentors-mentor" />
        </Form.Item>
        <Form.Item name="menteeType" label={t('mentors.menteeType')}>
          <Radio.Group
            options={[
              { value: 'member', label: t('mentors.menteeMember') },
              { value: 'worker', label: t('mentors.menteeWorker') },
            ]}
          />
        </Form.Item>
        <Form.Item name="menteeId" label={t('mentors.mentee')} rules={[{ required: true, message: t('mentors.pickMentee') }]}>
          <PersonPicker key={menteeType} orgId={orgId} type={menteeType} testId="mentors-mentee" />
        </Form.Item>
        <Space>
          <Form.Item name="startsOn" label={t('mentors.startsOn')} rules={[{ required: true }]}>
            <DatePicker data-testid="mentors-starts" />
          </Form.Item>
          <Form.Item name="plannedEndOn" label={t('mentors.plannedEndOn')} rules={[{ required: true }]}>
            <DatePicker data-testid="mentors-ends" />
          </Form.Item>
        </Space>
        <Form.Item name="goals" label={t('mentors.goals')} rules={[{ required: true, message: t('mentors.goalsRequired') }]}>
          <Input.TextArea rows={3} data-testid="mentors-goals" />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: t('mentors.milestoneTitle') }]}>
                    <Input placeholder={t('mentors.milestoneTitle')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: t('mentors.dueOn') }]}>
                    <DatePicker placeholder={t('mentors.dueOn')} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    {t('mentors.remove')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t('mentors.addMilestone')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

/** The ledger of an org subtree: filters, paging, overdue first, export, new pair. */
function PairsTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Omit<PairFilters, 'orgId'>>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const f = { orgId, ...filters };
  const list = useQuery({ queryKey: ['mentor-pairs', f, page], queryFn: () => mentorsApi.list({ ...f, ...page }) });
  const exportIt = async () => {
    try {
      const out = await mentorsApi.exportXlsx(f);
      saveBlob(out.blob, out.fileName ?? 'mentor-pairs.xlsx');
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  const set = (k: keyof typeof filters, v: unknown) => {
    setFilters((x) => ({ ...x, [k]: v ?? undefined }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('mentors.kind')}
          style={{ width: 150 }}
          options={options(MENTOR_KINDS)}
          onChange={(v) => set('kind', v)}
        />
        <Select
          allowClear
          placeholder={t('mentors.status')}
          style={{ width: 120 }}
          options={options(MENTOR_STATUSES)}
          onChange={(v) => set('status', v)}
        />
        <Checkbox data-testid="mentors-overdue-filter" onChange={(e) => set('overdue', e.target.checked ? true : undefined)}>
          {t('mentors.onlyOverdue')}
        </Checkbox>
        <span style={{ flex: 1 }} />
        <Button icon={<DownloadOutlined />} onClick={exportIt} data-testid="mentors-export">
          {t('mentors.export')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="mentors-new">
          {t('mentors.newPair')}
        </Button>
      </Flex>
      <Table<PairListItemDto>
        rowKey="key"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t('mentors.empty')} /> }}
        onRow={(r) => ({ onClick: () => r.id && navigate(`/admin/mentors/${r.id}`), style: { cursor: r.id ? 'pointer' : 'default' } })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total,
          showTotal: (n) => t('mentors.total', { n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('mentors.kind'), dataIndex: 'kindName', width: 120 },
          { title: t('mentors.org'), dataIndex: 'orgName' },
          { title: t('mentors.mentor'), dataIndex: 'mentorName' },
          {
            title: t('mentors.mentee'),
            render: (_, r) => (
              <span data-testid={`mentors-row-${r.menteeName}`}>
                {r.menteeName}
                {r.menteeType === 'worker' ? <Tag style={{ marginLeft: 4 }}>{t('mentors.menteeWorker')}</Tag> : null}
              </span>
            ),
          },
          { title: t('mentors.period'), render: (_, r) => `${r.startsOn} ~ ${r.plannedEndOn ?? ''}` },
          { title: t('mentors.lastMeeting'), dataIndex: 'lastMeetingOn', render: (v) => v ?? '—' },
          {
            title: t('mentors.status'),
            render: (_, r) => (
              <Space>
                <Tag color={r.status === 'active' ? 'blue' : undefined}>{r.statusName}</Tag>
                {r.overdue ? (
                  <Tag color="red" data-testid="mentors-overdue-tag">
                    {t('mentors.overdue', { d: r.meetingDueOn })}
                  </Tag>
                ) : null}
                {r.kind === 'contact' ? <Tag>{t('mentors.fromRecruitment')}</Tag> : null}
              </Space>
            ),
          },
        ]}
      />
      <CreatePairDrawer orgId={orgId} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

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
function PairPage() {
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

/** Console pages of the mentors module (/admin/mentors/*). */
export function MentorsRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <OrgTabsPage
            title={t('mentors.title')}
            orgLabel={t('mentors.org')}
            pickOrg={t('mentors.pickOrg')}
            testId="mentors"
            tabs={[{ key: 'pairs', label: t('mentors.ledger'), render: (orgId) => <PairsTab orgId={orgId} /> }]}
          />
        }
      />
      <Route path=":id" element={<PairPage />} />
    </Routes>
  );
}
