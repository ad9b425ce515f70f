import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { AuditPage } from './audit/AuditPage';
import { EnrolPage } from './auth/EnrolPage';
import { LoginPage } from './auth/LoginPage';
import { PasswordStagePage } from './auth/PasswordStagePage';
import { CompetitionsRoutes } from './competitions/CompetitionsRoutes';
import { CorrectionsPage } from './corrections/CorrectionsPage';
import { CoursesRoutes } from './courses/CoursesRoutes';
import { DuesRoutes } from './dues/DuesRoutes';
import { ForbiddenPage, NotFoundPage } from './errors/ResultPages';
import { GrantsPage } from './grants/GrantsPage';
import { HomePage } from './home/HomePage';
import { AdminLayout } from './layout/AdminLayout';
import { RequirePermission } from './layout/RequirePermission';
import { LearningRoutes } from './learning/LearningRoutes';
import { LifeRoutes } from './life/LifeRoutes';
import { ImportPage } from './members/import/ImportPage';
import { MemberDetailPage } from './members/MemberDetailPage';
import { MembersPage } from './members/MembersPage';
import { MentorsRoutes } from './mentors/MentorsRoutes';
import { OrgTreePage } from './orgs/OrgTreePage';
import { PointsRoutes } from './points/PointsRoutes';
import { RecruitmentRoutes } from './recruitment/RecruitmentRoutes';
import { RelationsRoutes } from './relations/RelationsRoutes';
import { type ConsolePage, pageByKey } from './routes';
import { UsersPage } from './users/UsersPage';

const guarded = (key: ConsolePage['key'], element: ReactNode) => (
  <RequirePermission access={pageByKey(key).access}>{element}</RequirePermission>
);

/** Routes under /admin. Stage pages sit outside the layout: they are reachable before `active`. */
export function AdminRoutes() {
  return (
    <Routes>
      <Route path="login" element={<LoginPage />} />
      <Route path="enrol" element={<EnrolPage />} />
      <Route path="password" element={<PasswordStagePage />} />
      <Route element={<AdminLayout />}>
        <Route index element={<HomePage />} />
        <Route path="orgs" element={guarded('orgs', <OrgTreePage />)} />
        <Route path="members" element={guarded('members', <MembersPage />)} />
        {/* Importing writes records: members:write, beyond the list's members:read. */}
        <Route
          path="members/import"
          element={
            <RequirePermission access="members:write">
              <ImportPage />
            </RequirePermission>
          }
        />
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
        <Route path="403" element={<ForbiddenPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
