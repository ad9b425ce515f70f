import { Card, Col, Empty, Flex, Grid, Input, Result, Row, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { OrgNodeDto } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { OrgDetail } from './OrgDetail';
import { locate } from './org-query';
import { categoryText, kindText } from './org-text';
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

/**
 * Siblings in the order they were set up (ids grow). The server orders by path text, which puts
 * /1/3/21/ before /1/3/4/ and so a mine's 生产党总支 after its later branches.
 */
const byId = (list: OrgNodeDto[]): OrgNodeDto[] => [...list].sort((a, b) => a.id - b.id).map((n) => ({ ...n, children: byId(n.children) }));

interface TreeCardProps {
  tree: ReturnType<typeof useOrgTree>;
  selected?: number;
  onSelect: (id: number) => void;
  /** Beside the detail: the tree scrolls on its own so both stay in view. */
  scroll?: boolean;
}

/** The visible org tree with kind, category and member counts; a search box filters it. */
function OrgTreeCard({ tree, selected, onSelect, scroll = false }: TreeCardProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const nodes = useMemo(() => byId(tree.data ?? []), [tree.data]);

  // A selected org (a new one, a merge target, a link from a warning) shows with its ancestors open.
  useEffect(() => {
    const trail = selected ? locate(nodes, selected)?.trail : undefined;
    if (!trail?.length) return;
    setExpanded((prev) => {
      const base = prev ?? allIds(nodes, 2);
      const missing = trail.map((n) => n.id).filter((id) => !base.includes(id));
      return missing.length ? [...base, ...missing] : base;
    });
  }, [selected, nodes]);

  const filtered = useMemo(() => filterOrgTree(nodes, query), [nodes, query]);
  const toData = (list: OrgNodeDto[]): DataNode[] =>
    list.map((n) => ({
      key: n.id,
      title: (
        <Flex gap={6} wrap align="center" style={{ padding: '2px 0' }} data-testid={`org-${n.id}`}>
          <Typography.Text strong={n.children.length > 0}>
            <Highlight text={n.name} q={query} />
          </Typography.Text>
          <Tag color="red" variant="outlined">
            {kindText(t, n.kind, n.kindName)}
          </Tag>
          {n.category && <Tag>{categoryText(t, n.category, n.categoryName ?? undefined)}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('orgs.members', { count: n.memberCount })}
          </Typography.Text>
        </Flex>
      ),
      children: toData(n.children),
    }));

  // Searching expands the matches' ancestors; otherwise the user's own expansion (default: two levels).
  const expandedKeys = query ? filtered.expand : (expanded ?? allIds(nodes, 2));

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
          selectedKeys={selected ? [selected] : []}
          onSelect={(_, info) => onSelect(Number(info.node.key))}
          style={scroll ? { maxHeight: 'calc(100vh - 240px)', overflow: 'auto' } : undefined}
          data-testid="org-tree"
        />
      )}
    </Card>
  );
}

/**
 * 组织架构: the tree on the left, the selected org's detail on the right. The selection and the
 * open tab live in the address (?org=12&tab=terms) so a link or a reload lands on the same view.
 * On a narrow screen the two take turns: the tree, then the detail with a way back.
 */
export function OrgTreePage() {
  const { t } = useTranslation();
  const tree = useOrgTree();
  const [params, setParams] = useSearchParams();
  const wide = Grid.useBreakpoint().lg ?? true;
  const picked = Number(params.get('org')) || undefined;
  // On a wide screen the first visible org is open by default; a phone starts on the tree.
  const current = picked ?? (wide ? tree.data?.[0]?.id : undefined);
  const select = (id: number | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('org', String(id));
        else next.delete('org');
        return next;
      },
      { replace: false },
    );

  const detail = current ? (
    <OrgDetail key={current} id={current} tree={tree.data ?? []} onSelect={select} onBack={wide ? undefined : () => select(undefined)} />
  ) : (
    <Card>
      <Empty description={t('orgDetail.pickHint')} />
    </Card>
  );

  // One element tree for both widths: a breakpoint change (a rotated phone, a resized window) only
  // hides or shows a column, so the open detail and any dialog in it stay mounted.
  const alone = !wide && current !== undefined;
  return (
    <Row gutter={[16, 16]} wrap={false} align="top">
      <Col flex={wide ? '0 0 clamp(340px, 36%, 480px)' : '1 1 0'} style={{ minWidth: 0, display: alone ? 'none' : undefined }}>
        <OrgTreeCard tree={tree} selected={current} onSelect={select} scroll={wide} />
      </Col>
      <Col flex="1 1 0" style={{ minWidth: 0, display: wide || alone ? undefined : 'none' }}>
        {detail}
      </Col>
    </Row>
  );
}
