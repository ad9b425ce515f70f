import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CaseSummary, RECRUITMENT_KEY, recruitmentApi } from '../../api/recruitment';
import { errorText } from '../../lib/error-text';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { DueCell, NextCell, RecruitmentNav, useOrgParam } from './shared';

/** 待上级党委办理: cases in the committee's subtree whose next step is the committee's (备案, 预审, 谈话, 审批). */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useOrgParam();
  const list = useQuery({
    queryKey: [...RECRUITMENT_KEY, 'approvals', orgId],
    queryFn: () => recruitmentApi.approvals(orgId as number),
    enabled: Boolean(orgId),
  });
  return (
    <Card title={t('recruitment.approvals')} extra={<RecruitmentNav />}>
      <div style={{ maxWidth: 320, marginBottom: 12 }}>
        <OrgTreeSelect value={orgId} onChange={setOrgId} testId="approvals-org" />
      </div>
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        onRow={(c) => ({ 'data-testid': `approval-row-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'name',
            title: t('recruitment.col.name'),
            render: (_, c) => <Link to={`/admin/recruitment/cases/${c.id}`}>{c.name}</Link>,
          },
          { key: 'org', title: t('recruitment.col.branch'), dataIndex: 'orgName' },
          { key: 'stage', title: t('recruitment.col.stage'), render: (_, c) => <Tag>{c.stageName}</Tag> },
          { key: 'next', title: t('recruitment.col.next'), render: (_, c) => <NextCell next={c.next} t={t} /> },
          { key: 'due', title: t('recruitment.col.due'), render: (_, c) => <DueCell next={c.next} t={t} /> },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, c) => <Link to={`/admin/recruitment/cases/${c.id}`}>{t('recruitment.open')}</Link>,
          },
        ]}
        locale={{
          emptyText: list.isError ? (
            <Empty description={errorText(list.error, t)} />
          ) : (
            <Empty description={t('recruitment.emptyApprovals')} />
          ),
        }}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { count: n }) }}
      />
    </Card>
  );
}
