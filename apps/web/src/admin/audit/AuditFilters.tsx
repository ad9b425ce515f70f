import { Button, DatePicker, Flex, Form, Grid, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
}

interface FormValues {
  actor?: string;
  action?: string;
  entityType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Filters for the audit log: who, what, which kind of record, when (whole days, local time). */
export function AuditFilters({ onSearch }: { onSearch: (v: AuditFilterValues) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  // On a phone-width screen the filters stack, one full-width field per row.
  const narrow = !(Grid.useBreakpoint().sm ?? true);
  const w = (px: number) => (narrow ? '100%' : px);
  const submit = (v: FormValues) => {
    const [start, end] = v.range ?? [null, null];
    onSearch({
      actor: v.actor?.trim() || undefined,
      action: v.action?.trim() || undefined,
      entityType: v.entityType?.trim() || undefined,
      from: start ? start.startOf('day').toISOString() : undefined,
      // `to` is exclusive on the server: the start of the day after the last chosen day.
      to: end ? end.add(1, 'day').startOf('day').toISOString() : undefined,
    });
  };
  return (
    <Form
      form={form}
      layout={narrow ? 'vertical' : 'inline'}
      onFinish={submit}
      style={{ rowGap: narrow ? 0 : 12, marginBottom: 16 }}
      data-testid="audit-filters"
    >
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: w(150) }} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: w(150) }} data-testid="audit-action" />
      </Form.Item>
      <Form.Item name="entityType" label={t('audit.entityType')}>
        <Input allowClear placeholder={t('audit.entityTypePlaceholder')} style={{ width: w(130) }} data-testid="audit-entity-type" />
      </Form.Item>
      <Form.Item name="range" label={t('audit.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: w(260) }} data-testid="audit-range" />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          {t('audit.query')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Flex>
    </Form>
  );
}
