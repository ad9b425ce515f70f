import { Card, Empty, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useSearchParams } from 'react-router';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { useOrgTree } from '../orgs/org-tree';
import { ExamResultsPage } from './ExamResultsPage';
import { ExamsTab } from './ExamsTab';
import { QuestionsTab } from './QuestionsTab';

const TABS = ['questions', 'exams'] as const;

/** 学习教育: one org picked at the top, then the question bank and the exams as tabs (choice kept in the address bar). */
function LearningPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tree = useOrgTree();
  const tab = params.get('tab') === 'exams' ? 'exams' : 'questions';
  const orgId = Number(params.get('orgId')) || tree.data?.[0]?.id;
  const set = (k: string, v: string | number) =>
    setParams(
      (p) => {
        p.set(k, String(v));
        return p;
      },
      { replace: true },
    );
  return (
    <Card
      title={t('learning.title')}
      extra={
        <Flex gap={8} align="center" style={{ minWidth: 320 }}>
          <span style={{ whiteSpace: 'nowrap' }}>{t('learning.org')}</span>
          <OrgTreeSelect value={orgId} onChange={(v) => set('orgId', v)} testId="learning-org" />
        </Flex>
      }
    >
      {!orgId ? (
        <Empty description={t('learning.pickOrg')} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          destroyOnHidden
          items={TABS.map((k) => ({
            key: k,
            label: <span data-testid={`learning-tab-${k}`}>{t(`learning.tabs.${k}`)}</span>,
            children: k === 'questions' ? <QuestionsTab orgId={orgId} /> : <ExamsTab orgId={orgId} />,
          }))}
        />
      )}
    </Card>
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
