import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Form, Grid, Modal, Result, Spin } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { membersApi } from '../../api/endpoints';
import type { MemberDto } from '../../api/member-types';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { hasPermission, useMe } from '../../lib/session';
import { MemberFormFields } from './MemberFormFields';
import { changesOf, emptyValues, fromIdNumber, fromMember, type MemberFormValues, maskedOnFile, toInput } from './member-form';
import { MEMBERS_KEY, useMember } from './members-query';

interface Props {
  open: boolean;
  /** Edit this member; absent = create. */
  memberId?: number;
  /** Create: the org picked in advance (the list's org filter, or the user's only branch). */
  defaultOrgId?: number;
  onClose: () => void;
  onSaved: (m: MemberDto) => void;
}

/**
 * 新增党员 / 编辑档案. Editing loads the unmasked record when the user may see it (the view is
 * audited); otherwise the sensitive fields start blank and are only sent when typed in.
 */
export function MemberFormModal({ open, memberId, defaultOrgId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [form] = Form.useForm<MemberFormValues>();
  const wide = Grid.useBreakpoint().md ?? true;
  const editing = memberId !== undefined;
  const mayReveal = hasPermission(me, 'members:read-sensitive');
  const unmasked = useMember(open && mayReveal ? (memberId ?? 0) : 0, true);
  // Reveal may be refused for this member (the permission reaches only part of the tree): fall back to the masked record.
  const masked = useMember(open && (!mayReveal || unmasked.isError) ? (memberId ?? 0) : 0, false);
  const source = mayReveal && !unmasked.isError ? unmasked : masked;
  const record = editing ? source.data : undefined;
  const initial = useMemo(() => (record ? fromMember(record) : emptyValues(defaultOrgId)), [record, defaultOrgId]);

  // Fill the form once per opening (and once the record has come): a later change of the default
  // org (the org tree arriving) only fills an empty org, never what the user has typed.
  const filled = useRef<string | null>(null);
  useEffect(() => {
    if (!open) {
      filled.current = null;
      return;
    }
    const key = editing ? (record ? `${record.id}:${record.revealed}` : null) : 'new';
    if (key && filled.current !== key) {
      form.setFieldsValue(initial);
      filled.current = key;
    } else if (!editing && defaultOrgId && !form.getFieldValue('orgId')) {
      form.setFieldValue('orgId', defaultOrgId);
    }
  }, [open, editing, record, initial, defaultOrgId, form]);

  const save = useMutation({
    mutationFn: async (v: MemberFormValues): Promise<MemberDto | null> => {
      if (memberId === undefined) return membersApi.create(toInput(v));
      const body = changesOf(initial, v, record?.revealed ?? false);
      return Object.keys(body).length ? membersApi.update(memberId, body) : null;
    },
    onSuccess: async (saved, v) => {
      if (!saved) {
        message.info(t('memberForm.nothingChanged'));
        return close();
      }
      message.success(editing ? t('memberForm.saved') : t('memberForm.created', { name: v.name?.trim() }));
      await qc.invalidateQueries({ queryKey: MEMBERS_KEY });
      close();
      onSaved(saved);
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });

  const close = () => {
    save.reset();
    form.resetFields();
    onClose();
  };

  const err = save.error;
  const fieldLevel = isApiError(err) && err.fieldIssues.length > 0;
  const loading = editing && source.isPending;

  return (
    <Modal
      open={open}
      title={editing ? t('memberForm.editTitle', { name: record?.name ?? '' }) : t('memberForm.createTitle')}
      width={wide ? 920 : '100%'}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: loading || source.isError, 'data-testid': 'member-save' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={close}
      mask={{ closable: false }}
      forceRender
    >
      {err && !fieldLevel && (
        <Alert
          type="error"
          showIcon
          title={<span data-testid="member-form-error">{errorText(err, t)}</span>}
          style={{ marginBottom: 12 }}
        />
      )}
      {fieldLevel && <Alert type="error" showIcon title={t('memberForm.fixErrors')} style={{ marginBottom: 12 }} />}
      {editing && source.isError ? (
        <Result status="warning" title={t('errors.loadFailed')} subTitle={errorText(source.error, t)} />
      ) : (
        <Spin spinning={loading}>
          <Form<MemberFormValues>
            form={form}
            layout="vertical"
            requiredMark
            scrollToFirstError
            onFinish={(v) => save.mutate({ ...form.getFieldsValue(true), ...v })}
            onValuesChange={(changed: MemberFormValues, all: MemberFormValues) => {
              if (save.error) save.reset();
              if (typeof changed.idNumber === 'string') {
                const filled = fromIdNumber(changed.idNumber, all);
                if (filled) {
                  form.setFieldsValue(filled);
                  message.info(t('memberForm.idNumberFilled'));
                }
              }
            }}
            data-testid="member-form"
          >
            <MemberFormFields form={form} mode={editing ? 'edit' : 'create'} maskedOnFile={maskedOnFile(record)} initial={initial} />
          </Form>
        </Spin>
      )}
    </Modal>
  );
}
