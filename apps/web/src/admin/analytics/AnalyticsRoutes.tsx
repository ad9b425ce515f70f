import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { hasPermission, useMe } from '../../lib/session';
import { OrgTabsPage } from '../orgs/OrgTabsPage';
import { CorrelationTab } from './CorrelationTab';
import { DashboardTab } from './DashboardTab';
import { HistoryTab } from './HistoryTab';
import { ImportTab } from './ImportTab';

/** 数据分析 (issue 23): the dashboard drilled down the tree, the import, party work against safety, the change history. */
export function AnalyticsRoutes() {
  return (
    <Routes>
      <Route index element={<AnalyticsPage />} />
    </Routes>
  );
}

function AnalyticsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const write = hasPermission(me, 'analytics:write');
  return (
    <OrgTabsPage
      title={t('analytics.title')}
      orgLabel={t('analytics.org')}
      pickOrg={t('analytics.pickOrg')}
      testId="analytics"
      tabs={[
        { key: 'dashboard', label: t('analytics.tabs.dashboard'), render: (orgId) => <DashboardTab orgId={orgId} /> },
        ...(write
          ? [{ key: 'import' as const, label: t('analytics.tabs.import'), render: (orgId: number) => <ImportTab orgId={orgId} /> }]
          : []),
        { key: 'correlation', label: t('analytics.tabs.correlation'), render: (orgId) => <CorrelationTab orgId={orgId} /> },
        { key: 'history', label: t('analytics.tabs.history'), render: (orgId) => <HistoryTab orgId={orgId} /> },
      ]}
    />
  );
}
