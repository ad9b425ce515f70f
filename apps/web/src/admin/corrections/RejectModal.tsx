import { Alert, type ButtonProps, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { CorrectionReviewDto } from '../../api/member-types';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';

/** 驳回 asks why: the note goes to the member with the notice (the server refuses a rejection without one). */
export function RejectModal({
  request,
  busy,
  error,
  onReject,
  onClose,
}: {
  request: CorrectionReviewDto | null;
  busy: boolean;
  error: unknown;
  onReject: (note: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  useEffect(() => {
    if (isApiError(error)) applyFieldErrors(form, error);
  }, [error, form]);
  const fieldLevel = isApiError(error) && error.fieldIssues.some((i) => i.path === 'note');
  return (
    <Modal
      open={request !== null}
      title={request ? t('corrections.rejectTitle', { name: request.memberName }) : ''}
      okText={t('corrections.reject')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'correction-reject-submit' } as ButtonProps}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      forceRender
    >
      {error !== null && error !== undefined && !fieldLevel && (
        <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onReject(v.note.trim())}>
        <Form.Item
          name="note"
          label={t('corrections.rejectNote')}
          rules={[
            { required: true, whitespace: true, message: t('corrections.rejectNoteRequired') },
            { max: 300, message: t('memberForm.tooLong', { field: t('corrections.rejectNote'), max: 300 }) },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={300}
            showCount
            placeholder={t('corrections.rejectPlaceholder')}
            data-testid="correction-reject-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
