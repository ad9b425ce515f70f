import type { OrgCategory, OrgKind } from '@vanguard/shared';
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OrgDto, OrgUpdateInput } from '../../api/orgs';
import { categoryText, kindText, ORG_CATEGORY_CODES } from './org-text';

/** The org form's own shape: the founding date as a Dayjs (DatePicker). */
export interface OrgFormValues {
  name?: string;
  kind?: OrgKind;
  category?: OrgCategory;
  unitName?: string;
  foundedOn?: Dayjs | null;
  docNo?: string;
}

const text = (s: string | undefined): string | null => s?.trim() || null;

/** Form values → the fields both POST /orgs and PATCH /orgs/:id take (empty as null). */
export const toOrgFields = (v: OrgFormValues) => ({
  name: v.name?.trim() ?? '',
  category: v.category as OrgCategory,
  unitName: text(v.unitName),
  foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : null,
  docNo: text(v.docNo),
});

export const fromOrg = (o: OrgDto): OrgFormValues => ({
  name: o.name,
  category: o.category as OrgCategory,
  unitName: o.unitName ?? '',
  foundedOn: o.foundedOn ? dayjs(o.foundedOn) : null,
  docNo: o.docNo ?? '',
});

/** PATCH body: only what changed. */
export function orgChanges(before: OrgDto, v: OrgFormValues): OrgUpdateInput {
  const after = toOrgFields(v);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(after)) {
    if (val !== (before[k as keyof OrgDto] ?? null)) out[k] = val;
  }
  return out as OrgUpdateInput;
}

type FieldKey = 'name' | 'kind' | 'category' | 'unitName' | 'foundedOn' | 'docNo';

interface Props {
  /** Test ids are `${prefix}-name`, `${prefix}-kind`… */
  prefix: string;
  /** Create: the kinds allowed under the parent. Edit: none (the kind changes by 升格). */
  kinds?: OrgKind[];
}

/** 名称, 类型, 类别, 所在单位, 成立日期, 批准文号 — the server's limits mirrored. */
export function OrgFormFields({ prefix, kinds }: Props) {
  const { t } = useTranslation();
  const f = (k: FieldKey) => t(`orgDetail.fields.${k}`);
  return (
    <Row gutter={16}>
      <Col xs={24} md={kinds ? 24 : 12}>
        <Form.Item
          name="name"
          label={f('name')}
          rules={[
            { required: true, whitespace: true, message: t('orgForm.nameRequired') },
            { min: 2, max: 80, message: t('orgForm.nameLength') },
          ]}
          extra={kinds ? t('orgForm.nameHint') : undefined}
        >
          <Input maxLength={80} autoComplete="off" data-testid={`${prefix}-name`} />
        </Form.Item>
      </Col>
      {kinds && (
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={f('kind')} rules={[{ required: true, message: t('orgForm.kindRequired') }]}>
            <Select<OrgKind> options={kinds.map((k) => ({ value: k, label: kindText(t, k) }))} data-testid={`${prefix}-kind`} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Form.Item name="category" label={f('category')} rules={[{ required: true, message: t('orgForm.categoryRequired') }]}>
          <Select<OrgCategory>
            options={ORG_CATEGORY_CODES.map((c) => ({ value: c, label: categoryText(t, c) }))}
            data-testid={`${prefix}-category`}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="unitName" label={f('unitName')} rules={[{ max: 80, message: t('orgForm.tooLong', { max: 80 }) }]}>
          <Input maxLength={80} autoComplete="off" placeholder={t('orgForm.unitPlaceholder')} data-testid={`${prefix}-unit`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="foundedOn" label={f('foundedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid={`${prefix}-founded`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="docNo" label={f('docNo')} rules={[{ max: 80, message: t('orgForm.tooLong', { max: 80 }) }]}>
          <Input maxLength={80} autoComplete="off" placeholder={t('orgForm.docPlaceholder')} data-testid={`${prefix}-doc`} />
        </Form.Item>
      </Col>
    </Row>
  );
}
