import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrgCategory } from '@vanguard/shared';
import { Alert, App, type ButtonProps, Form, Grid, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type OrgDto, orgApi } from '../../api/orgs';
import { errorText } from '../../lib/error-text';
import { applyIssues, hasFieldFor } from './form-issues';
import { OrgFormFields, type OrgFormValues, toOrgFields } from './OrgFormFields';
import { refreshOrgs } from './org-query';
import { childKinds } from './org-text';

interface Props {
  open: boolean;
  parent: OrgDto;
  onClose: () => void;
  onCreated: (org: OrgDto) => void;
}

/** 新建下级组织 under the selected org: only the kinds that may sit under it are offered. */
export function OrgCreateModal({ open, parent, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const wide = Grid.useBreakpoint().md ?? true;
  const [form] = Form.useForm<OrgFormValues>();
  const kinds = childKinds(parent.kind);
  const defaultKind = kinds[0];

  // The likeliest choice first: the next level down, in the parent's category (a 领导机关's sub-orgs vary).
  useEffect(() => {
    if (open)
      form.setFieldsValue({ kind: defaultKind, category: parent.category === 'leading' ? undefined : (parent.category as OrgCategory) });
  }, [open, form, defaultKind, parent.category]);

  const create = useMutation({
    mutationFn: (v: OrgFormValues) => orgApi.create({ parentId: parent.id, kind: v.kind ?? defaultKind, ...toOrgFields(v) }),
    onSuccess: async (org) => {
      message.success(t('orgForm.created', { name: org.name }));
      await refreshOrgs(qc);
      close();
      onCreated(org);
    },
    onError: (e) => {
      if (isApiError(e)) applyIssues(form, e);
    },
  });
  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };
  const err = create.error;
  const fieldLevel = hasFieldFor(form, err);

  return (
    <Modal
      open={open}
      title={t('orgForm.createTitle', { parent: parent.name })}
      width={wide ? 640 : '100%'}
      okText={t('orgForm.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'org-form-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={close}
      mask={{ closable: false }}
      forceRender
    >
      {err && !fieldLevel && (
        <Alert type="error" showIcon title={<span data-testid="org-form-error">{errorText(err, t)}</span>} style={{ marginBottom: 12 }} />
      )}
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        onValuesChange={() => create.error && create.reset()}
        data-testid="org-form"
      >
        <OrgFormFields prefix="org-form" kinds={kinds} />
      </Form>
    </Modal>
  );
}
