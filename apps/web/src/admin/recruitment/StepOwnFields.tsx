import type { StepDef } from '@vanguard/shared';
import { Flex, Form, Input, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';

export const rq = (message: string) => [{ required: true, message }];

/** A required text field of the step's own form (`form.<name>`), a textarea when it has rows. */
export function TextField({ name, label, rows = 0, testId }: { name: string; label: string; rows?: number; testId?: string }) {
  return (
    <Form.Item name={['form', name]} label={label} rules={rq(label)}>
      {rows ? (
        <Input.TextArea rows={rows} maxLength={2000} data-testid={testId ?? `step-form-${name}`} />
      ) : (
        <Input maxLength={50} data-testid={testId ?? `step-form-${name}`} />
      )}
    </Form.Item>
  );
}

/** The step's own form (StepDef.form): a talk, a recommendation, a review, the political check, training, … */
export function StepOwnFields({ def }: { def: StepDef }) {
  const { t } = useTranslation();
  const text = (name: string, label: string, rows = 0, testId?: string) => (
    <TextField name={name} label={label} rows={rows} testId={testId} />
  );
  return (
    <>
      {def.form === 'talk' && (
        <>
          {text('talker', t('recruitment.form.talker'))}
          {text('content', t('recruitment.form.content'), 3)}
        </>
      )}
      {def.form === 'activist' && (
        <>
          {text('recommendedBy', t('recruitment.form.recommendedBy'))}
          <Form.Item name={['form', 'opinion']} label={t('recruitment.form.opinion')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
      {def.form === 'review' && text('opinion', t('recruitment.form.opinion'), 3)}
      {def.form === 'political' && (
        <>
          <Form.Item name={['form', 'conclusion']} label={t('recruitment.form.conclusion')} rules={rq(t('recruitment.form.conclusion'))}>
            <Radio.Group data-testid="step-form-conclusion">
              <Radio value="pass">{t('recruitment.form.conclusionPass')}</Radio>
              <Radio value="fail">{t('recruitment.form.conclusionFail')}</Radio>
            </Radio.Group>
          </Form.Item>
          {text('summary', t('recruitment.form.summary'), 3)}
        </>
      )}
      {def.form === 'training' && (
        <Flex gap={12} wrap>
          {text('organizer', t('recruitment.form.organizer'))}
          <Form.Item name={['form', 'days']} label={t('recruitment.form.days')} rules={rq(t('recruitment.form.days'))}>
            <InputNumber min={0} max={60} step={0.5} data-testid="step-form-days" />
          </Form.Item>
          <Form.Item name={['form', 'hours']} label={t('recruitment.form.hours')} rules={rq(t('recruitment.form.hours'))}>
            <InputNumber min={0} max={500} data-testid="step-form-hours" />
          </Form.Item>
        </Flex>
      )}
      {def.form === 'prereview' && (
        <>
          {text('opinion', t('recruitment.form.opinion'), 2)}
          <Form.Item name={['form', 'leavingSoon']} label={t('recruitment.form.leavingSoon')} rules={rq(t('recruitment.form.leavingSoon'))}>
            <Radio.Group data-testid="step-form-leavingSoon">
              <Radio value={false}>{t('common.no')}</Radio>
              <Radio value={true}>{t('common.yes')}</Radio>
            </Radio.Group>
          </Form.Item>
        </>
      )}
      {def.form === 'volunteer' && (
        <>
          <Form.Item name={['form', 'volunteerNo']} label={t('recruitment.form.volunteerNo')}>
            <Input maxLength={30} />
          </Form.Item>
          {text('summary', t('recruitment.form.volunteerSummary'), 2)}
        </>
      )}
      {def.form === 'approval' && (
        <>
          <Flex gap={12} wrap>
            {text('approver', t('recruitment.form.approver'))}
            <Form.Item name={['form', 'docNo']} label={t('recruitment.form.docNo')}>
              <Input maxLength={50} />
            </Form.Item>
          </Flex>
          {text('opinion', t('recruitment.form.opinion'), 2)}
        </>
      )}
      {def.form === 'archive' && text('items', t('recruitment.form.archiveItems'), 2)}
    </>
  );
}
