import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { POINT_ACTIVITIES } from '@vanguard/shared';
import type { BranchBoardRowDto, CapsUpdateInput, MemberBoardRowDto } from '@vanguard/shared/api/points';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  InputNumber,
  Radio,
  Space,
  type TableColumnsType,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { pointsApi } from '../../api/points';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { PagedTable } from '../components/PagedTable';
import { OrgTabsPage } from '../orgs/OrgTabsPage';

/** Month or year, China time; the server reads `2026-11` or `2026`. */
function PeriodPicker({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const unit = value.length === 4 ? 'year' : 'month';
  return (
    <Space>
      <Radio.Group
        size="small"
        value={unit}
        onChange={(e) => onChange(e.target.value === 'year' ? value.slice(0, 4) : `${value.slice(0, 4)}-${dayjs().format('MM')}`)}
        options={[
          { value: 'month', label: t('points.month') },
          { value: 'year', label: t('points.year') },
        ]}
      />
      <DatePicker
        picker={unit}
        allowClear={false}
        value={dayjs(unit === 'year' ? `${value}-01-01` : `${value}-01`)}
        onChange={(d: Dayjs | null) => d && onChange(d.format(unit === 'year' ? 'YYYY' : 'YYYY-MM'))}
      />
    </Space>
  );
}

const thisMonth = () => dayjs().format('YYYY-MM');

/** One leaderboard for a period, paged: the picker, a note on how to read it, and the table. */
function BoardTab<T extends object>(props: {
  queryKey: string;
  fetch: (q: { period: string; page: number; pageSize: number }) => Promise<{ items: T[]; total: number }>;
  note: string;
  empty: string;
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
}) {
  const [period, setPeriod] = useState(thisMonth());
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({ queryKey: [props.queryKey, period, page], queryFn: () => props.fetch({ period, ...page }) });
  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <PeriodPicker value={period} onChange={setPeriod} />
        <Typography.Text type="secondary">{props.note}</Typography.Text>
      </Flex>
      <PagedTable<T>
        rowKey={props.rowKey}
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items}
        locale={{ emptyText: <Empty description={props.empty} /> }}
        page={page.page}
        pageSize={page.pageSize}
        total={q.data?.total}
        onPage={setPage}
        columns={props.columns}
      />
    </>
  );
}

/** Members of the subtree: points beside study hours and exams passed (points are never the only measure). */
function MembersTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  return (
    <BoardTab<MemberBoardRowDto>
      key={orgId}
      queryKey={`points-members-${orgId}`}
      fetch={(q) => pointsApi.members({ orgId, ...q })}
      note={t('points.boardNote')}
      empty={t('points.emptyMembers')}
      rowKey="memberId"
      columns={[
        { title: t('points.rank'), dataIndex: 'rank', width: 70 },
        { title: t('points.name'), dataIndex: 'name' },
        { title: t('points.org'), dataIndex: 'orgName' },
        { title: t('points.points'), dataIndex: 'points', width: 90 },
        { title: t('points.studyHours'), dataIndex: 'studyHours', width: 120 },
        { title: t('points.examsPassed'), dataIndex: 'examsPassed', width: 110 },
        { title: t('points.activities'), dataIndex: 'activities', width: 110 },
      ]}
    />
  );
}

/** Branches: per-capita points and participation first, then the raw sum. */
function BranchesTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  return (
    <BoardTab<BranchBoardRowDto>
      key={orgId}
      queryKey={`points-branches-${orgId}`}
      fetch={(q) => pointsApi.branches({ orgId, ...q })}
      note={t('points.branchNote')}
      empty={t('points.emptyBranches')}
      rowKey="orgId"
      columns={[
        { title: t('points.rank'), dataIndex: 'rank', width: 70 },
        { title: t('points.branch'), dataIndex: 'name' },
        { title: t('points.perCapita'), dataIndex: 'perCapita', width: 100 },
        { title: t('points.participation'), render: (_, r) => `${r.participationPct}%（${r.participants}/${r.members}）`, width: 150 },
        { title: t('points.totalPoints'), dataIndex: 'points', width: 90 },
        { title: t('points.studyHours'), dataIndex: 'studyHours', width: 120 },
        { title: t('points.examsPassed'), dataIndex: 'examsPassed', width: 110 },
      ]}
    />
  );
}

const CAP_KEYS = ['study', 'exam', 'competition', 'challenge', 'mentor_meeting', 'total'] as const;

/** The rules in force and the daily caps; only the group level may change the caps (the server answers 403 otherwise). */
function SettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<CapsUpdateInput>();
  const q = useQuery({ queryKey: ['points-settings'], queryFn: pointsApi.settings });
  const save = useMutation({
    mutationFn: (v: CapsUpdateInput) => pointsApi.saveCaps(v),
    onSuccess: (s) => {
      qc.setQueryData(['points-settings'], s);
      message.success(t('points.saved'));
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  if (q.isLoading || !q.data) return null;
  const s = q.data;
  const label = (k: (typeof CAP_KEYS)[number]) => (k === 'total' ? t('points.capTotal') : POINT_ACTIVITIES[k]);
  return (
    <>
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('points.ruleset')}>{s.rulesetVersion}</Descriptions.Item>
        <Descriptions.Item label={t('points.source')}>{s.source}</Descriptions.Item>
        <Descriptions.Item label={t('points.rules')}>
          {t('points.rulesText', {
            m: s.studyMinutesPerPoint,
            e: s.points.exam,
            b: s.examPassBonus,
            c: s.points.competition,
            ch: s.points.challenge,
            mm: s.points.mentor_meeting,
          })}
        </Descriptions.Item>
      </Descriptions>
      <Alert type="info" style={{ marginBottom: 12 }} title={t('points.capsNote')} />
      <Form form={form} layout="inline" initialValues={s.caps} onFinish={(v) => save.mutate(v)}>
        {CAP_KEYS.map((k) => (
          <Form.Item key={k} name={k} label={label(k)} extra={t('points.default', { n: s.defaults[k] })}>
            <InputNumber min={0} max={1000} precision={0} data-testid={`points-cap-${k}`} />
          </Form.Item>
        ))}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="points-caps-save">
            {t('points.saveCaps')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

/** Console pages of the points module (/admin/points/*). */
export function PointsRoutes() {
  const { t } = useTranslation();
  return (
    <OrgTabsPage
      title={t('points.title')}
      orgLabel={t('points.org')}
      pickOrg={t('points.pickOrg')}
      testId="points"
      tabs={[
        { key: 'members', label: t('points.byMember'), render: (orgId) => <MembersTab orgId={orgId} /> },
        { key: 'branches', label: t('points.byBranch'), render: (orgId) => <BranchesTab orgId={orgId} /> },
        { key: 'settings', label: t('points.settings'), render: () => <SettingsTab /> },
      ]}
    />
  );
}
