import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PROVIDER_KIND_LABELS, PROVIDER_KINDS } from '@vanguard/shared/api/notify';
import { Alert, type ButtonProps, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { notifyApi, type ProviderCreateBody, type ProviderDto } from '../../api/notify';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

type Values = ProviderCreateBody & { secret?: string };

/** 新增 / 修改消息通道. The address is write-only: editing leaves it unchanged unless a new one is typed. */
export function ProviderModal({ open, editing, onClose }: { open: boolean; editing: ProviderDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        kind: editing.kind,
        name: editing.name,
        orgId: editing.orgId,
        enabled: editing.enabled,
        timeoutMs: editing.timeoutMs,
      });
  }, [open, editing, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const secret = v.secret?.trim() || undefined;
      if (!editing) return notifyApi.createProvider({ ...v, secret });
      const { kind: _kind, url, ...rest } = v;
      return notifyApi.updateProvider(editing.id, { ...rest, ...(url ? { url } : {}), ...(secret ? { secret } : {}) });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['notify-providers'] });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });
  const err = save.error;
  const showBanner = err && !(isApiError(err) && err.fieldIssues.length);
  return (
    <Modal
      open={open}
      title={editing ? t('notify.editProvider') : t('notify.addProvider')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      okButtonProps={{ 'data-testid': 'provider-submit' } as ButtonProps}
      forceRender
    >
      {showBanner && <Alert type="error" showIcon title={errorText(err, t)} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ enabled: true, timeoutMs: 5000 }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label={t('notify.kind')} rules={[{ required: true, message: t('notify.kindRequired') }]}>
          <Select
            disabled={Boolean(editing)}
            data-testid="provider-kind"
            options={PROVIDER_KINDS.map((k) => ({ value: k, label: PROVIDER_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('notify.name')} rules={[{ required: true, whitespace: true, message: t('notify.nameRequired') }]}>
          <Input maxLength={40} placeholder={t('notify.namePlaceholder')} data-testid="provider-name" />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('notify.org')}
          extra={t('notify.orgHint')}
          rules={[{ required: true, message: t('notify.orgRequired') }]}
        >
          <OrgTreeSelect testId="provider-org" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('notify.url')}
          extra={editing ? t('notify.urlKeep', { host: editing.urlHost }) : t('notify.urlHint')}
          rules={editing ? [] : [{ required: true, whitespace: true, message: t('notify.urlRequired') }]}
        >
          <Input.Password
            visibilityToggle
            autoComplete="off"
            placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
            data-testid="provider-url"
          />
        </Form.Item>
        <Form.Item name="secret" label={t('notify.secret')} extra={t('notify.secretHint')}>
          <Input.Password autoComplete="off" data-testid="provider-secret" />
        </Form.Item>
        <Form.Item name="timeoutMs" label={t('notify.timeoutMs')}>
          <InputNumber min={1000} max={30000} step={1000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="enabled" label={t('notify.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
