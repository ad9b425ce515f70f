import { Card, Empty, Flex, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { OrgTreeSelect } from './OrgTreeSelect';
import { useOrgTree } from './org-tree';

interface Props<K extends string> {
  title: ReactNode;
  /** The label beside the org picker, and the text when no org is open to the user. */
  orgLabel: ReactNode;
  pickOrg: ReactNode;
  /** Test ids: `${testId}-org` for the picker, `${testId}-tab-${key}` for each tab. */
  testId: string;
  tabs: readonly { key: K; label: ReactNode; render: (orgId: number) => ReactNode }[];
}

/**
 * A module page working on one org: the org picked at the top (the first of the user's tree by
 * default), then the module's tabs; the org and the tab live in the address bar.
 */
export function OrgTabsPage<K extends string>({ title, orgLabel, pickOrg, testId, tabs }: Props<K>) {
  const [params, setParams] = useSearchParams();
  const tree = useOrgTree();
  const tab = tabs.find((x) => x.key === params.get('tab'))?.key ?? tabs[0].key;
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
      title={title}
      extra={
        <Flex gap={8} align="center" style={{ minWidth: 320 }}>
          <span style={{ whiteSpace: 'nowrap' }}>{orgLabel}</span>
          <OrgTreeSelect value={orgId} onChange={(v) => set('orgId', v)} testId={`${testId}-org`} />
        </Flex>
      }
    >
      {!orgId ? (
        <Empty description={pickOrg} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          destroyOnHidden
          items={tabs.map((x) => ({
            key: x.key,
            label: <span data-testid={`${testId}-tab-${x.key}`}>{x.label}</span>,
            children: x.render(orgId),
          }))}
        />
      )}
    </Card>
  );
}
