import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROLES } from '@vanguard/shared';
import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Switch, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { NOTICES_KEY, noticesApi } from '../../api/notices';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { OrgMultiSelect } from './OrgMultiSelect';

interface Values {
  orgId: number;
  title: string;
  docNo?: string;
  body: string;
  internal?: boolean;
  requireSign?: boolean;
  signDeadline?: Dayjs;
  orgIds?: number[];
  roles?: string[];
  labels?: string[];
}

const ROLE_OPTIONS = (['branch_secretary', 'branch_committee', 'member', 'worker', 'org_admin'] as const).map((r) => ({
  value: r,
  label: ROLES[r].zh,
}));

/** 发布通知: the text, the audience (orgs, roles, labels), attachments and an optional 签收 deadline. */
export function PublishModal({ open, onClose }: { open: boolean; onClose: (id?: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const qc = useQueryClient();
  const requireSign = Form.useWatch('requireSign', form);
  const send = useMutation({
    mutationFn: (v: Values) =>
      noticesApi.publish({
        orgId: v.orgId,
        title: v.title,
        docNo: v.docNo || null,
        body: v.body,
        internal: Boolean(v.internal),
        requireSign: Boolean(v.requireSign),
        signDeadline: v.requireSign && v.signDeadline ? v.signDeadline.toISOString() : null,
        audience: { orgIds: v.orgIds ?? [], roles: v.roles ?? [], labels: v.labels ?? [], userIds: [] },
        fileIds: files.map((f) => f.id),
      }),
    onSuccess: (n) => {
      void message.success(t('notices.published', { count: n.recipients }));
      void qc.invalidateQueries({ queryKey: NOTICES_KEY });
      form.resetFields();
      setFiles([]);
      onClose(n.id);
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e, { 'audience.orgIds': 'orgIds', audience: 'orgIds' })))
        void message.error(errorText(e, t));
    },
  });
  return (
    <Modal
      open={open}
      title={t('notices.publish')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText={t('notices.publish')}
      confirmLoading={send.isPending}
      width={720}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'notice-publish-ok' } as never}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => send.mutate(v)} preserve={false}>
        <Form.Item name="orgId" label={t('notices.org')} rules={[{ required: true, message: t('notices.orgRequired') }]}>
          <OrgTreeSelect testId="notice-org" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('notices.noticeTitle')}
          rules={[{ required: true, whitespace: true, message: t('notices.titleRequired') }]}
        >
          <Input maxLength={100} data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="docNo" label={t('notices.docNo')}>
          <Input maxLength={40} placeholder={t('notices.docNoPlaceholder')} />
        </Form.Item>
        <Form.Item name="body" label={t('notices.body')} rules={[{ required: true, whitespace: true, message: t('notices.bodyRequired') }]}>
          <Input.TextArea rows={5} maxLength={20000} data-testid="notice-body" />
        </Form.Item>
        <Form.Item name="orgIds" label={t('notices.audienceOrgs')} extra={t('notices.audienceHint')}>
          <OrgMultiSelect testId="notice-audience" />
        </Form.Item>
        <Form.Item name="roles" label={t('notices.audienceRoles')}>
          <Select mode="multiple" options={ROLE_OPTIONS} allowClear />
        </Form.Item>
        <Form.Item name="labels" label={t('notices.audienceLabels')}>
          <Select mode="tags" placeholder={t('notices.audienceLabelsPlaceholder')} open={false} />
        </Form.Item>
        <Form.Item label={t('notices.files')}>
          <Upload
            fileList={files.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const }))}
            onRemove={(f) => setFiles((all) => all.filter((x) => x.id !== f.uid))}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                const up = await noticesApi.upload(file as File);
                setFiles((all) => [...all, { id: up.id, name: up.name }]);
                onSuccess?.(up);
              } catch (e) {
                void message.error(errorText(e, t));
                onError?.(e as Error);
              }
            }}
            showUploadList
          >
            <Button>{t('notices.upload')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="internal" valuePropName="checked">
          <Checkbox>{t('notices.internal')}</Checkbox>
        </Form.Item>
        <Form.Item name="requireSign" label={t('notices.requireSign')} valuePropName="checked">
          <Switch data-testid="notice-require-sign" />
        </Form.Item>
        {requireSign && (
          <Form.Item name="signDeadline" label={t('notices.signDeadline')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="notice-deadline" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
