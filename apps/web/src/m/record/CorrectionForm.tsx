import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EDUCATIONS } from '@vanguard/shared';
import { Button, Form, Selector, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { correctionsApi } from '../../api/endpoints';
import { CORRECTABLE_FIELDS, type CorrectableField, type MemberDto } from '../../api/member-types';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { ISO_DAY, MAX_LENGTH, PHONE } from '../../lib/member-rules';
import { educationText, fieldLabel, fieldValueText } from '../../lib/member-text';
import { FormError } from '../auth/FormError';
import { MInput } from '../auth/MInput';
import { PORTAL_RED } from '../theme';
import { MY_RECORD_KEY } from './record-query';

/** Chosen chips in the portal's red rather than antd-mobile's default blue tint. */
const SELECTOR_STYLE = {
  '--padding': '8px 4px',
  '--checked-color': '#fdecee',
  '--checked-text-color': PORTAL_RED,
} as React.CSSProperties;

interface Values {
  fields: CorrectableField[];
  /** Named like the API body, so the server's `changes.phone` errors land under the right input. */
  changes: Partial<Record<CorrectableField, string>>;
  reason: string;
}

/** 申请更正: pick the fields that are wrong, give each its right value and say why. */
export function CorrectionForm({ record, onDone }: { record: MemberDto; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const picked = (Form.useWatch('fields', form) ?? []) as CorrectableField[];
  const send = useMutation({
    mutationFn: (v: Values) => {
      const changes = Object.fromEntries(
        picked.map((f) => {
          return [f, String(v.changes?.[f] ?? '').trim()];
        }),
      );
      return correctionsApi.request(changes, v.reason.trim());
    },
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('record.submitted') });
      await qc.invalidateQueries({ queryKey: MY_RECORD_KEY });
      form.resetFields();
      onDone();
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });
  const err = send.error;
  const fieldLevel = isApiError(err) && err.fieldIssues.some((i) => i.path !== 'changes');

  const valueRules = (f: CorrectableField) => {
    const name = fieldLabel(t, f);
    const rules: object[] = [{ required: true, whitespace: true, message: t('record.valueRequired', { field: name }) }];
    if (f in MAX_LENGTH) {
      const max = MAX_LENGTH[f as keyof typeof MAX_LENGTH];
      rules.push({ max, message: t('memberForm.tooLong', { field: name, max }) });
    }
    if (f === 'phone') rules.push({ pattern: PHONE, message: t('memberForm.phoneFormat') });
    if (f === 'joinedWorkOn') rules.push({ pattern: ISO_DAY, message: t('record.pickDate') });
    return rules;
  };

  const control = (f: CorrectableField) => {
    if (f === 'education') {
      return <OneOf testId={`record-value-${f}`} options={EDUCATIONS.map((e) => ({ value: e, label: educationText(t, e) }))} />;
    }
    if (f === 'joinedWorkOn') return <MInput type="date" testId={`record-value-${f}`} />;
    return (
      <MInput
        testId={`record-value-${f}`}
        placeholder={t('record.valuePlaceholder', { field: fieldLabel(t, f) })}
        inputMode={f === 'phone' ? 'tel' : undefined}
        autoComplete="off"
      />
    );
  };

  return (
    <div data-testid="record-form">
      {err && !fieldLevel && <FormError testId="record-error">{errorText(err, t)}</FormError>}
      <Form
        form={form}
        layout="vertical"
        requiredMarkStyle="none"
        initialValues={{ fields: [], changes: {}, reason: '' }}
        onFinish={(v: Values) => send.mutate(v)}
        onValuesChange={() => err && send.reset()}
        footer={
          <>
            <Button block type="submit" color="primary" size="large" loading={send.isPending} data-testid="record-submit">
              {t('record.submit')}
            </Button>
            <Button block fill="none" onClick={onDone} style={{ marginTop: 8 }}>
              {t('record.cancel')}
            </Button>
          </>
        }
      >
        <Form.Item
          name="fields"
          label={t('record.field')}
          rules={[{ required: true, type: 'array', min: 1, message: t('record.fieldRequired') }]}
        >
          <Selector
            multiple
            columns={3}
            options={CORRECTABLE_FIELDS.map((f) => ({ value: f, label: fieldLabel(t, f) }))}
            data-testid="record-field"
            style={SELECTOR_STYLE}
          />
        </Form.Item>
        {picked.length > 0 && (
          <Form.Header>
            <span data-testid="record-value">{t('record.values')}</span>
          </Form.Header>
        )}
        {CORRECTABLE_FIELDS.filter((f) => picked.includes(f)).map((f) => (
          <Form.Item
            key={f}
            name={['changes', f]}
            label={fieldLabel(t, f)}
            description={t('record.current', { value: fieldValueText(t, f, record[f]) })}
            rules={valueRules(f)}
          >
            {control(f)}
          </Form.Item>
        ))}
        <Form.Item
          name="reason"
          label={t('record.reason')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('record.reasonRequired') },
            { max: 300, message: t('memberForm.tooLong', { field: t('record.reason'), max: 300 }) },
          ]}
        >
          <TextArea rows={3} maxLength={300} showCount placeholder={t('record.reasonPlaceholder')} data-testid="record-reason" />
        </Form.Item>
      </Form>
    </div>
  );
}

/**
 * One choice from chips, held as the chosen string (antd-mobile's Selector answers with an array,
 * which a text rule then refused: 请填写正确的学历 with 中专 chosen, issue 24).
 */
function OneOf({
  value,
  onChange,
  options,
  testId,
}: {
  value?: string;
  onChange?: (v: string) => void;
  options: { value: string; label: string }[];
  testId: string;
}) {
  return (
    <Selector
      columns={3}
      style={SELECTOR_STYLE}
      options={options}
      value={value ? [value] : []}
      onChange={(v) => onChange?.(v[0] ?? '')}
      data-testid={testId}
    />
  );
}
