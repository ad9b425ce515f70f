import { useMutation } from '@tanstack/react-query';
import type { InviteBody, MeetingCreateBody } from '@vanguard/shared/api/life';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { useMe } from '../../lib/session';
import { MemberPicker } from '../orgs/MemberPicker';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { MEETING_TYPE_OPTIONS, tx } from './life-text';

interface Values {
  orgId: number;
  type: MeetingCreateBody['type'];
  topic: string;
  startsAt?: Dayjs;
  endsAt?: Dayjs;
  place: string;
  agenda?: string;
  inviteKind: InviteBody['kind'];
  orgIds?: number[];
  who?: 'members' | 'committee';
  memberIds?: number[];
  chairMemberId?: number;
  recorderMemberId?: number;
  jointBody?: string;
  hoursMinutes?: number;
}

type InviteKind = InviteBody['kind'];
/**
 * Who a type of meeting invites: a 支委会 its committee, a 党小组会 the group's members, a 联席会议
 * several orgs (支部工作条例); the others the org's members, its committee or chosen people.
 */
function inviteKindsOf(type: string | undefined): InviteKind[] {
  if (type === 'committee') return ['committee'];
  if (type === 'group') return ['members'];
  if (type === 'joint') return ['orgs'];
  return ['members', 'committee', 'people'];
}

/** 计划会议: topic, time, place, who is invited; the invited get a to-do on their phones. */
export function PlanMeetingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [banner, setBanner] = useState<string | null>(null);
  const kind = Form.useWatch('inviteKind', form);
  const type = Form.useWatch('type', form);
  const orgId = Form.useWatch('orgId', form);
  const me = useMe().data;
  const myOrg = me?.roles.find((r) => r.role === 'branch_secretary' || r.role === 'branch_committee')?.orgId ?? me?.org?.id;
  const kinds = inviteKindsOf(type);
  // 召开组织 defaults to the user's own org; the invitation follows the type's rule.
  useEffect(() => {
    if (!form.getFieldValue('orgId') && myOrg) form.setFieldValue('orgId', myOrg);
  }, [myOrg, form]);
  useEffect(() => {
    if (type && !inviteKindsOf(type).includes(form.getFieldValue('inviteKind'))) form.setFieldValue('inviteKind', inviteKindsOf(type)[0]);
  }, [type, form]);
  const plan = useMutation({
    mutationFn: (v: Values) => {
      const invite: InviteBody =
        v.inviteKind === 'orgs'
          ? { kind: 'orgs', orgIds: v.orgIds ?? [], who: v.who ?? 'committee' }
          : v.inviteKind === 'people'
            ? { kind: 'people', memberIds: v.memberIds ?? [] }
            : { kind: v.inviteKind };
      return lifeApi.plan({
        orgId: v.orgId,
        type: v.type,
        topic: v.topic,
        startsAt: v.startsAt ? v.startsAt.second(0).toISOString() : '',
        endsAt: v.endsAt ? v.endsAt.second(0).toISOString() : undefined,
        place: v.place,
        agenda: v.agenda || undefined,
        chairMemberId: v.chairMemberId,
        recorderMemberId: v.recorderMemberId,
        invite,
        jointBody: v.jointBody || undefined,
        hoursMinutes: v.hoursMinutes ?? undefined,
      });
    },
    onSuccess: (m) => {
      message.success(t('life.planned'));
      navigate(`/admin/life/meetings/${m.id}`);
    },
    onError: (e) => {
      setBanner(
        isApiError(e) &&
          applyFieldErrors(form, e, {
            'invite.kind': 'inviteKind',
            'invite.orgIds': 'orgIds',
            'invite.who': 'who',
            'invite.memberIds': 'memberIds',
            invite: 'inviteKind',
          })
          ? null
          : errorText(e, t),
      );
    },
  });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      initialValues={{
        orgId: params.get('orgId') ? Number(params.get('orgId')) : undefined,
        type: params.get('type') ?? 'committee',
        // A deep link from a joint body or a reminder may name the orgs taking part.
        inviteKind: params.get('orgIds') ? 'orgs' : inviteKindsOf(params.get('type') ?? 'committee')[0],
        orgIds: params.get('orgIds')?.split(',').map(Number),
        who: 'committee',
      }}
      onFinish={(v) => {
        setBanner(null);
        plan.mutate(v);
      }}
    >
      {banner && <Alert type="error" title={banner} showIcon style={{ marginBottom: 12 }} data-testid="life-plan-error" />}
      <Form.Item name="orgId" label={t('life.f.org')} rules={[{ required: true, message: t('life.compliance.pickOrg') }]}>
        <OrgTreeSelect testId="life-plan-org" />
      </Form.Item>
      <Form.Item name="type" label={t('life.f.type')} rules={[{ required: true }]}>
        <Select options={MEETING_TYPE_OPTIONS} data-testid="life-plan-type" />
      </Form.Item>
      <Form.Item name="topic" label={t('life.f.topic')} rules={[{ required: true, message: '请填写会议主题' }]}>
        <Input maxLength={200} data-testid="life-plan-topic" />
      </Form.Item>
      <Form.Item name="startsAt" label={t('life.f.startsAt')} rules={[{ required: true, message: '请填写开始时间' }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} data-testid="life-plan-starts" />
      </Form.Item>
      <Form.Item name="endsAt" label={t('life.f.endsAt')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} data-testid="life-plan-ends" />
      </Form.Item>
      <Form.Item name="place" label={t('life.f.place')} rules={[{ required: true, message: '请填写会议地点' }]}>
        <Input maxLength={200} data-testid="life-plan-place" />
      </Form.Item>
      <Form.Item name="agenda" label={t('life.f.agenda')}>
        <Input.TextArea rows={3} maxLength={2000} placeholder="一、…；二、…" data-testid="life-plan-agenda" />
      </Form.Item>
      {orgId ? (
        <>
          <Form.Item name="chairMemberId" label={t('life.f.chairPick')}>
            <MemberPicker orgId={orgId} testId="life-plan-chair" />
          </Form.Item>
          <Form.Item name="recorderMemberId" label={t('life.f.recorderPick')}>
            <MemberPicker orgId={orgId} testId="life-plan-recorder" />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="inviteKind" label={t('life.f.invite')}>
        <Radio.Group
          options={kinds.map((k) => ({
            value: k,
            label: tx(t, k === 'members' && type === 'group' ? 'life.invite.group' : `life.invite.${k}`),
          }))}
          data-testid="life-plan-invite"
        />
      </Form.Item>
      {kind === 'people' && (
        <Form.Item name="memberIds" label={t('life.f.memberIds')} rules={[{ required: true, message: '请选择参会人员' }]}>
          <PeopleMulti orgId={orgId} />
        </Form.Item>
      )}
      {kind === 'orgs' && (
        <>
          <Form.Item name="orgIds" label={t('life.f.orgs')} rules={[{ required: true }]}>
            <OrgsMulti />
          </Form.Item>
          <Form.Item name="who" label={t('life.f.who')}>
            <Radio.Group options={(['committee', 'members'] as const).map((k) => ({ value: k, label: tx(t, `life.who.${k}`) }))} />
          </Form.Item>
          <Form.Item name="jointBody" label={t('life.f.jointBody')}>
            <Input maxLength={100} data-testid="life-plan-body" />
          </Form.Item>
        </>
      )}
      {['lecture', 'study', 'onsite'].includes(type) && (
        <Form.Item name="hoursMinutes" label={t('life.f.hours')}>
          <InputNumber min={0} max={960} step={30} placeholder="120" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={plan.isPending} data-testid="life-plan-submit">
        {t('life.plan')}
      </Button>
    </Form>
  );
}

/** Several orgs for a joint meeting: a multi-select over the visible tree. */
function OrgsMulti({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const list = value ?? [];
  return (
    <div data-testid="life-plan-orgs">
      {[...list, undefined].map((v, i) => (
        <div key={v ?? 'new'} style={{ marginBottom: 6 }}>
          <OrgTreeSelect
            value={v}
            allowClear
            testId={`life-plan-orgs-${i}`}
            onChange={(x) => {
              const next = [...list];
              if (x === undefined || x === null) next.splice(i, 1);
              else next[i] = x;
              onChange?.(next.filter((n) => n !== undefined));
            }}
          />
        </div>
      ))}
    </div>
  );
}

/** Chosen people (invite kind `people`): one member picker per person, within the org's subtree. */
function PeopleMulti({ orgId, value, onChange }: { orgId?: number; value?: number[]; onChange?: (v: number[]) => void }) {
  const list = value ?? [];
  if (!orgId) return null;
  return (
    <div data-testid="life-plan-people">
      {[...list, undefined].map((v, i) => (
        <div key={v ?? 'new'} style={{ marginBottom: 6, maxWidth: 320 }}>
          <MemberPicker
            orgId={orgId}
            value={v}
            testId={`life-plan-people-${i}`}
            onChange={(x) => {
              const next = [...list];
              next[i] = x;
              onChange?.([...new Set(next.filter((n) => n !== undefined))]);
            }}
          />
        </div>
      ))}
    </div>
  );
}
