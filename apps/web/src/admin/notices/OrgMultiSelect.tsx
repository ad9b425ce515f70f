import { TreeSelect } from 'antd';
import type { OrgNodeDto } from '../../api/types';
import { useOrgTree } from '../orgs/org-tree';

interface TreeOption {
  value: number;
  title: string;
  children: TreeOption[];
}
const toOptions = (nodes: OrgNodeDto[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, children: toOptions(n.children) }));

/** Several orgs from the user's visible tree (a form control): a notice's audience, a task's receiving orgs. */
export function OrgMultiSelect({
  value,
  onChange,
  testId,
  id,
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  testId?: string;
  id?: string;
}) {
  const tree = useOrgTree();
  return (
    <TreeSelect<number[]>
      id={id}
      multiple
      value={value}
      onChange={onChange}
      treeData={toOptions(tree.data ?? [])}
      loading={tree.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={(tree.data ?? []).map((n) => n.id)}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
