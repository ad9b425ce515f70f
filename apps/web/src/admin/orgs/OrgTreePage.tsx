import { Card, Empty, Flex, Input, Result, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgNodeDto } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { allIds, filterOrgTree, useOrgTree } from './org-tree';

function Highlight({ text, q }: { text: string; q: string }) {
  const i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (i < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, i)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

/** 组织架构: the visible org tree with kind, category and member counts; a search box filters it. */
export function OrgTreePage() {
  const { t } = useTranslation();
  const tree = useOrgTree();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const [expanded, setExpanded] = useState<React.Key[] | null>(null);

  const filtered = useMemo(() => filterOrgTree(tree.data ?? [], query), [tree.data, query]);
  const toData = (nodes: OrgNodeDto[]): DataNode[] =>
    nodes.map((n) => ({
      key: n.id,
      title: (
        <Flex gap={6} wrap align="center" style={{ padding: '2px 0' }} data-testid={`org-${n.id}`}>
          <Typography.Text strong={n.children.length > 0}>
            <Highlight text={n.name} q={query} />
          </Typography.Text>
          <Tag color="red" variant="outlined">
            {n.kindName}
          </Tag>
          {n.categoryName && <Tag>{n.categoryName}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('orgs.members', { count: n.memberCount })}
          </Typography.Text>
        </Flex>
      ),
      children: toData(n.children),
    }));

  // Searching expands the matches' ancestors; otherwise the user's own expansion (default: two levels).
  const expandedKeys = query ? filtered.expand : (expanded ?? allIds(tree.data ?? [], 2));

  return (
    <Card title={t('orgs.title')}>
      <Input.Search
        allowClear
        placeholder={t('orgs.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 16 }}
        data-testid="org-search"
      />
      {tree.isPending ? (
        <Spin />
      ) : tree.isError ? (
        <Result status="error" title={t('errors.loadFailed')} subTitle={errorText(tree.error, t)} />
      ) : filtered.nodes.length === 0 ? (
        <Empty description={query ? t('orgs.noMatch', { q: query }) : t('orgs.empty')} />
      ) : (
        <Tree
          blockNode
          showLine
          treeData={toData(filtered.nodes)}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpanded(keys)}
          data-testid="org-tree"
        />
      )}
    </Card>
  );
}
