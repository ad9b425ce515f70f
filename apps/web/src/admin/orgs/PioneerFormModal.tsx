import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Col, DatePicker, Form, Grid, Input, Modal, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type MemberOption, type OrgDto, type PioneerKind, pioneerApi } from '../../api/orgs';
import { errorText } from '../../lib/error-text';
import { applyIssues, hasFieldFor } from './form-issues';
import { MemberPicker } from './MemberPicker';
import { refreshOrgs } from './org-query';

interface Values {
  memberId?: number;
  kind?: PioneerKind;
  name?: string;
  location?: string;
  startedOn?: Dayjs;
}

/**
 * 设立先锋岗 / 责任区 for a member of the org or its sub-orgs. The post is filed under the member's
 * own org, so it shows on the member's branch page as well as on every org above it.
 */
export function PioneerFormModal({ org, onClose }: { org: OrgDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const wide = Grid.useBreakpoint().md ?? true;
  const [form] = Form.useForm<Values>();
  const [member, setMember] = useState<MemberOption | undefined>();
  const kind = Form.useWatch('kind', form);

  const create = useMutation({
    mutationFn: (v: Values) =>
      pioneerApi.create(member?.orgId ?? org.id, {
        memberId: v.memberId ?? 0,
        kind: v.kind ?? 'post',
        name: v.name?.trim() ?? '',
        location: v.location?.trim() || null,
        startedOn: (v.startedOn ?? dayjs()).format('YYYY-MM-DD'),
      }),
    onSuccess: async (p) => {
      message.success(t('pioneer.created', { kind: t(`pioneer.kinds.${p.kind === 'area' ? 'area' : 'post'}`), name: p.memberName }));
      onClose();
      await refreshOrgs(qc);
    },
    onError: (e) => {
      if (isApiError(e)) applyIssues(form, e);
    },
  });
  const err = create.error;
  const fieldLevel = hasFieldFor(form, err);

  return (
    <Modal
      open
      title={t('pioneer.createTitle')}
      width={wide ? 640 : '100%'}
      okText={t('pioneer.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'pioneer-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {err && !fieldLevel && (
        <Alert
          type="error"
          showIcon
          title={<span data-testid="pioneer-form-error">{errorText(err, t)}</span>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'post', startedOn: dayjs() }}
        onFinish={(v) => create.mutate(v)}
        onValuesChange={() => create.error && create.reset()}
        data-testid="pioneer-form"
      >
        <Form.Item name="kind" label={t('pioneer.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['post', 'area'] as const).map((k) => ({ value: k, label: t(`pioneer.kinds.${k}`) }))}
            data-testid="pioneer-form-kind"
          />
        </Form.Item>
        <Form.Item
          name="memberId"
          label={t('pioneer.member')}
          extra={t('pioneer.memberHint', { org: org.name })}
          rules={[{ required: true, message: t('pioneer.memberRequired') }]}
        >
          {/* Form.Item sets the value; the picked member's own org is kept for the request. */}
          <MemberPicker orgId={org.id} onChange={(_, m) => setMember(m)} testId="pioneer-form-member" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('pioneer.name')}
              rules={[
                { required: true, whitespace: true, message: t('pioneer.nameRequired') },
                { min: 2, max: 80, message: t('pioneer.nameLength') },
              ]}
            >
              <Input
                maxLength={80}
                autoComplete="off"
                placeholder={t(kind === 'area' ? 'pioneer.areaPlaceholder' : 'pioneer.postPlaceholder')}
                data-testid="pioneer-form-name"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="location" label={t('pioneer.location')} rules={[{ max: 120, message: t('orgForm.tooLong', { max: 120 }) }]}>
              <Input
                maxLength={120}
                autoComplete="off"
                placeholder={t('pioneer.locationPlaceholder')}
                data-testid="pioneer-form-location"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="startedOn" label={t('pioneer.startedOn')} rules={[{ required: true, message: t('pioneer.startedOnRequired') }]}>
          <DatePicker
            style={{ width: '100%', maxWidth: 280 }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="pioneer-form-start"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
