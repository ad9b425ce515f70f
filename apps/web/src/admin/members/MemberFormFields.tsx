import { EDUCATIONS, MEMBER_LABELS } from '@vanguard/shared';
import { Col, DatePicker, Divider, Form, type FormInstance, Input, Radio, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LENGTH, PHONE } from '../../lib/member-rules';
import { CATEGORY_CODES, categoryText, educationText, labelText, STATUS_CODES, sexText, statusText } from '../../lib/member-text';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { factsRule, idNumberRule, type MemberFormValues, type SensitiveField } from './member-form';

type Field = keyof MemberFormValues;

interface Props {
  form: FormInstance<MemberFormValues>;
  mode: 'create' | 'edit';
  /** Edit without the unmasked record: these sensitive fields hold a value, start blank, and blank keeps it. */
  maskedOnFile: ReadonlySet<SensitiveField | 'birthDate'>;
  /** Edit: the category and status the record had (a change asks for a reason). */
  initial?: MemberFormValues;
}

const testId = (f: Field) => `member-form-${f}`;

/** All fields of MemberCreateSchema in three groups, with the server's rules mirrored. */
export function MemberFormFields({ form, mode, maskedOnFile, initial }: Props) {
  const { t } = useTranslation();
  const category = Form.useWatch('category', form);
  const status = Form.useWatch('status', form);
  const label = (f: Exclude<Field, 'reason'>) => t(`members.fields.${f}`);
  const required = (f: Exclude<Field, 'reason'>): Rule => ({
    required: true,
    whitespace: true,
    message: t('memberForm.required', { field: label(f) }),
  });
  const pick = (f: Exclude<Field, 'reason'>): Rule => ({ required: true, message: t('memberForm.pick', { field: label(f) }) });
  const max = (f: keyof typeof MAX_LENGTH): Rule => ({
    max: MAX_LENGTH[f],
    message: t('memberForm.tooLong', { field: f === 'reason' ? t('memberForm.reason') : label(f), max: MAX_LENGTH[f] }),
  });
  const keepHint = (f: SensitiveField) => (maskedOnFile.has(f) ? t('memberForm.sensitiveKeep') : undefined);
  const changed = mode === 'edit' && initial && (category !== initial.category || status !== initial.status);

  const item = (
    f: Exclude<Field, 'reason'>,
    control: ReactNode,
    rules: Rule[] = [],
    extra?: { span?: number; dependencies?: Field[]; help?: string; required?: boolean },
  ) => (
    <Col xs={24} md={extra?.span ?? 12} lg={extra?.span ?? 8}>
      <Form.Item name={f} label={label(f)} rules={rules} dependencies={extra?.dependencies} extra={extra?.help} required={extra?.required}>
        {control}
      </Form.Item>
    </Col>
  );
  const date = (f: Field) => <DatePicker style={{ width: '100%' }} data-testid={testId(f)} />;
  const textInput = (f: Field, maxLength?: number, placeholder?: string) => (
    <Input maxLength={maxLength} placeholder={placeholder} autoComplete="off" data-testid={testId(f)} />
  );

  return (
    <>
      <Divider titlePlacement="start" plain>
        {t('members.detail.basic')}
      </Divider>
      <Row gutter={16}>
        {item('name', textInput('name', MAX_LENGTH.name), [required('name'), max('name')])}
        {item(
          'idNumber',
          textInput('idNumber', 18, keepHint('idNumber')),
          [idNumberRule(t), factsRule(form, 'idNumber')],
          // 身份证号 agrees with the birth date and sex (GB 11643): they are checked together.
        )}
        {item(
          'sex',
          <Radio.Group data-testid={testId('sex')} options={['男', '女'].map((s) => ({ value: s, label: sexText(t, s) }))} />,
          [pick('sex'), factsRule(form, 'sex')],
          { dependencies: ['idNumber'] },
        )}
        {item('birthDate', date('birthDate'), maskedOnFile.has('birthDate') ? [] : [pick('birthDate'), factsRule(form, 'birthDate')], {
          dependencies: ['idNumber'],
          help: maskedOnFile.has('birthDate') ? t('memberForm.sensitiveKeep') : undefined,
        })}
        {item('ethnicity', textInput('ethnicity', MAX_LENGTH.ethnicity), [required('ethnicity'), max('ethnicity')])}
        {item('nativePlace', textInput('nativePlace', MAX_LENGTH.nativePlace), [max('nativePlace')])}
        {item(
          'education',
          <Select
            allowClear
            options={EDUCATIONS.map((e) => ({ value: e, label: educationText(t, e) }))}
            data-testid={testId('education')}
          />,
        )}
        {item('degree', textInput('degree', MAX_LENGTH.degree), [max('degree')])}
        {item('post', textInput('post', MAX_LENGTH.post), [max('post')])}
        {item('jobTitle', textInput('jobTitle', MAX_LENGTH.jobTitle), [max('jobTitle')])}
        {item('joinedWorkOn', date('joinedWorkOn'))}
        {item('health', textInput('health', MAX_LENGTH.health, keepHint('health')), [max('health')])}
        {item(
          'labels',
          <Select
            mode="multiple"
            allowClear
            maxCount={10}
            options={MEMBER_LABELS.map((l) => ({ value: l, label: labelText(t, l) }))}
            data-testid={testId('labels')}
          />,
          [{ type: 'array', max: 10, message: t('memberForm.labelsMax') }],
          { span: 24 },
        )}
      </Row>
      <Divider titlePlacement="start" plain>
        {t('members.detail.party')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Form.Item name="orgId" label={label('orgId')} rules={[pick('orgId')]}>
            {/* A member changes org by a transfer (组织关系转接), not by editing the record. */}
            <OrgTreeSelect testId={testId('orgId')} disabled={mode === 'edit'} />
          </Form.Item>
        </Col>
        {item(
          'category',
          <Radio.Group
            optionType="button"
            data-testid={testId('category')}
            options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryText(t, c) }))}
          />,
          [pick('category')],
        )}
        {item(
          'status',
          <Select options={STATUS_CODES.map((c) => ({ value: c, label: statusText(t, c) }))} data-testid={testId('status')} />,
          [pick('status')],
        )}
        {item('appliedOn', date('appliedOn'), [factsRule(form, 'appliedOn')])}
        {item('admittedOn', date('admittedOn'), [factsRule(form, 'admittedOn')], {
          dependencies: ['appliedOn', 'birthDate', 'category'],
          // The shared facts rule requires it for a probationary member; the star says so in advance.
          required: category === 'probationary',
        })}
        {category !== 'probationary' &&
          item('fullOn', date('fullOn'), [factsRule(form, 'fullOn')], {
            dependencies: ['admittedOn', 'category'],
            help: t('memberForm.fullOnHint'),
            required: true,
          })}
        {changed && (
          <Col span={24}>
            <Form.Item
              name="reason"
              label={t('memberForm.reason')}
              extra={t('memberForm.reasonHint')}
              rules={[{ required: true, whitespace: true, message: t('memberForm.reasonRequired') }, max('reason')]}
            >
              <Input.TextArea rows={2} maxLength={MAX_LENGTH.reason} showCount data-testid={testId('reason')} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Divider titlePlacement="start" plain>
        {t('members.detail.contact')}
      </Divider>
      <Row gutter={16}>
        {item('phone', textInput('phone', 20, keepHint('phone')), [{ pattern: PHONE, message: t('memberForm.phoneFormat') }], { span: 8 })}
        {item('address', textInput('address', MAX_LENGTH.address, keepHint('address')), [max('address')], { span: 16 })}
      </Row>
    </>
  );
}
