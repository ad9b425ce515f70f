import { App, Col, Form, Input, InputNumber, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { type LetterIssueInput, relationsApi } from '../../api/relations';
import { FormModal } from './FormModal';
import { blankToUndefined } from './letter-form';
import { MemberSelect } from './pickers';

interface IssueValues {
  memberId: number;
  addressee: string;
  toOrgName: string;
  duesPaidTo: string;
  withinGroup: boolean;
  validityDays?: number;
  memberPhone?: string;
  committeeAddress?: string;
  committeePhone?: string;
  committeeFax?: string;
  committeePostcode?: string;
  reason: string;
}

/** 开具介绍信: the member, where to, dues paid up to (entered by hand until the dues ledger answers it), validity. */
export function IssueLetterModal({
  open,
  preset,
  onClose,
  onDone,
}: {
  open: boolean;
  preset?: { memberId: number; memberName: string; transferId: number; toOrgName: string; reason: string };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueValues>();
  return (
    <FormModal
      open={open}
      title={t('relations.issueLetter')}
      okText={t('relations.issueSubmit')}
      testId="letter-issue"
      width={720}
      form={form}
      initialValues={{
        withinGroup: false,
        ...(preset ? { memberId: preset.memberId, toOrgName: preset.toOrgName, reason: preset.reason } : {}),
      }}
      submit={(v) => relationsApi.issueLetter({ ...blankToUndefined<LetterIssueInput>({ ...v }), transferId: preset?.transferId })}
      onDone={(l) => {
        message.success(t('relations.issuedOk', { number: l.number }));
        onDone();
      }}
      onClose={onClose}
    >
      <Row gutter={12}>
        <Col span={12}>
          {preset ? (
            <>
              <Form.Item name="memberId" hidden>
                <InputNumber />
              </Form.Item>
              <Form.Item label={t('relations.member')}>
                <Input disabled value={preset.memberName} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="memberId" label={t('relations.member')} rules={[{ required: true, message: t('relations.pickMember') }]}>
              <MemberSelect testId="letter-member" />
            </Form.Item>
          )}
        </Col>
        <Col span={12}>
          <Form.Item
            name="duesPaidTo"
            label={t('relations.duesPaidTo')}
            extra={t('relations.duesPaidToHelp')}
            rules={[{ pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: t('relations.yearMonthFormat') }]}
          >
            <Input placeholder={t('relations.duesPaidToAuto')} data-testid="letter-dues" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="addressee"
            label={t('relations.addressee')}
            rules={[{ required: true, whitespace: true, message: t('relations.addresseeRequired') }]}
          >
            <Input maxLength={100} data-testid="letter-addressee" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="toOrgName"
            label={t('relations.goingTo')}
            rules={[{ required: true, whitespace: true, message: t('relations.goingToRequired') }]}
          >
            <Input maxLength={100} data-testid="letter-to" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="withinGroup" label={t('relations.withinGroup')} valuePropName="checked" extra={t('relations.validityHelp')}>
            <Switch data-testid="letter-within" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="validityDays" label={t('relations.validityDays')}>
            <InputNumber
              min={1}
              max={180}
              style={{ width: '100%' }}
              placeholder={t('relations.validityDefault')}
              data-testid="letter-days"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="memberPhone" label={t('relations.memberPhone')} extra={t('relations.memberPhoneHelp')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="committeeAddress" label={t('relations.committeeAddress')} extra={t('relations.committeeHelp')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="committeePhone" label={t('relations.committeePhone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="committeeFax" label={t('relations.committeeFax')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="committeePostcode" label={t('relations.committeePostcode')}>
            <Input maxLength={6} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="reason"
            label={t('relations.reason')}
            rules={[{ required: true, whitespace: true, message: t('relations.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={300} data-testid="letter-reason" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
