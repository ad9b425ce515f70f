import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DECISION_STEPS, type DecisionStep, OPINIONS, type Opinion, ROLES } from '@vanguard/shared';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Select, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { decisionsApi, type MatterWire } from '../../api/decisions';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

type Row = { memberId: number; name: string; isSecretary: boolean; opinion?: Opinion; reason?: string };

/** 表决: the present committee members in the order they state their opinion (末位表态 warned). */
function VoteEditor({ rows, onChange }: { rows: Row[]; onChange: (rows: Row[]) => void }) {
  const { t } = useTranslation();
  const move = (i: number, d: -1 | 1) => {
    const next = [...rows];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onChange(next);
  };
  const set = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const secretaryAt = rows.findIndex((r) => r.isSecretary);
  return (
    <>
      {secretaryAt >= 0 && secretaryAt !== rows.length - 1 ? (
        <Alert
          type="warning"
          showIcon
          message={t('decisions.secretaryNotLast')}
          style={{ marginBottom: 8 }}
          data-testid="decisions-secretary-warning"
        />
      ) : null}
      <Table<Row>
        rowKey="memberId"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('decisions.order'), render: (_v, _r, i) => i + 1, width: 60 },
          {
            title: t('decisions.member'),
            dataIndex: 'name',
            render: (v: string, r) => (r.isSecretary ? `${v}（${t('decisions.secretary')}）` : v),
          },
          {
            title: t('decisions.opinion'),
            render: (_v, r, i) => (
              <Select
                aria-label={`${r.name} ${t('decisions.opinion')}`}
                data-testid={`decisions-opinion-${i}`}
                style={{ width: 110 }}
                value={r.opinion}
                onChange={(v) => set(i, { opinion: v })}
                options={Object.entries(OPINIONS).map(([value, label]) => ({ value, label }))}
              />
            ),
          },
          {
            title: t('decisions.reason'),
            render: (_v, r, i) => (
              <Input
                aria-label={`${r.name} ${t('decisions.reason')}`}
                value={r.reason}
                onChange={(e) => set(i, { reason: e.target.value })}
              />
            ),
          },
          {
            title: t('decisions.move'),
            width: 100,
            render: (_v, r, i) => (
              <Flex gap={4}>
                <Button
                  size="small"
                  aria-label={`${r.name} ${t('decisions.up')}`}
                  disabled={i === 0}
                  icon={<ArrowUpOutlined />}
                  onClick={() => move(i, -1)}
                />
                <Button
                  size="small"
                  aria-label={`${r.name} ${t('decisions.down')}`}
                  disabled={i === rows.length - 1}
                  icon={<ArrowDownOutlined />}
                  onClick={() => move(i, 1)}
                />
              </Flex>
            ),
          },
        ]}
      />
    </>
  );
}

/** Records the next step of the procedure; the server refuses one out of order, naming the missing step. */
export function StepForm({ matter, step }: { matter: MatterWire; step: DecisionStep }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const present = matter.committee.filter((c) => c.present);
  const [rows, setRows] = useState<Row[]>(() => {
    const all = present.map((c) => ({ memberId: c.memberId, name: c.name, isSecretary: c.post === 'secretary' }));
    return [...all.filter((r) => !r.isSecretary), ...all.filter((r) => r.isSecretary)];
  });
  const meetings = useQuery({
    queryKey: ['decision-meetings', matter.orgId],
    queryFn: () => lifeApi.meetings({ orgId: matter.orgId, type: 'committee', page: 1, pageSize: 50 }),
    enabled: step === 'discussion',
  });
  const save = useMutation({
    mutationFn: (v: {
      doneOn: Dayjs;
      people: string;
      note?: string;
      meetingId?: number;
      publishOrgId?: number;
      publishRoles?: string[];
      publishBody?: string;
    }) =>
      decisionsApi.record(matter.id, {
        step,
        doneOn: v.doneOn.format('YYYY-MM-DD'),
        people: v.people,
        note: v.note || undefined,
        meetingId: v.meetingId,
        ...(step === 'vote'
          ? { opinions: rows.map((r) => ({ memberId: r.memberId, opinion: r.opinion as Opinion, reason: r.reason || undefined })) }
          : {}),
        ...(step === 'publication'
          ? { publishOrgId: v.publishOrgId, publishRoles: (v.publishRoles ?? []) as never[], publishBody: v.publishBody }
          : {}),
      }),
    onSuccess: (m) => {
      message.success(t('decisions.recorded', { step: DECISION_STEPS[step] }));
      qc.setQueryData(['decision', matter.id], m);
      void qc.invalidateQueries({ queryKey: ['decisions'] });
      form.resetFields();
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ doneOn: dayjs(), publishOrgId: matter.orgId }}>
      <Flex gap={12}>
        <Form.Item name="doneOn" label={t('decisions.doneOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="decisions-step-date" />
        </Form.Item>
        <Form.Item
          name="people"
          label={t('decisions.people')}
          rules={[{ required: true, message: t('decisions.peopleRequired') }]}
          style={{ flex: 1 }}
        >
          <Input data-testid="decisions-step-people" />
        </Form.Item>
      </Flex>
      {step === 'discussion' ? (
        <Form.Item name="meetingId" label={t('decisions.meeting')} rules={[{ required: true, message: t('decisions.meetingRequired') }]}>
          <Select
            data-testid="decisions-meeting"
            loading={meetings.isLoading}
            options={(meetings.data?.items ?? []).map((m) => ({
              value: m.id,
              label: `${m.topic}（${dayjs(m.startsAt).format('YYYY-MM-DD')}）`,
            }))}
          />
        </Form.Item>
      ) : null}
      {step === 'vote' ? <VoteEditor rows={rows} onChange={setRows} /> : null}
      {step === 'publication' ? (
        <>
          <Form.Item name="publishOrgId" label={t('decisions.publishOrg')} rules={[{ required: true }]}>
            <OrgTreeSelect testId="decisions-publish-org" />
          </Form.Item>
          <Form.Item name="publishRoles" label={t('decisions.publishRoles')}>
            <Select mode="multiple" allowClear options={Object.entries(ROLES).map(([value, r]) => ({ value, label: r.zh }))} />
          </Form.Item>
          <Form.Item
            name="publishBody"
            label={t('decisions.publishBody')}
            rules={[{ required: true, message: t('decisions.bodyRequired') }]}
          >
            <Input.TextArea rows={4} data-testid="decisions-publish-body" />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="note" label={t('decisions.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="decisions-record">
        {t('decisions.record', { step: DECISION_STEPS[step] })}
      </Button>
    </Form>
  );
}
