import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { MEMBER_LABELS, type MemberCategory, type MemberStatus } from '@vanguard/shared';
import { Button, DatePicker, Flex, Form, Grid, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberFilters as Filters, MemberLabel } from '../../api/member-types';
import { CATEGORY_CODES, categoryText, labelText, STATUS_CODES, statusText } from '../../lib/member-text';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

type ListFilters = Omit<Filters, 'sort' | 'order' | 'reveal'>;

interface FormValues {
  q?: string;
  orgId?: number;
  category?: MemberCategory;
  status?: MemberStatus;
  label?: MemberLabel;
  ageMin?: number | null;
  ageMax?: number | null;
  admitted?: [Dayjs | null, Dayjs | null] | null;
}

const toForm = (f: ListFilters): FormValues => ({
  ...f,
  admitted:
    f.admittedFrom || f.admittedTo ? [f.admittedFrom ? dayjs(f.admittedFrom) : null, f.admittedTo ? dayjs(f.admittedTo) : null] : null,
});

function fromForm(v: FormValues): ListFilters {
  const [from, to] = v.admitted ?? [null, null];
  let [ageMin, ageMax] = [v.ageMin ?? undefined, v.ageMax ?? undefined];
  // A range typed the wrong way round means the same range.
  if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax) [ageMin, ageMax] = [ageMax, ageMin];
  return {
    q: v.q?.trim() || undefined,
    orgId: v.orgId ?? undefined,
    category: v.category ?? undefined,
    status: v.status ?? undefined,
    label: v.label ?? undefined,
    ageMin,
    ageMax,
    admittedFrom: from ? from.format('YYYY-MM-DD') : undefined,
    admittedTo: to ? to.format('YYYY-MM-DD') : undefined,
  };
}

/** Applied at once when a choice changes; typed values (search, ages) on Enter or 查询. */
const TYPED: ReadonlySet<string> = new Set(['q', 'ageMin', 'ageMax']);

/** The list's filters: the search box and the org first, the rest behind 更多筛选 (opened when one is in use). */
export function MemberFilters({ value, onSearch }: { value: ListFilters; onSearch: (f: ListFilters) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const inUse = Boolean(value.label || value.ageMin !== undefined || value.ageMax !== undefined || value.admittedFrom || value.admittedTo);
  const [more, setMore] = useState(inUse);
  // The address bar may change without this form (the menu, back and forward): follow it.
  useEffect(() => {
    form.setFieldsValue(toForm(value));
  }, [value, form]);
  const w = (px: number) => (narrow ? '100%' : px);
  const all = t('members.all');

  return (
    <Form<FormValues>
      form={form}
      layout={narrow ? 'vertical' : 'inline'}
      initialValues={toForm(value)}
      onFinish={(v) => onSearch(fromForm(v))}
      onValuesChange={(changed) => {
        if (!Object.keys(changed).some((k) => TYPED.has(k))) form.submit();
      }}
      style={{ rowGap: narrow ? 0 : 12, marginBottom: 16 }}
      data-testid="member-filters"
    >
      <Form.Item name="q" style={{ width: w(380) }}>
        <Input.Search
          title={t('members.searchHint')}
          aria-label={t('members.searchPlaceholder')}
          allowClear
          placeholder={t('members.searchPlaceholder')}
          onSearch={() => form.submit()}
          enterButton={t('members.query')}
          data-testid="member-search"
        />
      </Form.Item>
      <Form.Item name="orgId" style={{ width: w(260) }}>
        <OrgTreeSelect allowClear placeholder={t('members.orgPlaceholder')} testId="member-filter-org" />
      </Form.Item>
      <Form.Item name="category" label={t('members.fields.category')}>
        <Select
          allowClear
          placeholder={all}
          style={{ width: w(120) }}
          options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryText(t, c) }))}
          data-testid="member-filter-category"
        />
      </Form.Item>
      <Form.Item name="status" label={t('members.statusColumn')}>
        <Select
          allowClear
          placeholder={all}
          style={{ width: w(110) }}
          options={STATUS_CODES.map((c) => ({ value: c, label: statusText(t, c) }))}
          data-testid="member-filter-status"
        />
      </Form.Item>
      {more && (
        <>
          <Form.Item name="label" label={t('members.fields.labels')}>
            <Select
              allowClear
              placeholder={all}
              style={{ width: w(130) }}
              options={MEMBER_LABELS.map((l) => ({ value: l, label: labelText(t, l) }))}
              data-testid="member-filter-label"
            />
          </Form.Item>
          <Form.Item label={t('members.ageRange')}>
            <Space.Compact style={{ width: w(200) }}>
              <Form.Item name="ageMin" noStyle>
                <InputNumber min={0} max={120} precision={0} placeholder={t('members.ageMin')} data-testid="member-filter-age-min" />
              </Form.Item>
              <Form.Item name="ageMax" noStyle>
                <InputNumber min={0} max={120} precision={0} placeholder={t('members.ageMax')} data-testid="member-filter-age-max" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="admitted" label={t('members.admittedRange')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: w(250) }} data-testid="member-filter-admitted" />
          </Form.Item>
        </>
      )}
      <Flex gap={8} wrap>
        {more && (
          <Button type="primary" htmlType="submit" data-testid="member-filter-submit">
            {t('members.query')}
          </Button>
        )}
        <Button
          onClick={() => {
            form.setFieldsValue({
              q: undefined,
              orgId: undefined,
              category: undefined,
              status: undefined,
              label: undefined,
              ageMin: null,
              ageMax: null,
              admitted: null,
            });
            onSearch({});
          }}
          data-testid="member-filter-reset"
        >
          {t('common.reset')}
        </Button>
        <Button type="link" onClick={() => setMore((m) => !m)} icon={more ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
          {more ? t('members.lessFilters') : t('members.moreFilters')}
        </Button>
      </Flex>
    </Form>
  );
}
