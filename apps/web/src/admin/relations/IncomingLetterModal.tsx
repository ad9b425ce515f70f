import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { relationsApi, todayIso } from '../../api/relations';
import { useMe } from '../../lib/session';
import { FormModal } from './FormModal';
import { blankToUndefined } from './letter-form';

/** 转入登记: a member arriving with a letter from outside; the receipt is then printed from the list. */
export function IncomingModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [form] = Form.useForm<Record<string, string | number>>();
  const orgs = (me?.roles ?? []).filter((r) => r.role === 'branch_secretary' || r.role === 'org_admin');
  const req = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  return (
    <FormModal
      open={open}
      title={t('relations.registerIncoming')}
      okText={t('relations.registerSubmit')}
      testId="incoming"
      width={760}
      form={form}
      initialValues={{ orgId: orgs[0]?.orgId, sex: '男', ethnicity: '汉族', category: 'full', validityDays: 30, reportedOn: todayIso() }}
      submit={(v) => relationsApi.incoming(blankToUndefined({ ...v, validityDays: Number(v.validityDays) }))}
      onDone={(l) => {
        message.success(t('relations.incomingOk', { name: l.name }));
        onDone();
      }}
      onClose={onClose}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="orgId" label={t('relations.receivingBranch')} rules={[{ required: true }]}>
            <Select options={orgs.map((o) => ({ value: o.orgId, label: o.orgName }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="number" label={t('relations.letterNo')} rules={req(t('relations.letterNoRequired'))}>
            <Input data-testid="incoming-number" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="issuingCommittee" label={t('relations.issuingCommittee')} rules={req(t('relations.required'))}>
            <Input data-testid="incoming-committee" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="fromOrgName" label={t('relations.comingFrom')} rules={req(t('relations.required'))}>
            <Input data-testid="incoming-from" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="issuedOn" label={t('relations.issuedOn')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
            <Input type="date" data-testid="incoming-issuedOn" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="validityDays" label={t('relations.validityDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={999} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="reportedOn" label={t('relations.reportedOn')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
            <Input type="date" data-testid="incoming-reportedOn" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="name" label={t('relations.name')} rules={req(t('relations.required'))}>
            <Input maxLength={30} data-testid="incoming-name" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="sex" label={t('relations.sex')}>
            <Select options={['男', '女'].map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="ethnicity" label={t('relations.ethnicity')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="birthDate" label={t('relations.birthDate')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
            <Input type="date" data-testid="incoming-birthDate" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="idNumber" label={t('relations.idNumber')}>
            <Input maxLength={18} data-testid="incoming-idNumber" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="category" label={t('relations.category')}>
            <Select
              options={[
                { value: 'full', label: t('relations.full') },
                { value: 'probationary', label: t('relations.probationary') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="admittedOn" label={t('relations.admittedOn')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
            <Input type="date" data-testid="incoming-admittedOn" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="fullOn" label={t('relations.fullOn')}>
            <Input type="date" data-testid="incoming-fullOn" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="duesPaidTo"
            label={t('relations.duesPaidTo')}
            rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: t('relations.yearMonthFormat') }]}
          >
            <Input placeholder="2026-10" data-testid="incoming-dues" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone" label={t('relations.memberPhone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
