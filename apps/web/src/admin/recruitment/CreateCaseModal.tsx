import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EDUCATIONS, SEXES } from '@vanguard/shared';
import { Alert, App, type ButtonProps, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type CaseCreateInput, RECRUITMENT_KEY, recruitmentApi } from '../../api/recruitment';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

interface Values {
  orgId?: number;
  workerId?: number;
  name?: string;
  sex?: string;
  birthDate?: Dayjs;
  idNumber?: string;
  education?: string;
  post?: string;
  appliedOn?: Dayjs;
  note?: string;
}

const day = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : '');

/** 登记入党申请人: a worker of the unit or a new person; records step 1 with the application date. */
export function CreateCaseModal({
  open,
  defaultOrgId,
  onClose,
  onCreated,
}: {
  open: boolean;
  defaultOrgId?: number;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [source, setSource] = useState<'worker' | 'new'>('new');
  const orgId = Form.useWatch('orgId', form) ?? defaultOrgId;
  // The org tree may arrive after the form was mounted: fill an empty org then, never overwrite a choice.
  useEffect(() => {
    if (open && defaultOrgId && !form.getFieldValue('orgId')) form.setFieldValue('orgId', defaultOrgId);
  }, [open, defaultOrgId, form]);
  const workers = useQuery({
    queryKey: [...RECRUITMENT_KEY, 'workers', orgId],
    queryFn: () => recruitmentApi.workers(orgId as number),
    enabled: open && source === 'worker' && Boolean(orgId),
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      recruitmentApi.create({
        orgId: v.orgId as number,
        workerId: source === 'worker' ? (v.workerId ?? null) : null,
        name: (v.name ?? '').trim(),
        sex: (v.sex ?? '') as CaseCreateInput['sex'],
        birthDate: day(v.birthDate),
        idNumber: v.idNumber?.trim() || null,
        education: (v.education ?? null) as CaseCreateInput['education'],
        post: v.post?.trim() || null,
        appliedOn: day(v.appliedOn),
        note: v.note?.trim() || null,
      }),
    onSuccess: async (c) => {
      message.success(t('recruitment.createForm.created', { name: c.name }));
      await qc.invalidateQueries({ queryKey: RECRUITMENT_KEY });
      form.resetFields();
      onClose();
      onCreated(c.id);
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });
  const err = save.error;
  const fieldLevel = isApiError(err) && err.fieldIssues.length > 0;
  return (
    <Modal
      open={open}
      title={t('recruitment.createForm.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'case-save' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      forceRender
      mask={{ closable: false }}
    >
      {err && !fieldLevel && (
        <Alert type="error" showIcon title={<span data-testid="case-form-error">{errorText(err, t)}</span>} style={{ marginBottom: 12 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ orgId: defaultOrgId }}
        onFinish={(v) => save.mutate({ ...form.getFieldsValue(true), ...v })}
        onValuesChange={() => save.error && save.reset()}
        data-testid="case-form"
      >
        <Form.Item
          name="orgId"
          label={t('recruitment.createForm.org')}
          rules={[{ required: true, message: t('recruitment.createForm.org') }]}
        >
          <OrgTreeSelect testId="case-form-org" />
        </Form.Item>
        <Form.Item label={t('recruitment.createForm.source')}>
          <Radio.Group value={source} onChange={(e) => setSource(e.target.value)} data-testid="case-form-source">
            <Radio value="new">{t('recruitment.createForm.newPerson')}</Radio>
            <Radio value="worker">{t('recruitment.createForm.fromWorker')}</Radio>
          </Radio.Group>
        </Form.Item>
        {source === 'worker' && (
          <Form.Item
            name="workerId"
            label={t('recruitment.createForm.worker')}
            rules={[{ required: true, message: t('recruitment.createForm.pickWorker') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={workers.isFetching}
              placeholder={t('recruitment.createForm.pickWorker')}
              options={(workers.data?.items ?? []).map((w) => ({
                value: w.id,
                label: `${w.name}（${w.orgName}${w.team ? ` ${w.team}` : ''}）`,
              }))}
              onChange={(id) => {
                const w = workers.data?.items.find((x) => x.id === id);
                if (w) form.setFieldsValue({ name: w.name, sex: w.sex });
              }}
              data-testid="case-form-worker"
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('recruitment.createForm.name')}
          rules={[{ required: true, whitespace: true, message: t('recruitment.createForm.name') }]}
        >
          <Input maxLength={30} data-testid="case-form-name" />
        </Form.Item>
        <Form.Item
          name="sex"
          label={t('recruitment.createForm.sex')}
          rules={[{ required: true, message: t('recruitment.createForm.sex') }]}
        >
          <Radio.Group options={SEXES.map((s) => ({ value: s, label: s }))} data-testid="case-form-sex" />
        </Form.Item>
        <Form.Item
          name="birthDate"
          label={t('recruitment.createForm.birthDate')}
          rules={[{ required: true, message: t('recruitment.createForm.birthDate') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="case-form-birthDate" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('recruitment.createForm.idNumber')}>
          <Input maxLength={18} autoComplete="off" data-testid="case-form-idNumber" />
        </Form.Item>
        <Form.Item name="education" label={t('recruitment.createForm.education')}>
          <Select allowClear options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
        </Form.Item>
        <Form.Item name="post" label={t('recruitment.createForm.post')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="appliedOn"
          label={t('recruitment.createForm.appliedOn')}
          rules={[{ required: true, message: t('recruitment.createForm.appliedOn') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="case-form-appliedOn" />
        </Form.Item>
        <Form.Item name="note" label={t('recruitment.createForm.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
