import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { OrgTabsPage } from '../orgs/OrgTabsPage';
import { ExamResultsPage } from './ExamResultsPage';
import { ExamsTab } from './ExamsTab';
import { QuestionsTab } from './QuestionsTab';

/** 学习教育: one org picked at the top, then the question bank and the exams as tabs (choice kept in the address bar). */
function LearningPage() {
  const { t } = useTranslation();
  return (
    <OrgTabsPage
      title={t('learning.title')}
      orgLabel={t('learning.org')}
      pickOrg={t('learning.pickOrg')}
      testId="learning"
      tabs={[
        { key: 'questions', label: t('learning.tabs.questions'), render: (orgId) => <QuestionsTab orgId={orgId} /> },
        { key: 'exams', label: t('learning.tabs.exams'), render: (orgId) => <ExamsTab orgId={orgId} /> },
      ]}
    />
  );
}

/** Console pages of the learning module, under /admin/learning/*. */
export function LearningRoutes() {
  return (
    <Routes>
      <Route index element={<LearningPage />} />
      <Route path="exams/:id" element={<ExamResultsPage />} />
    </Routes>
  );
}
