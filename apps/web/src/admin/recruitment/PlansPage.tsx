import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Card, Empty, Flex, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type PlanRow, RECRUITMENT_KEY, recruitmentApi } from '../../api/recruitment';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { hasPermission, useMe } from '../../lib/session';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { RecruitmentNav, useOrgParam } from './shared';

const KEYS = ['activists', 'targets', 'admissions', 'conversions'] as const;
type PlanValues = { orgId?: number; activists?: number; targets?: number; admissions?: number; conversions?: number; note?: string };

/** 年度发展计划: planned counts per branch against what was done in the year. */
export function PlansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [orgId, setOrgId] = useOrgParam();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<PlanValues | null>(null);
  const [form] = Form.useForm<PlanValues>();
  const list = useQuery({
    queryKey: [...RECRUITMENT_KEY, 'plans', orgId, year],
    queryFn: () => recruitmentApi.plans(orgId as number, year),
    enabled: Boolean(orgId),
  });
  const save = useMutation({
    mutationFn: (v: PlanValues) =>
      recruitmentApi.savePlan({
        orgId: v.orgId as number,
        year,
        activists: v.activists ?? 0,
        targets: v.targets ?? 0,
        admissions: v.admissions ?? 0,
        conversions: v.conversions ?? 0,
        note: v.note?.trim() || null,
      }),
    onSuccess: async () => {
      message.success(t('recruitment.plan.saved'));
      await qc.invalidateQueries({ queryKey: [...RECRUITMENT_KEY, 'plans'] });
      setEditing(null);
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });
  const canWrite = hasPermission(me, 'members:write');
  const openEdit = (v: PlanValues) => {
    form.setFieldsValue(v);
    save.reset();
    setEditing(v);
  };
  const cell = (r: PlanRow, k: (typeof KEYS)[number]) => {
    const planned = r.planned?.[k];
    const actual = r.actual[k];
    const behind = planned !== undefined && actual < planned;
    return (
      <span style={{ color: behind ? '#d46b08' : undefined }}>
        {actual} / {planned ?? t('recruitment.plan.none')}
      </span>
    );
  };
  return (
    <Card
      title={t('recruitment.plans')}
      extra={
        <Flex gap={8} wrap>
          <RecruitmentNav />
          {canWrite && (
            <Button type="primary" onClick={() => openEdit({ orgId })} data-testid="plan-create">
              {t('recruitment.plan.edit')}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 260 }}>
          <OrgTreeSelect value={orgId} onChange={setOrgId} testId="plans-org" />
        </div>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({ value: y, label: `${y}` }))}
          data-testid="plans-year"
        />
      </Flex>
      <Table<PlanRow>
        rowKey="orgId"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'org', title: t('recruitment.col.branch'), dataIndex: 'orgName' },
          ...KEYS.map((k) => ({
            key: k,
            title: `${t(`recruitment.plan.${k}`)}（${t('recruitment.plan.actual')}/${t('recruitment.plan.planned')}）`,
            render: (_: unknown, r: PlanRow) => cell(r, k),
          })),
          { key: 'note', title: t('recruitment.plan.note'), dataIndex: 'note' },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, r: PlanRow) => (
                    <Button size="small" onClick={() => openEdit({ orgId: r.orgId, ...(r.planned ?? {}), note: r.note ?? undefined })}>
                      {t('recruitment.plan.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
        locale={{
          emptyText: list.isError ? <Empty description={errorText(list.error, t)} /> : <Empty description={t('recruitment.plan.empty')} />,
        }}
        pagination={false}
        data-testid="plans-table"
      />
      <Modal
        open={Boolean(editing)}
        title={`${year} ${t('recruitment.plan.edit')}`}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'plan-save' } as ButtonProps}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        {save.error && !(isApiError(save.error) && save.error.fieldIssues.length) && (
          <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />
        )}
        <Form<PlanValues> form={form} layout="vertical" onFinish={(v) => save.mutate({ ...form.getFieldsValue(true), ...v })}>
          <Form.Item
            name="orgId"
            label={t('recruitment.createForm.org')}
            rules={[{ required: true, message: t('recruitment.createForm.org') }]}
          >
            <OrgTreeSelect />
          </Form.Item>
          <Flex gap={12} wrap>
            {KEYS.map((k) => (
              <Form.Item
                key={k}
                name={k}
                label={t(`recruitment.plan.${k}`)}
                rules={[{ required: true, message: t(`recruitment.plan.${k}`) }]}
              >
                <InputNumber min={0} max={1000} data-testid={`plan-${k}`} />
              </Form.Item>
            ))}
          </Flex>
          <Form.Item name="note" label={t('recruitment.plan.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
