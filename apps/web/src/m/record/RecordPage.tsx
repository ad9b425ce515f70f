import { Button, List, Tag } from 'antd-mobile';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { MemberDto } from '../../api/member-types';
import { errorText } from '../../lib/error-text';
import { categoryText, educationText, fieldLabel, labelText, sexText, statusText } from '../../lib/member-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';
import { CorrectionForm } from './CorrectionForm';
import { MyCorrections } from './MyCorrections';
import { useMyCorrections, useMyRecord } from './record-query';

function Rows({ rows }: { rows: [string, ReactNode][] }) {
  const { t } = useTranslation();
  return (
    <>
      {rows.map(([field, value]) => (
        <List.Item key={field} extra={<span data-testid={`record-${field}`}>{value === null || value === '' ? '—' : value}</span>}>
          {fieldLabel(t, field)}
        </List.Item>
      ))}
    </>
  );
}

/** 我的档案 on the phone: my record (sensitive fields masked by the server), 申请更正, my requests. */
export function RecordPage() {
  const { t } = useTranslation();
  const record = useMyRecord();
  const corrections = useMyCorrections(record.isSuccess);
  const [asking, setAsking] = useState(false);

  if (record.isPending) return <FullPageSpin />;
  if (record.isError) {
    const none = isApiError(record.error) && record.error.status === 404;
    return (
      <ErrorBlock
        status={none ? 'empty' : 'disconnected'}
        title={none ? t('record.title') : t('errors.loadFailed')}
        description={none ? t('record.noRecord') : errorText(record.error, t)}
        data-testid="record-missing"
      />
    );
  }
  const m: MemberDto = record.data;
  const pending = (corrections.data ?? []).some((c) => c.status === 'pending');
  const listStyle = { '--font-size': '15px', '--extra-max-width': '62%' } as React.CSSProperties;

  return (
    <div style={{ paddingBottom: 16 }}>
      <div style={{ background: '#fff', padding: 16, display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <span style={{ fontSize: 20, fontWeight: 600 }} data-testid="record-title">
          {m.name}
        </span>
        <Tag color="danger" fill="outline">
          {categoryText(t, m.category)}
        </Tag>
        <Tag fill="outline">{statusText(t, m.status)}</Tag>
        <div style={{ width: '100%', color: 'var(--adm-color-weak)', fontSize: 13 }}>{m.orgName}</div>
      </div>
      <div style={{ padding: '8px 16px', color: 'var(--adm-color-weak)', fontSize: 12, lineHeight: 1.5 }}>{t('record.maskedHint')}</div>
      <List header={t('members.detail.basic')} style={listStyle}>
        <Rows
          rows={[
            ['sex', sexText(t, m.sex)],
            ['ethnicity', m.ethnicity],
            ['birthDate', m.birthDate],
            ['idNumber', m.idNumber],
            ['nativePlace', m.nativePlace],
            ['education', educationText(t, m.education)],
            ['degree', m.degree],
            ['post', m.post],
            ['jobTitle', m.jobTitle],
            ['joinedWorkOn', m.joinedWorkOn],
            ['labels', m.labels.map((l) => labelText(t, l)).join('、')],
          ]}
        />
      </List>
      <List header={t('members.detail.party')} style={listStyle}>
        <Rows
          rows={[
            ['appliedOn', m.appliedOn],
            ['admittedOn', m.admittedOn],
            ['fullOn', m.fullOn],
            ['partyAge', m.partyAge === null ? t('members.detail.partyAgeNone') : t('members.years', { count: m.partyAge })],
          ]}
        />
      </List>
      <List header={t('members.detail.contact')} style={listStyle}>
        <Rows
          rows={[
            ['phone', m.phone],
            ['address', m.address],
          ]}
        />
      </List>

      <List header={t('record.requestTitle')} style={{ marginTop: 12 }}>
        {asking ? (
          <CorrectionForm record={m} onDone={() => setAsking(false)} />
        ) : (
          <div style={{ padding: 12, background: '#fff' }}>
            <p style={{ margin: '0 0 12px', color: '#666', fontSize: 14, lineHeight: 1.6 }}>
              {pending ? t('record.pendingExists') : t('record.requestHint')}
            </p>
            <Button block color="primary" fill="outline" disabled={pending} onClick={() => setAsking(true)} data-testid="record-request">
              {t('record.request')}
            </Button>
          </div>
        )}
      </List>

      <div style={{ padding: '16px 16px 8px', color: '#666', fontSize: 14 }}>{t('record.mine')}</div>
      <MyCorrections items={corrections.data ?? []} />
    </div>
  );
}
