import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MOBILE_FORMS, mobileFormFor, relationRulesetOn } from '@vanguard/shared';
import { Alert, App, Button, Col, Empty, Flex, Form, Input, Row, Segmented, Select, Switch, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MobileCreateInput, type MobileDto, relationsApi, todayIso } from '../../api/relations';
import { errorText } from '../../lib/error-text';
import { hasPermission, useMe } from '../../lib/session';
import { PagedTable } from '../components/PagedTable';
import { FormModal } from './FormModal';
import { MemberSelect } from './pickers';

/** 流动党员: members away (流出) and members of elsewhere staying here (流入). */
export function MobileTab() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [active, setActive] = useState(true);
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState<'out' | 'in' | null>(null);
  const [returning, setReturning] = useState<MobileDto | null>(null);
  const list = useQuery({
    queryKey: ['relations', 'mobiles', direction, active, page],
    queryFn: () => relationsApi.mobiles({ direction, active, page, pageSize: 20 }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['relations'] });
  const mayWrite = hasPermission(me, 'members:write');
  const today = todayIso();

  const columns: ColumnsType<MobileDto> = [
    { key: 'name', title: t('relations.name'), dataIndex: 'personName', width: 100 },
    direction === 'in'
      ? { key: 'home', title: t('relations.homeOrg'), dataIndex: 'homeOrgName', width: 180 }
      : { key: 'org', title: t('relations.branch'), dataIndex: 'orgName', width: 160 },
    { key: 'place', title: direction === 'out' ? t('relations.place') : t('relations.placeHere'), dataIndex: 'place', width: 200 },
    { key: 'reason', title: t('relations.reason'), dataIndex: 'reason', width: 120 },
    { key: 'period', title: t('relations.period'), width: 200, render: (_, m) => `${m.startOn} ～ ${m.expectedReturnOn}` },
    {
      key: 'form',
      title: t('relations.form'),
      width: 150,
      render: (_, m) => <Tag color={m.form === 'transfer' ? 'red' : m.form === 'certificate' ? 'blue' : 'green'}>{m.formName}</Tag>,
    },
    { key: 'contact', title: t('relations.contact'), dataIndex: 'contact', width: 120, render: (v: string | null) => v ?? '—' },
    {
      key: 'state',
      title: t('relations.status'),
      width: 140,
      render: (_, m) =>
        m.returnedOn ? (
          t('relations.returnedOn', { date: m.returnedOn })
        ) : m.expectedReturnOn < today ? (
          <Tag color="warning">{t('relations.overdueReturn')}</Tag>
        ) : (
          <Tag color="processing">{t('relations.away')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      fixed: 'right',
      render: (_, m) =>
        mayWrite && !m.returnedOn ? (
          <Button size="small" type="link" onClick={() => setReturning(m)} data-testid={`mobile-return-${m.id}`}>
            {direction === 'out' ? t('relations.registerReturn') : t('relations.registerLeave')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Segmented
            value={direction}
            onChange={(v) => {
              setDirection(v as 'out' | 'in');
              setPage(1);
            }}
            options={[
              { value: 'out', label: t('relations.mobileOut') },
              { value: 'in', label: t('relations.mobileIn') },
            ]}
          />
          <Segmented
            value={active ? 'active' : 'done'}
            onChange={(v) => {
              setActive(v === 'active');
              setPage(1);
            }}
            options={[
              { value: 'active', label: t('relations.activeOnly') },
              { value: 'done', label: t('relations.returned') },
            ]}
          />
        </Flex>
        {mayWrite && (
          <Flex gap={8}>
            <Button type="primary" onClick={() => setRegistering('out')} data-testid="mobile-new-out">
              {t('relations.registerOut')}
            </Button>
            <Button onClick={() => setRegistering('in')} data-testid="mobile-new-in">
              {t('relations.registerIn')}
            </Button>
          </Flex>
        )}
      </Flex>
      <PagedTable<MobileDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: list.isError ? <Empty description={errorText(list.error, t)} /> : <Empty description={t('relations.emptyMobiles')} />,
        }}
        page={page}
        pageSize={20}
        total={list.data?.total ?? 0}
        onPage={(p) => setPage(p.page)}
        hideOnSinglePage
        showTotal
        data-testid="mobiles-table"
      />
      <RegisterMobileModal direction={registering} onClose={() => setRegistering(null)} onDone={refresh} />
      <ReturnModal m={returning} onClose={() => setReturning(null)} onDone={refresh} />
    </>
  );
}

interface MobileValues {
  memberId?: number;
  orgId?: number;
  personName?: string;
  homeOrgName?: string;
  place: string;
  reason: string;
  startOn: string;
  expectedReturnOn: string;
  fixedPlace: boolean;
  contact?: string;
}

function RegisterMobileModal({ direction, onClose, onDone }: { direction: 'out' | 'in' | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [form] = Form.useForm<MobileValues>();
  const start = Form.useWatch('startOn', form);
  const end = Form.useWatch('expectedReturnOn', form);
  const fixed = Form.useWatch('fixedPlace', form);
  const rs = relationRulesetOn(start || todayIso());
  const form_ = start && end && end > start ? mobileFormFor(start, end, Boolean(fixed), rs) : null;
  const orgs = (me?.roles ?? []).filter((r) => r.role === 'branch_secretary' || r.role === 'org_admin');
  const req = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  return (
    <FormModal
      open={direction !== null}
      title={direction === 'in' ? t('relations.registerIn') : t('relations.registerOut')}
      okText={t('common.save')}
      testId="mobile"
      width={680}
      form={form}
      initialValues={{ startOn: todayIso(), fixedPlace: false, orgId: orgs[0]?.orgId }}
      submit={(v) => {
        const common = {
          place: v.place,
          reason: v.reason,
          startOn: v.startOn,
          expectedReturnOn: v.expectedReturnOn,
          fixedPlace: Boolean(v.fixedPlace),
          contact: v.contact || undefined,
        };
        return relationsApi.registerMobile(
          (direction === 'in'
            ? { direction, orgId: v.orgId, personName: v.personName, homeOrgName: v.homeOrgName, ...common }
            : { direction: 'out', memberId: v.memberId, ...common }) as MobileCreateInput,
        );
      }}
      onDone={(m) => {
        message.success(t('relations.mobileOk', { name: m.personName, form: m.formName }));
        onDone();
      }}
      onClose={onClose}
    >
      <Row gutter={12}>
        {direction === 'in' ? (
          <>
            <Col span={12}>
              <Form.Item name="personName" label={t('relations.name')} rules={req(t('relations.required'))}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="orgId" label={t('relations.contactBranch')} rules={[{ required: true }]}>
                <Select options={orgs.map((o) => ({ value: o.orgId, label: o.orgName }))} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="homeOrgName" label={t('relations.homeOrg')} rules={req(t('relations.required'))}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </>
        ) : (
          <Col span={24}>
            <Form.Item name="memberId" label={t('relations.member')} rules={[{ required: true, message: t('relations.pickMember') }]}>
              <MemberSelect testId="mobile-member" />
            </Form.Item>
          </Col>
        )}
        <Col span={12}>
          <Form.Item
            name="place"
            label={direction === 'in' ? t('relations.placeHere') : t('relations.place')}
            rules={req(t('relations.required'))}
          >
            <Input maxLength={100} data-testid="mobile-place" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="reason" label={t('relations.reason')} rules={req(t('relations.reasonRequired'))}>
            <Input maxLength={300} data-testid="mobile-reason" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="startOn" label={t('relations.startOn')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
            <Input type="date" data-testid="mobile-start" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="expectedReturnOn"
            label={t('relations.expectedReturnOn')}
            rules={[{ required: true, message: t('relations.dateRequired') }]}
          >
            <Input type="date" data-testid="mobile-end" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="fixedPlace" label={t('relations.fixedPlace')} valuePropName="checked">
            <Switch data-testid="mobile-fixed" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contact" label={t('relations.contact')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
      </Row>
      {form_ && (
        <Alert
          type={form_ === 'transfer' ? 'warning' : 'info'}
          showIcon
          title={<span data-testid="mobile-form-hint">{t('relations.formHint', { form: MOBILE_FORMS[form_] })}</span>}
          description={form_ === 'transfer' ? t('relations.formTransferHelp') : rs.mobileSource}
        />
      )}
    </FormModal>
  );
}

function ReturnModal({ m, onClose, onDone }: { m: MobileDto | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ returnedOn: string }>();
  return (
    <FormModal
      open={m !== null}
      title={m ? t('relations.returnTitle', { name: m.personName }) : ''}
      okText={t('common.save')}
      testId="mobile-return"
      form={form}
      initialValues={{ returnedOn: todayIso() }}
      submit={(v) => relationsApi.returnMobile(m?.id ?? 0, v.returnedOn)}
      onDone={() => {
        message.success(t('relations.returnOk'));
        onDone();
      }}
      onClose={onClose}
    >
      <Form.Item name="returnedOn" label={t('relations.returnedDate')} rules={[{ required: true, message: t('relations.dateRequired') }]}>
        <Input type="date" />
      </Form.Item>
    </FormModal>
  );
}
