import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { OrgTabsPage } from '../orgs/OrgTabsPage';
import { MatterPage } from './MatterPage';
import { MattersTab } from './MattersTab';

/** Console pages of the 三重一大 decisions (/admin/decisions/*). */
export function DecisionsRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <OrgTabsPage
            title={t('decisions.title')}
            orgLabel={t('decisions.org')}
            pickOrg={t('decisions.pickOrg')}
            testId="decisions"
            tabs={[{ key: 'matters', label: t('decisions.matters'), render: (orgId) => <MattersTab orgId={orgId} /> }]}
          />
        }
      />
      <Route path=":id" element={<MatterPage />} />
    </Routes>
  );
}
