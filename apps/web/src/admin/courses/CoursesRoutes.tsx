import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { OrgTabsPage } from '../orgs/OrgTabsPage';
import { CoursesTab } from './CoursesTab';
import { PlansTab } from './PlansTab';

/** 课程与学习: courses and plans as tabs; the org picked at the top owns new courses and plans. */
function CoursesPage() {
  const { t } = useTranslation();
  return (
    <OrgTabsPage
      title={t('courses.title')}
      orgLabel={t('courses.org')}
      pickOrg={t('courses.pickOrg')}
      testId="courses"
      tabs={[
        { key: 'courses', label: t('courses.tabs.courses'), render: (orgId) => <CoursesTab orgId={orgId} /> },
        { key: 'plans', label: t('courses.tabs.plans'), render: (orgId) => <PlansTab orgId={orgId} /> },
      ]}
    />
  );
}

/** Console pages of the courses module, under /admin/courses/*. */
export function CoursesRoutes() {
  return (
    <Routes>
      <Route index element={<CoursesPage />} />
    </Routes>
  );
}
