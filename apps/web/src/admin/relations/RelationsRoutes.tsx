import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router';
import { LetterPrintPage } from './LetterPrintPage';
import { LettersTab } from './LettersTab';
import { LostTab } from './LostTab';
import { MobileTab } from './MobileTab';
import { TransfersTab } from './TransfersTab';

const TABS = ['out', 'in', 'letters', 'mobile', 'lost'] as const;
type Tab = (typeof TABS)[number];

/** 组织关系: transfers out and in, letters, mobile members, lost contact — one page with tabs. */
function RelationsPage({ tab }: { tab?: Tab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { search } = useLocation();
  const fromQuery = params.get('tab') as Tab | null;
  const active: Tab = tab ?? (fromQuery && TABS.includes(fromQuery) ? fromQuery : 'out');
  const go = (k: string) => {
    if (k === 'letters' || k === 'mobile' || k === 'lost') navigate(`/admin/relations/${k}`);
    else navigate(`/admin/relations?tab=${k}`);
  };
  const body = {
    out: <TransfersTab box="out" key="out" />,
    in: <TransfersTab box="in" key="in" />,
    letters: <LettersTab />,
    mobile: <MobileTab />,
    lost: <LostTab />,
  }[active];
  return (
    <Card title={t('relations.title')} data-testid="relations-page" data-search={search}>
      <Tabs
        activeKey={active}
        onChange={go}
        items={TABS.map((k) => ({ key: k, label: <span data-testid={`relations-tab-${k}`}>{t(`relations.tabs.${k}`)}</span> }))}
      />
      {body}
    </Card>
  );
}

/** Console pages of the relations module, under /admin/relations/*. */
export function RelationsRoutes() {
  return (
    <Routes>
      <Route index element={<RelationsPage />} />
      <Route path="letters" element={<RelationsPage tab="letters" />} />
      <Route path="letters/:id/print" element={<LetterPrintPage />} />
      <Route path="mobile" element={<RelationsPage tab="mobile" />} />
      <Route path="lost" element={<RelationsPage tab="lost" />} />
    </Routes>
  );
}
