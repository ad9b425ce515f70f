import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  type ButtonProps,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type LetterDto, type LetterIssueInput, relationsApi, todayIso } from '../../api/relations';
import { errorText } from '../../lib/error-text';
import { hasPermission, useMe } from '../../lib/session';
import { FormModal } from './FormModal';
import { MemberSelect } from './pickers';

/** 介绍信台账: letters issued (out) and letters members brought in (in), with the flags that need action. */
export function LettersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const direction = (params.get('direction') === 'in' ? 'in' : 'out') as 'out' | 'in';
  const filter = params.get('filter') ?? 'all';
  const [page, setPage] = useState(1);
  const [issuing, setIssuing] = useState(false);
  const [receipting, setReceipting] = useState<string | null>(null);
  const [incoming, setIncoming] = useState(false);
  const list = useQuery({
    queryKey: ['relations', 'letters', direction, filter, page],
    queryFn: () => relationsApi.letters({ direction, filter, page, pageSize: 20 }),
  });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
    setPage(1);
  };
  const refresh = () => qc.invalidateQueries({ queryKey: ['relations'] });
  const reissue = useMutation({
    mutationFn: (l: LetterDto) => relationsApi.reissue(l.id),
    onSuccess: async (l) => {
      message.success(t('relations.reissuedOk', { number: l.number }));
      await refresh();
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const mayWrite = hasPermission(me, 'members:write');

  const columns: ColumnsType<LetterDto> = [
    { key: 'number', title: t('relations.letterNo'), dataIndex: 'number', width: 110 },
    { key: 'name', title: t('relations.member'), dataIndex: 'name', width: 100 },
    direction === 'out'
      ? { key: 'to', title: t('relations.goingTo'), dataIndex: 'toOrgName', width: 200 }
      : { key: 'from', title: t('relations.comingFrom'), render: (_, l) => `${l.committeeName}（${l.fromOrgName}）`, width: 240 },
    { key: 'issuedOn', title: t('relations.issuedOn'), dataIndex: 'issuedOn', width: 110 },
    { key: 'validUntil', title: t('relations.validUntil'), dataIndex: 'validUntil', width: 110 },
    {
      key: 'status',
      title: t('relations.status'),
      width: 210,
      render: (_, l) => (
        <Flex gap={4} wrap>
          <Tag color={l.status === 'issued' ? 'processing' : l.status === 'void' ? 'default' : 'success'}>{l.statusName}</Tag>
          {l.isExpired && (
            <Tag color="error" data-testid={`letter-expired-${l.id}`}>
              {t('relations.expired')}
            </Tag>
          )}
          {l.isReceiptOverdue && (
            <Tag color="warning" data-testid={`letter-overdue-${l.id}`}>
              {t('relations.receiptOverdue', { date: l.receiptDueOn })}
            </Tag>
          )}
          {l.receiptOn && direction === 'out' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('relations.receiptOn', { date: l.receiptOn })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 220,
      fixed: 'right',
      render: (_, l) => (
        <Flex gap={6} wrap>
          <Link to={`/admin/relations/letters/${l.id}/print`} data-testid={`letter-print-${l.id}`}>
            {direction === 'out' ? t('relations.printLetter') : t('relations.printReceipt')}
          </Link>
          {mayWrite && l.status === 'issued' && (
            <Button size="small" type="link" onClick={() => setReceipting(l.number)} data-testid={`letter-receipt-${l.id}`}>
              {t('relations.recordReceipt')}
            </Button>
          )}
          {mayWrite && l.isExpired && (
            <Popconfirm
              title={t('relations.reissueConfirm', { number: l.number })}
              okText={t('relations.reissue')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'confirm-ok' } as ButtonProps}
              onConfirm={() => reissue.mutateAsync(l).catch(() => undefined)}
            >
              <Button size="small" type="link" data-testid={`letter-reissue-${l.id}`}>
                {t('relations.reissue')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Segmented
            value={direction}
            onChange={(v) => set('direction', String(v))}
            options={[
              { value: 'out', label: t('relations.lettersOut') },
              { value: 'in', label: t('relations.lettersIn') },
            ]}
            data-testid="letters-direction"
          />
          {direction === 'out' && (
            <Segmented
              value={filter}
              onChange={(v) => set('filter', String(v))}
              options={[
                { value: 'all', label: t('relations.filterAll') },
                { value: 'open', label: t('relations.filterOpen') },
                { value: 'attention', label: t('relations.filterAttention') },
              ]}
              data-testid="letters-filter"
            />
          )}
        </Flex>
        {mayWrite && (
          <Flex gap={8} wrap>
            <Button type="primary" onClick={() => setIssuing(true)} data-testid="letter-new">
              {t('relations.issueLetter')}
            </Button>
            <Button onClick={() => setReceipting('')} data-testid="receipt-new">
              {t('relations.recordReceipt')}
            </Button>
            <Button onClick={() => setIncoming(true)} data-testid="incoming-new">
              {t('relations.registerIncoming')}
            </Button>
          </Flex>
        )}
      </Flex>
      <Table<LetterDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onRow={(l) => ({ 'data-testid': `letter-row-${l.number}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: list.isError ? <Empty description={errorText(list.error, t)} /> : <Empty description={t('relations.emptyLetters')} />,
        }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { count: total }),
        }}
        data-testid="letters-table"
      />
      <IssueLetterModal open={issuing} onClose={() => setIssuing(false)} onDone={refresh} />
      <ReceiptModal number={receipting} onClose={() => setReceipting(null)} onDone={refresh} />
      <IncomingModal open={incoming} onClose={() => setIncoming(false)} onDone={refresh} />
    </>
  );
}

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

/** The form's values as the request body, blanks left out (the server checks each field and answers per field). */
const blankToUndefined = <B,>(v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' || x === null ? undefined : x])) as B;

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

/** 登记回执: by the number printed on the returned receipt. */
function ReceiptModal({ number, onClose, onDone }: { number: string | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number: string; receiptOn: string; receiptOrgName: string; receiptHandler?: string; note?: string }>();
  return (
    <FormModal
      open={number !== null}
      title={t('relations.recordReceipt')}
      okText={t('common.save')}
      testId="receipt"
      form={form}
      initialValues={{ number: number ?? '', receiptOn: todayIso() }}
      submit={(v) => relationsApi.receipt(blankToUndefined({ ...v }))}
      onDone={(l) => {
        message.success(t('relations.receiptOk', { number: l.number }));
        onDone();
      }}
      onClose={onClose}
    >
      <Form.Item
        name="number"
        label={t('relations.letterNo')}
        rules={[{ required: true, whitespace: true, message: t('relations.letterNoRequired') }]}
      >
        <Input placeholder="2026-001" data-testid="receipt-number" />
      </Form.Item>
      <Form.Item name="receiptOn" label={t('relations.receiptDate')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
        <Input type="date" data-testid="receipt-date" />
      </Form.Item>
      <Form.Item
        name="receiptOrgName"
        label={t('relations.receiptOrg')}
        rules={[{ required: true, whitespace: true, message: t('relations.receiptOrgRequired') }]}
      >
        <Input maxLength={100} data-testid="receipt-org" />
      </Form.Item>
      <Form.Item name="receiptHandler" label={t('relations.receiptHandler')}>
        <Input maxLength={30} />
      </Form.Item>
    </FormModal>
  );
}

/** 转入登记: a member arriving with a letter from outside; the receipt is then printed from the list. */
function IncomingModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
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
