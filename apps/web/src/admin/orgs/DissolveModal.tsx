import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Form, Grid, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, isApiError } from '../../api/client';
import { type ChangeNote, orgApi } from '../../api/orgs';
import { errorText } from '../../lib/error-text';
import { NoteFields, note } from './ChangeModal';
import { applyIssues, hasFieldFor } from './form-issues';
import { OrgPicker } from './OrgPicker';
import { locate, refreshOrgs } from './org-query';
import { type StructureProps, subtreeIds } from './StructureModals';

type Values = ChangeNote & { transferMembersTo?: number };

/** What a 409 says blocks the dissolution: sub-orgs must go first; members and workers can be transferred. */
function blockers(err: ApiError | null) {
  if (err?.code !== 'CONFLICT') return null;
  const children = err.detail('children');
  return {
    children: Array.isArray(children) ? children.length : 0,
    people: Number(err.detail('members') ?? 0) + Number(err.detail('workers') ?? 0),
  };
}

/**
 * 撤销: asks first. When the server refuses (409: members or sub-orgs remain) its message is shown
 * and, if only people remain, a receiving org can be picked to transfer them before dissolving.
 */
export function DissolveModal({ open, org, tree, onClose, onDone }: StructureProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const wide = Grid.useBreakpoint().md ?? true;
  const [form] = Form.useForm<Values>();
  const [blocked, setBlocked] = useState<ApiError | null>(null);
  const place = locate(tree, org.id);
  const parent = place?.trail.at(-1);
  const own = subtreeIds(tree, org.id);

  const dissolve = useMutation({
    mutationFn: (v: Values) => orgApi.dissolve(org.id, { transferMembersTo: v.transferMembersTo, ...note(v) }),
    onSuccess: async () => {
      message.success(t('orgChange.dissolved', { name: org.name }));
      close();
      // The parent is shown next (the dissolved org is gone from the tree), then everything reloads.
      onDone(parent?.id ?? org.id);
      await refreshOrgs(qc);
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'CONFLICT') setBlocked(e);
      else if (isApiError(e)) applyIssues(form, e);
    },
  });
  const close = () => {
    dissolve.reset();
    setBlocked(null);
    form.resetFields();
    onClose();
  };
  const b = blockers(blocked);
  const canTransfer = b !== null && b.children === 0 && b.people > 0;
  const err = dissolve.error;
  const otherError = err && !(isApiError(err) && err.code === 'CONFLICT') && !hasFieldFor(form, err);
  const nameOf = (id?: number) => (id ? (locate(tree, id)?.node.name ?? '') : '');

  const confirm = (v: Values) =>
    modal.confirm({
      title: v.transferMembersTo
        ? t('orgChange.dissolveTransferConfirm', { name: org.name, to: nameOf(v.transferMembersTo) })
        : t('orgChange.dissolveConfirm', { name: org.name }),
      content: t('orgChange.dissolveConsequence'),
      okText: t('orgChange.dissolve'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as ButtonProps,
      onOk: () => dissolve.mutateAsync(v).catch(() => undefined),
    });

  return (
    <Modal
      open={open}
      title={t('orgChange.dissolveTitle', { name: org.name })}
      width={wide ? 560 : '100%'}
      okText={canTransfer ? t('orgChange.transferAndDissolve') : t('orgChange.dissolve')}
      cancelText={t('common.cancel')}
      confirmLoading={dissolve.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'org-dissolve-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={close}
      mask={{ closable: false }}
      forceRender
    >
      <Alert type="warning" showIcon title={t('orgChange.dissolveIntro')} style={{ marginBottom: 12 }} />
      {blocked && (
        <Alert
          type="error"
          showIcon
          title={<span data-testid="org-dissolve-blocked">{errorText(blocked, t)}</span>}
          description={canTransfer ? t('orgChange.transferHint') : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      {otherError && <Alert type="error" showIcon title={errorText(err, t)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => confirm({ ...form.getFieldsValue(true), ...v })}
        data-testid="org-dissolve-form"
      >
        {canTransfer && (
          <Form.Item
            name="transferMembersTo"
            label={t('orgChange.transferTo')}
            rules={[{ required: true, message: t('orgChange.transferToRequired') }]}
          >
            <OrgPicker
              tree={tree}
              isDisabled={(n) => own.has(n.id) || (n.kind === 'group' && org.kind !== 'group')}
              testId="org-dissolve-transfer"
            />
          </Form.Item>
        )}
        <NoteFields prefix="org-dissolve" />
      </Form>
    </Modal>
  );
}
