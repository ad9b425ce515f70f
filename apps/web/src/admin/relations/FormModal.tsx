import { useMutation } from '@tanstack/react-query';
import { Alert, type ButtonProps, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';

interface Props<V, R> {
  open: boolean;
  title: ReactNode;
  okText: string;
  testId: string;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  submit: (values: V) => Promise<R>;
  onDone: (result: R) => void;
  onClose: () => void;
  danger?: boolean;
  width?: number;
  children: ReactNode;
}

/**
 * A modal form of the relations pages: server field errors go under their fields, any other error
 * shows as a banner naming the problem (the server's Chinese message); nothing closes on failure.
 */
export function FormModal<V extends object, R>(p: Props<V, R>) {
  const { t } = useTranslation();
  const save = useMutation({
    mutationFn: p.submit,
    onSuccess: (r) => {
      p.onDone(r);
      close();
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(p.form, e);
    },
  });
  // Each opening starts from the given values (the form instance outlives the modal).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on opening
  useEffect(() => {
    if (p.open) {
      p.form.resetFields();
      if (p.initialValues) p.form.setFieldsValue(p.initialValues as never);
    }
  }, [p.open]);
  const close = () => {
    save.reset();
    p.form.resetFields();
    p.onClose();
  };
  const err = save.error;
  const known = new Set(p.form.getFieldsError().map((f) => String(f.name[0])));
  const fieldLevel = isApiError(err) && err.fieldIssues.some((i) => known.has(i.path.split('.')[0]));
  return (
    <Modal
      open={p.open}
      title={p.title}
      width={p.width ?? 560}
      okText={p.okText}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ danger: p.danger, 'data-testid': `${p.testId}-submit` } as ButtonProps}
      onOk={() => p.form.submit()}
      onCancel={close}
      mask={{ closable: false }}
      forceRender
    >
      {err && !fieldLevel && (
        <Alert
          type="error"
          showIcon
          title={<span data-testid={`${p.testId}-error`}>{errorText(err, t)}</span>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<V>
        form={p.form}
        layout="vertical"
        onFinish={(v) => save.mutate({ ...p.form.getFieldsValue(true), ...v })}
        onValuesChange={() => {
          if (save.error) save.reset();
        }}
        data-testid={`${p.testId}-form`}
      >
        {p.children}
      </Form>
    </Modal>
  );
}
