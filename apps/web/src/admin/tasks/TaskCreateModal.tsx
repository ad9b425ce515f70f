import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { TASKS_KEY, tasksApi } from '../../api/tasks';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { OrgMultiSelect } from '../notices/OrgMultiSelect';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

interface Values {
  orgId: number;
  title: string;
  requirements: string;
  deadline: Dayjs;
  targetOrgIds: number[];
  form: ('text' | 'files' | 'number')[];
}

/** 下达任务: to orgs below, with requirements, a deadline and the form of the report. */
export function TaskCreateModal({ open, onClose }: { open: boolean; onClose: (id?: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const send = useMutation({
    mutationFn: (v: Values) =>
      tasksApi.create({
        orgId: v.orgId,
        title: v.title,
        requirements: v.requirements,
        deadline: v.deadline.toISOString(),
        targetOrgIds: v.targetOrgIds,
        reportForm: { text: v.form.includes('text'), files: v.form.includes('files'), number: v.form.includes('number') },
      }),
    onSuccess: (b) => {
      void message.success(t('tasks.created'));
      void qc.invalidateQueries({ queryKey: TASKS_KEY });
      onClose(b.id);
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) void message.error(errorText(e, t));
    },
  });
  return (
    <Modal
      open={open}
      title={t('tasks.create')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={send.isPending}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'task-create-ok' } as never}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => send.mutate(v)}
        initialValues={{ form: ['text', 'files'] }}
        preserve={false}
      >
        <Form.Item name="orgId" label={t('tasks.org')} rules={[{ required: true, message: t('tasks.orgRequired') }]}>
          <OrgTreeSelect testId="task-org" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('tasks.taskTitle')}
          rules={[{ required: true, whitespace: true, message: t('tasks.titleRequired') }]}
        >
          <Input maxLength={100} data-testid="task-title" />
        </Form.Item>
        <Form.Item
          name="requirements"
          label={t('tasks.requirements')}
          rules={[{ required: true, whitespace: true, message: t('tasks.requirementsRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={5000} data-testid="task-requirements" />
        </Form.Item>
        <Form.Item name="deadline" label={t('tasks.deadline')} rules={[{ required: true, message: t('tasks.deadlineRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="task-deadline" />
        </Form.Item>
        <Form.Item name="targetOrgIds" label={t('tasks.targets')} rules={[{ required: true, message: t('tasks.targetsRequired') }]}>
          <OrgMultiSelect testId="task-targets" />
        </Form.Item>
        <Form.Item name="form" label={t('tasks.form')}>
          <Checkbox.Group
            options={[
              { value: 'text', label: t('tasks.formText') },
              { value: 'files', label: t('tasks.formFiles') },
              { value: 'number', label: t('tasks.formNumber') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
