import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MENTOR_KINDS, MENTOR_STATUSES } from '@vanguard/shared';
import type { CandidateDto, PairCreateBody, PairListItemDto } from '@vanguard/shared/api/mentors';
import { App, Button, Checkbox, DatePicker, Drawer, Empty, Flex, Form, Input, Radio, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { mentorsApi, type PairFilters } from '../../api/mentors';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { PagedTable } from '../components/PagedTable';
import { day, options } from './mentors-form';

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
export function PairsTab({ orgId }: { orgId: number }) {
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
      <PagedTable<PairListItemDto>
        rowKey="key"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t('mentors.empty')} /> }}
        onRow={(r) => ({ onClick: () => r.id && navigate(`/admin/mentors/${r.id}`), style: { cursor: r.id ? 'pointer' : 'default' } })}
        page={page.page}
        pageSize={page.pageSize}
        total={list.data?.total}
        onPage={setPage}
        showTotal={(n) => t('mentors.total', { n })}
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
