import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgNodeDto } from '../../api/types';
import { kindText } from './org-text';

interface Option {
  value: number;
  title: string;
  disabled: boolean;
  children: Option[];
}

interface Props {
  /** The tree to pick from (the user's visible tree). */
  tree: OrgNodeDto[];
  value?: number;
  onChange?: (v: number) => void;
  /** Orgs that cannot be picked (shown greyed, their children still open). */
  isDisabled?: (node: OrgNodeDto) => boolean;
  placeholder?: string;
  testId?: string;
}

/** Picks one org from a tree with some orgs ruled out (调整隶属, 合并, 转移党员). Searchable by name. */
export function OrgPicker({ tree, value, onChange, isDisabled, placeholder, testId }: Props) {
  const { t } = useTranslation();
  const toOptions = (nodes: OrgNodeDto[]): Option[] =>
    nodes.map((n) => ({
      value: n.id,
      title: `${n.name}（${kindText(t, n.kind, n.kindName)}）`,
      disabled: isDisabled?.(n) ?? false,
      children: toOptions(n.children),
    }));
  return (
    <TreeSelect<number>
      value={value}
      onChange={onChange}
      treeData={toOptions(tree)}
      placeholder={placeholder ?? t('orgs.pick')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={tree.map((n) => n.id)}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
