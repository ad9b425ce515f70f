import { ArrowLeftOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, type DescriptionsProps, Flex, Grid, Result, Skeleton, Tabs, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { MemberDto } from '../../api/member-types';
import { errorText } from '../../lib/error-text';
import { categoryText, educationText, labelText, sexText, statusText } from '../../lib/member-text';
import { hasPermission, useMe } from '../../lib/session';
import { MemberFormModal } from './MemberFormModal';
import { MemberHistory } from './MemberHistory';
import { MemberPhoto } from './MemberPhoto';
import { MemberRecords } from './MemberRecords';
import { CATEGORY_COLOR, STATUS_COLOR } from './member-columns';
import { useMember } from './members-query';

type Field = Exclude<keyof MemberDto, 'id' | 'orgId' | 'categoryName' | 'statusName' | 'revealed' | 'photoUrl'>;

/**
 * 党员档案 of one member: the record in three groups with the photo, the sub-records (履历与奖惩) and
 * the status history, in tabs. Sensitive fields (and penalties) stay masked until 查看完整信息 (audited).
 */
export function MemberDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const id = Number(useParams().id);
  const { data: me } = useMe();
  const wide = Grid.useBreakpoint().md ?? true;
  const [reveal, setReveal] = useState(false);
  const [editing, setEditing] = useState(false);
  // Held here: the tabs remount while a revealed record loads, and must come back on the same tab.
  const [tab, setTab] = useState('basic');
  const member = useMember(id, reveal);
  const m = member.data;
  const canReveal = hasPermission(me, 'members:read-sensitive');
  const canWrite = hasPermission(me, 'members:write');
  // Back to the list as it was (filters and page live in its address) when we came from it.
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/admin/members'));

  if (member.isError && !m) {
    return (
      <Result
        status={reveal ? 'warning' : '404'}
        title={reveal ? t('errors.forbiddenTitle') : t('errors.notFoundTitle')}
        subTitle={reveal ? errorText(member.error, t) : t('members.detail.notFound')}
        extra={
          <Flex gap={8} justify="center">
            {reveal && <Button onClick={() => setReveal(false)}>{t('members.detail.hide')}</Button>}
            <Button type="primary" onClick={() => navigate('/admin/members')}>
              {t('members.detail.back')}
            </Button>
          </Flex>
        }
        data-testid="member-detail-error"
      />
    );
  }

  const label = (f: Field) => t(`members.fields.${f === 'orgName' ? 'orgId' : f}`);
  const items = (fields: [Field, ReactNode][]): DescriptionsProps['items'] =>
    fields.map(([f, v]) => ({
      key: f,
      label: label(f),
      children: <span data-testid={`member-detail-${f}`}>{v === null || v === undefined || v === '' ? '—' : v}</span>,
    }));
  const columns = { xs: 1, sm: 2, lg: 3 };

  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('members.detail.back')} />
          <span data-testid="member-detail-title">{m?.name ?? t('members.title')}</span>
          {m && <Tag color={CATEGORY_COLOR[m.category]}>{categoryText(t, m.category)}</Tag>}
          {m && <Tag color={STATUS_COLOR[m.status]}>{statusText(t, m.status)}</Tag>}
        </Flex>
      }
      extra={
        <Flex gap={8} wrap justify="flex-end">
          {canReveal && (
            <Button
              icon={reveal ? <EyeInvisibleOutlined /> : <EyeOutlined />}
              loading={member.isFetching && reveal}
              onClick={() => setReveal((r) => !r)}
              data-testid="member-detail-reveal"
            >
              {reveal ? t('members.detail.hide') : t('members.detail.reveal')}
            </Button>
          )}
          {canWrite && (
            <Button type="primary" icon={<EditOutlined />} disabled={!m} onClick={() => setEditing(true)} data-testid="member-detail-edit">
              {t('members.detail.edit')}
            </Button>
          )}
        </Flex>
      }
    >
      {!m ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Flex vertical gap={16}>
          <Alert
            type={m.revealed ? 'warning' : 'info'}
            showIcon
            title={m.revealed ? t('members.detail.revealed') : t('members.detail.masked')}
            data-testid="member-detail-mask-state"
          />
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'basic',
                label: t('memberRecords.tabBasic'),
                children: (
                  <Flex gap={24} align="flex-start" wrap={!wide}>
                    <MemberPhoto memberId={id} photoUrl={m.photoUrl} canWrite={canWrite} />
                    <Flex vertical gap={24} style={{ flex: 1, minWidth: 0 }}>
                      <Descriptions
                        title={t('members.detail.basic')}
                        bordered={wide}
                        size="small"
                        column={columns}
                        items={items([
                          ['name', m.name],
                          ['sex', sexText(t, m.sex)],
                          ['ethnicity', m.ethnicity],
                          ['birthDate', m.birthDate],
                          ['age', t('members.ageYears', { count: m.age })],
                          ['idNumber', m.idNumber],
                          ['nativePlace', m.nativePlace],
                          ['education', educationText(t, m.education)],
                          ['degree', m.degree],
                          ['post', m.post],
                          ['jobTitle', m.jobTitle],
                          ['joinedWorkOn', m.joinedWorkOn],
                          ['health', m.health],
                          [
                            'labels',
                            m.labels.length
                              ? m.labels.map((l) => (
                                  <Tag key={l} variant="outlined">
                                    {labelText(t, l)}
                                  </Tag>
                                ))
                              : null,
                          ],
                        ])}
                      />
                      <Descriptions
                        title={t('members.detail.party')}
                        bordered={wide}
                        size="small"
                        column={columns}
                        items={items([
                          ['orgName', m.orgName],
                          ['category', categoryText(t, m.category)],
                          ['status', statusText(t, m.status)],
                          ['appliedOn', m.appliedOn],
                          ['admittedOn', m.admittedOn],
                          ['fullOn', m.fullOn],
                          ['partyAge', m.partyAge === null ? t('members.detail.partyAgeNone') : t('members.years', { count: m.partyAge })],
                        ])}
                      />
                      <Descriptions
                        title={t('members.detail.contact')}
                        bordered={wide}
                        size="small"
                        column={{ xs: 1, sm: 2 }}
                        items={items([
                          ['phone', m.phone],
                          ['address', m.address],
                        ])}
                      />
                    </Flex>
                  </Flex>
                ),
              },
              {
                key: 'records',
                label: <span data-testid="member-tab-records">{t('memberRecords.tabRecords')}</span>,
                children: <MemberRecords memberId={id} reveal={m.revealed} canWrite={canWrite} />,
              },
              {
                key: 'history',
                label: <span data-testid="member-tab-history">{t('memberRecords.tabHistory')}</span>,
                children: <MemberHistory memberId={id} />,
              },
            ]}
          />
        </Flex>
      )}
      {canWrite && <MemberFormModal open={editing} memberId={id} onClose={() => setEditing(false)} onSaved={() => undefined} />}
    </Card>
  );
}
