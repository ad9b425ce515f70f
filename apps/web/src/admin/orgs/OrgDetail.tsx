import { ArrowLeftOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Flex, Result, Skeleton, Tabs, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { OrgNodeDto } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { hasPermission, useMe } from '../../lib/session';
import { HistoryTab } from './HistoryTab';
import { OrgActions } from './OrgActions';
import { OrgInfoTab } from './OrgInfoTab';
import { locate, useOrg } from './org-query';
import { categoryText, kindText } from './org-text';
import { PioneerTab } from './PioneerTab';
import { RulesTab } from './RulesTab';
import { TermsTab } from './TermsTab';

const TABS = ['info', 'terms', 'pioneer', 'rules', 'history'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (v: string | null): v is TabKey => (TABS as readonly (string | null)[]).includes(v);

interface Props {
  id: number;
  /** The visible tree: the org's place in it (parent, children, member count). */
  tree: OrgNodeDto[];
  onSelect: (id: number | undefined) => void;
  /** Narrow screens: back to the tree. */
  onBack?: () => void;
}

/** One org: its facts and the actions on it, then tabs for 班子, 先锋岗, 规范化检查 and 沿革. */
export function OrgDetail({ id, tree, onSelect, onBack }: Props) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const org = useOrg(id);
  const place = locate(tree, id);
  const tab: TabKey = isTab(params.get('tab')) ? (params.get('tab') as TabKey) : 'info';
  const canWrite = hasPermission(me, 'orgs:write');
  const back = onBack && <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t('orgDetail.backToTree')} />;

  if (org.isError) {
    return (
      <Card>
        <Result
          status="404"
          title={t('orgDetail.notFound')}
          subTitle={errorText(org.error, t)}
          extra={
            <Button type="primary" onClick={() => (onBack ? onBack() : onSelect(undefined))}>
              {t('orgDetail.backToTree')}
            </Button>
          }
          data-testid="org-detail-error"
        />
      </Card>
    );
  }
  if (!org.data) {
    return (
      <Card title={back}>
        <Skeleton active />
      </Card>
    );
  }

  const o = org.data;
  const setTab = (key: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', key);
        return next;
      },
      { replace: true },
    );
  // A phone gets short names so all five tabs fit without a hidden “more” menu.
  const label = (key: TabKey) => (
    <span data-testid={`org-tab-${key}`}>{t(onBack ? `orgDetail.tabsShort.${key}` : `orgDetail.tabs.${key}`)}</span>
  );
  const panes: Record<TabKey, ReactNode> = {
    info: <OrgInfoTab org={o} node={place?.node} parent={place?.trail.at(-1)} canWrite={canWrite} />,
    terms: <TermsTab org={o} canWrite={canWrite} />,
    pioneer: <PioneerTab org={o} canWrite={canWrite} />,
    rules: <RulesTab orgId={o.id} onSelect={onSelect} />,
    history: <HistoryTab orgId={o.id} />,
  };

  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          {back}
          <span data-testid="org-detail-title" style={{ whiteSpace: 'normal' }}>
            {o.name}
          </span>
          <Tag color="red" variant="outlined">
            {kindText(t, o.kind, o.kindName)}
          </Tag>
          <Tag>{categoryText(t, o.category, o.categoryName)}</Tag>
        </Flex>
      }
      data-testid="org-detail"
    >
      {place && place.trail.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={place.trail.map((n) => ({
            key: n.id,
            title: (
              <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onSelect(n.id)}>
                {n.name}
              </Button>
            ),
          }))}
        />
      )}
      {canWrite && <OrgActions org={o} node={place?.node} tree={tree} onSelect={onSelect} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        tabBarGutter={onBack ? 16 : undefined}
        items={TABS.map((key) => ({ key, label: label(key), children: panes[key] }))}
        data-testid="org-tabs"
      />
    </Card>
  );
}
