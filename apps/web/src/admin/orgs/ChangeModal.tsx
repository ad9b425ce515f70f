import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Form, type FormInstance, Grid, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { ChangeNote, OrgDto } from '../../api/orgs';
import { errorText } from '../../lib/error-text';
import { applyIssues, hasFieldFor } from './form-issues';
import { refreshOrgs } from './org-query';

/** 批准文号 and 说明: what every structure change may carry into the org's history. */
export function NoteFields({ prefix }: { prefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="docNo" label={t('orgDetail.fields.docNo')} rules={[{ max: 80, message: t('orgForm.tooLong', { max: 80 }) }]}>
        <Input maxLength={80} autoComplete="off" placeholder={t('orgForm.docPlaceholder')} data-testid={`${prefix}-doc`} />
      </Form.Item>
      <Form.Item name="reason" label={t('orgChange.reason')} rules={[{ max: 200, message: t('orgForm.tooLong', { max: 200 }) }]}>
        <Input.TextArea maxLength={200} rows={2} placeholder={t('orgChange.reasonPlaceholder')} data-testid={`${prefix}-reason`} />
      </Form.Item>
    </>
  );
}

/** Empty note fields are left out of the request. */
export const note = (v: ChangeNote): ChangeNote => ({ docNo: v.docNo?.trim() || undefined, reason: v.reason?.trim() || undefined });

interface Props<V extends ChangeNote> {
  open: boolean;
  title: string;
  /** Test ids: `${prefix}-submit`, `${prefix}-doc`… */
  prefix: string;
  okText: string;
  danger?: boolean;
  form: FormInstance<V>;
  /** What the change will do, shown above the fields. */
  intro?: ReactNode;
  /** The sentence the confirmation asks (the change is made only after 确认). */
  confirmText: (v: V) => string;
  run: (v: V) => Promise<OrgDto>;
  successText: (org: OrgDto) => string;
  onClose: () => void;
  onDone: (org: OrgDto) => void;
  onValuesChange?: (changed: Partial<V>) => void;
  initialValues?: Partial<V>;
  children: ReactNode;
}

/**
 * A structure change (调整隶属, 升格, 合并) as a form, then a confirmation; the server's field
 * errors land under the fields, other refusals above them; success refreshes the tree.
 */
export function ChangeModal<V extends ChangeNote>(p: Props<V>) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const wide = Grid.useBreakpoint().md ?? true;
  const change = useMutation({
    mutationFn: p.run,
    onSuccess: async (org) => {
      message.success(p.successText(org));
      close();
      // Show the org to look at next first (after a merge the old one is gone), then reload.
      p.onDone(org);
      await refreshOrgs(qc);
    },
    onError: (e) => {
      if (isApiError(e)) applyIssues(p.form, e);
    },
  });
  const close = () => {
    change.reset();
    p.form.resetFields();
    p.onClose();
  };
  const confirm = (v: V) =>
    modal.confirm({
      title: p.confirmText(v),
      okText: p.okText,
      cancelText: t('common.cancel'),
      okButtonProps: { danger: p.danger, 'data-testid': 'confirm-ok' } as ButtonProps,
      onOk: () => change.mutateAsync(v).catch(() => undefined),
    });
  const err = change.error;
  const fieldLevel = hasFieldFor(p.form, err);

  return (
    <Modal
      open={p.open}
      title={p.title}
      width={wide ? 560 : '100%'}
      okText={p.okText}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      okButtonProps={{ danger: p.danger, 'data-testid': `${p.prefix}-submit` } as ButtonProps}
      onOk={() => p.form.submit()}
      onCancel={close}
      mask={{ closable: false }}
      forceRender
    >
      {p.intro}
      {err && !fieldLevel && (
        <Alert
          type="error"
          showIcon
          title={<span data-testid={`${p.prefix}-error`}>{errorText(err, t)}</span>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<V>
        form={p.form}
        layout="vertical"
        initialValues={p.initialValues}
        onFinish={(v) => confirm({ ...p.form.getFieldsValue(true), ...v })}
        onValuesChange={(changed: Partial<V>) => {
          if (change.error) change.reset();
          p.onValuesChange?.(changed);
        }}
        data-testid={`${p.prefix}-form`}
      >
        {p.children}
        <NoteFields prefix={p.prefix} />
      </Form>
    </Modal>
  );
}
