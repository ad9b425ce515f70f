import { Card, Empty, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { useOrgTree } from '../orgs/org-tree';
import { ArrearsTab, CasesTab } from './ArrearsTab';
import { BasesTab } from './BasesTab';
import { LedgerTab } from './LedgerTab';
import { PaymentsTab } from './PaymentsTab';
import { ReportsTab } from './ReportsTab';
import { SettingsTab } from './SettingsTab';

const TABS = ['ledger', 'bases', 'payments', 'arrears', 'cases', 'reports', 'settings'] as const;
type Tab = (typeof TABS)[number];

/**
 * 党费管理: one organization picked at the top (a branch, or a committee for its whole subtree),
 * then the ledger, bases, payments, arrears, withdrawal review and year reports as tabs. The
 * choice lives in the address bar, so a to-do's link opens the right tab.
 */
export function DuesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tree = useOrgTree();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'ledger';
  const orgId = Number(params.get('orgId')) || tree.data?.[0]?.id;
  const set = (k: string, v: string | number) =>
    setParams(
      (p) => {
        p.set(k, String(v));
        return p;
      },
      { replace: true },
    );

  const body = (key: Tab) => {
    if (key === 'settings') return <SettingsTab />;
    if (!orgId) return <Empty description={t('dues.pickOrg')} />;
    switch (key) {
      case 'ledger':
        return <LedgerTab orgId={orgId} />;
      case 'bases':
        return <BasesTab orgId={orgId} />;
      case 'payments':
        return <PaymentsTab orgId={orgId} />;
      case 'arrears':
        return <ArrearsTab orgId={orgId} />;
      case 'cases':
        return <CasesTab orgId={orgId} />;
      case 'reports':
        return <ReportsTab orgId={orgId} />;
    }
  };

  return (
    <Card
      title={t('dues.title')}
      extra={
        <Flex gap={8} align="center" style={{ minWidth: 320 }}>
          <span>{t('dues.org')}</span>
          <OrgTreeSelect value={orgId} onChange={(v) => set('orgId', v)} testId="dues-org" />
        </Flex>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        destroyOnHidden
        items={TABS.map((k) => ({ key: k, label: <span data-testid={`dues-tab-${k}`}>{t(`dues.tabs.${k}`)}</span>, children: body(k) }))}
      />
    </Card>
  );
}
