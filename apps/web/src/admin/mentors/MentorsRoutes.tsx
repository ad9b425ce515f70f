import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { OrgTabsPage } from '../orgs/OrgTabsPage';
import { PairPage } from './PairPage';
import { PairsTab } from './PairsTab';

/** Console pages of the mentors module (/admin/mentors/*). */
export function MentorsRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <OrgTabsPage
            title={t('mentors.title')}
            orgLabel={t('mentors.org')}
            pickOrg={t('mentors.pickOrg')}
            testId="mentors"
            tabs={[{ key: 'pairs', label: t('mentors.ledger'), render: (orgId) => <PairsTab orgId={orgId} /> }]}
          />
        }
      />
      <Route path=":id" element={<PairPage />} />
    </Routes>
  );
}
