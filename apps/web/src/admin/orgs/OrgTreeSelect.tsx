import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgNodeDto } from '../../api/types';
import { useOrgTree } from './org-tree';

interface TreeOption {
  value: number;
  title: string;
  children: TreeOption[];
}

const toOptions = (nodes: OrgNodeDto[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.id, title: `${n.name}（${n.kindName}）`, children: toOptions(n.children) }));

interface Props {
  value?: number;
  onChange?: (v: number) => void;
  testId?: string;
  /** A filter rather than a required field: can be emptied, with its own placeholder. */
  allowClear?: boolean;
  placeholder?: string;
  disabled?: boolean;
}

/** Picks one org from the user's visible tree, searchable by name (a form control). */
export function OrgTreeSelect({ value, onChange, testId, allowClear = false, placeholder, disabled }: Props) {
  const { t } = useTranslation();
  const tree = useOrgTree();
  return (
    <TreeSelect<number>
      value={value}
      onChange={onChange}
      treeData={toOptions(tree.data ?? [])}
      loading={tree.isPending}
      placeholder={placeholder ?? t('orgs.pick')}
      allowClear={allowClear}
      disabled={disabled}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={false}
      treeDefaultExpandedKeys={(tree.data ?? []).map((n) => n.id)}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
