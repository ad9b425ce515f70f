import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { ActionsPage } from './ActionsPage';
import { AppraisalsPage, CampaignPage } from './AppraisalPages';
import { CompliancePage } from './CompliancePage';
import { CasesPage, HoursPage, LeavesPage } from './LedgerPages';
import { tx } from './life-text';
import { MeetingPage } from './MeetingPage';
import { MeetingsPage } from './MeetingsPage';
import { PlanMeetingPage } from './PlanMeetingPage';

const TABS = ['meetings', 'compliance', 'hours', 'appraisals', 'actions', 'leaves', 'cases'] as const;

/** Console pages of the life module, under /admin/life/*. */
export function LifeRoutes() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const seg = pathname.replace(/^\/admin\/life\/?/, '').split('/')[0] || 'meetings';
  const active = TABS.includes(seg as (typeof TABS)[number]) ? seg : 'meetings';
  return (
    <Card title={t('life.title')} styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(k === 'meetings' ? '/admin/life' : `/admin/life/${k}`)}
        items={TABS.map((k) => ({ key: k, label: <span data-testid={`life-tab-${k}`}>{tx(t, `life.tabs.${k}`)}</span> }))}
      />
      <Routes>
        <Route index element={<MeetingsPage />} />
        <Route path="meetings" element={<MeetingsPage />} />
        <Route path="meetings/new" element={<PlanMeetingPage />} />
        <Route path="meetings/:id" element={<MeetingPage />} />
        <Route path="compliance" element={<CompliancePage />} />
        <Route path="hours" element={<HoursPage />} />
        <Route path="appraisals" element={<AppraisalsPage />} />
        <Route path="appraisals/:id" element={<CampaignPage />} />
        <Route path="actions" element={<ActionsPage />} />
        <Route path="leaves" element={<LeavesPage />} />
        <Route path="cases" element={<CasesPage />} />
      </Routes>
    </Card>
  );
}
