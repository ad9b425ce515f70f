import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeetingDetailWire } from '@vanguard/shared/api/life';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';

export function ActionItemsCard({ m }: { m: MeetingDetailWire }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; orgId: number; dueOn: string }>();
  const items = useQuery({ queryKey: ['life', 'meeting-items', m.id], queryFn: () => lifeApi.meetingItems(m.id) });
  const add = useMutation({
    mutationFn: (v: { title: string; orgId: number; dueOn: string }) => lifeApi.addItem(m.id, v),
    onSuccess: () => {
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['life', 'meeting-items', m.id] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const close = useMutation({
    mutationFn: (id: number) => lifeApi.closeItem(id, '已按期办结'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['life', 'meeting-items', m.id] }),
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Card size="small" title={t('life.detail.items')}>
      <List
        size="small"
        dataSource={items.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(i) => (
          <List.Item
            data-testid={`life-item-${i.id}`}
            actions={
              i.status === 'open'
                ? [
                    <Button key="c" size="small" onClick={() => close.mutate(i.id)} data-testid={`life-item-close-${i.id}`}>
                      {t('life.actions.close')}
                    </Button>,
                  ]
                : [
                    <Tag key="d" color="green">
                      {t('life.actions.done')}
                    </Tag>,
                  ]
            }
          >
            {i.title} · {i.orgName} · {i.dueOn}
          </List.Item>
        )}
      />
      {m.hasMinutes && m.status !== 'cancelled' && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          onFinish={(v) => add.mutate({ ...v, dueOn: dayjs(v.dueOn).format('YYYY-MM-DD') })}
        >
          <Form.Item name="title" rules={[{ required: true, message: '请填写督办事项' }]}>
            <Input placeholder={t('life.f.title')} style={{ width: 240 }} data-testid="life-item-title" />
          </Form.Item>
          <Form.Item name="orgId" rules={[{ required: true, message: '请选择责任组织' }]}>
            <Select
              placeholder={t('life.f.ownerOrg')}
              style={{ width: 180 }}
              options={m.orgs.map((o) => ({ value: o.id, label: o.name }))}
              data-testid="life-item-org"
            />
          </Form.Item>
          <Form.Item name="dueOn" rules={[{ required: true, message: '请选择完成时限' }]}>
            <DatePicker placeholder={t('life.f.dueOn')} data-testid="life-item-due" />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending} data-testid="life-item-add">
            {t('life.detail.addItem')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
