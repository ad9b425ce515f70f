import { Spin } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { lazyNamed } from '../lib/lazy';
import { HomePage } from './home/HomePage';
import { AdminLayout } from './layout/AdminLayout';
import { RequirePermission } from './layout/RequirePermission';
import { type ConsolePage, pageByKey } from './routes';

/* The frame and the home load with the console; every other page is fetched when first opened (one
 * chunk per module), so signing in does not wait for fifteen modules' pages. */
const ForbiddenPage = lazyNamed(() => import('./errors/ResultPages'), 'ForbiddenPage');
const NotFoundPage = lazyNamed(() => import('./errors/ResultPages'), 'NotFoundPage');
const LoginPage = lazyNamed(() => import('./auth/LoginPage'), 'LoginPage');
const EnrolPage = lazyNamed(() => import('./auth/EnrolPage'), 'EnrolPage');
const PasswordStagePage = lazyNamed(() => import('./auth/PasswordStagePage'), 'PasswordStagePage');
const OrgTreePage = lazyNamed(() => import('./orgs/OrgTreePage'), 'OrgTreePage');
const MembersPage = lazyNamed(() => import('./members/MembersPage'), 'MembersPage');
const ImportPage = lazyNamed(() => import('./members/import/ImportPage'), 'ImportPage');
const MemberDetailPage = lazyNamed(() => import('./members/MemberDetailPage'), 'MemberDetailPage');
const CorrectionsPage = lazyNamed(() => import('./corrections/CorrectionsPage'), 'CorrectionsPage');
const RecruitmentRoutes = lazyNamed(() => import('./recruitment/RecruitmentRoutes'), 'RecruitmentRoutes');
const RelationsRoutes = lazyNamed(() => import('./relations/RelationsRoutes'), 'RelationsRoutes');
const DuesRoutes = lazyNamed(() => import('./dues/DuesRoutes'), 'DuesRoutes');
const LifeRoutes = lazyNamed(() => import('./life/LifeRoutes'), 'LifeRoutes');
const LearningRoutes = lazyNamed(() => import('./learning/LearningRoutes'), 'LearningRoutes');
const CoursesRoutes = lazyNamed(() => import('./courses/CoursesRoutes'), 'CoursesRoutes');
const PointsRoutes = lazyNamed(() => import('./points/PointsRoutes'), 'PointsRoutes');
const MentorsRoutes = lazyNamed(() => import('./mentors/MentorsRoutes'), 'MentorsRoutes');
const CompetitionsRoutes = lazyNamed(() => import('./competitions/CompetitionsRoutes'), 'CompetitionsRoutes');
const UsersPage = lazyNamed(() => import('./users/UsersPage'), 'UsersPage');
const GrantsPage = lazyNamed(() => import('./grants/GrantsPage'), 'GrantsPage');
const AuditPage = lazyNamed(() => import('./audit/AuditPage'), 'AuditPage');
const NotifyPage = lazyNamed(() => import('./notify/NotifyPage'), 'NotifyPage');
const CalendarPage = lazyNamed(() => import('./calendar/CalendarPage'), 'CalendarPage');
const AnalyticsRoutes = lazyNamed(() => import('./analytics/AnalyticsRoutes'), 'AnalyticsRoutes');
const ServiceTokensPage = lazyNamed(() => import('./analytics/ServiceTokensPage'), 'ServiceTokensPage');

/** A lazily loaded page: a spinner in the content area while its chunk arrives; the menu stays. */
const lazyPage = (element: ReactNode) => (
  <Suspense
    fallback={
      <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
        <Spin />
      </div>
    }
  >
    {element}
  </Suspense>
);

const guarded = (key: ConsolePage['key'], element: ReactNode) => (
  <RequirePermission access={pageByKey(key).access}>{lazyPage(element)}</RequirePermission>
);

/** Routes under /admin. Stage pages sit outside the layout: they are reachable before `active`. */
export function AdminRoutes() {
  return (
    <Routes>
      <Route path="login" element={lazyPage(<LoginPage />)} />
      <Route path="enrol" element={lazyPage(<EnrolPage />)} />
      <Route path="password" element={lazyPage(<PasswordStagePage />)} />
      <Route element={<AdminLayout />}>
        <Route index element={<HomePage />} />
        <Route path="orgs" element={guarded('orgs', <OrgTreePage />)} />
        <Route path="members" element={guarded('members', <MembersPage />)} />
        {/* Importing writes records: members:write, beyond the list's members:read. */}
        <Route path="members/import" element={<RequirePermission access="members:write">{lazyPage(<ImportPage />)}</RequirePermission>} />
        <Route path="members/:id" element={guarded('members', <MemberDetailPage />)} />
        <Route path="member-corrections" element={guarded('memberCorrections', <CorrectionsPage />)} />
        <Route path="recruitment/*" element={guarded('recruitment', <RecruitmentRoutes />)} />
        <Route path="relations/*" element={guarded('relations', <RelationsRoutes />)} />
        <Route path="dues/*" element={guarded('dues', <DuesRoutes />)} />
        <Route path="life/*" element={guarded('life', <LifeRoutes />)} />
        <Route path="learning/*" element={guarded('learning', <LearningRoutes />)} />
        <Route path="courses/*" element={guarded('courses', <CoursesRoutes />)} />
        <Route path="points/*" element={guarded('points', <PointsRoutes />)} />
        <Route path="mentors/*" element={guarded('mentors', <MentorsRoutes />)} />
        <Route path="competitions/*" element={guarded('competitions', <CompetitionsRoutes />)} />
        <Route path="users" element={guarded('users', <UsersPage />)} />
        <Route path="grants" element={guarded('grants', <GrantsPage />)} />
        <Route path="audit" element={guarded('audit', <AuditPage />)} />
        <Route path="notify" element={guarded('notify', <NotifyPage />)} />
        <Route path="calendar" element={guarded('calendar', <CalendarPage />)} />
        <Route path="analytics/*" element={guarded('analytics', <AnalyticsRoutes />)} />
        <Route path="service-tokens" element={guarded('serviceTokens', <ServiceTokensPage />)} />
        <Route path="403" element={lazyPage(<ForbiddenPage />)} />
        <Route path="*" element={lazyPage(<NotFoundPage />)} />
      </Route>
    </Routes>
  );
}
