import { Alert, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ChangeNote, type OrgDto, orgApi, type UpgradeKind } from '../../api/orgs';
import type { OrgNodeDto } from '../../api/types';
import { ChangeModal, note } from './ChangeModal';
import { OrgPicker } from './OrgPicker';
import { locate } from './org-query';
import { isBranchKind, kindText, upgradedName, upgradeKinds } from './org-text';

export interface StructureProps {
  open: boolean;
  org: OrgDto;
  tree: OrgNodeDto[];
  onClose: () => void;
  /** Called with the id of the org to show afterwards. */
  onDone: (showId: number) => void;
}

/** The org and everything under it: never a valid new parent or merge target. */
export function subtreeIds(tree: OrgNodeDto[], id: number): Set<number> {
  const out = new Set<number>([id]);
  const walk = (n: OrgNodeDto) => {
    out.add(n.id);
    n.children.forEach(walk);
  };
  const node = locate(tree, id)?.node;
  if (node) walk(node);
  return out;
}

const nameOf = (tree: OrgNodeDto[], id: number | undefined) => (id ? (locate(tree, id)?.node.name ?? '') : '');

type MoveValues = ChangeNote & { parentId?: number };

/** 调整隶属关系: the org moves with its whole subtree, members and history under a new parent. */
export function MoveModal({ open, org, tree, onClose, onDone }: StructureProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MoveValues>();
  const own = subtreeIds(tree, org.id);
  // 党小组 only under a 党支部; nothing under a 党小组 (支部工作条例 第十条).
  const ruledOut = (n: OrgNodeDto) =>
    own.has(n.id) || n.id === org.parentId || n.kind === 'group' || (org.kind === 'group' && !isBranchKind(n.kind));
  return (
    <ChangeModal<MoveValues>
      open={open}
      form={form}
      prefix="org-move"
      title={t('orgChange.moveTitle', { name: org.name })}
      okText={t('orgChange.move')}
      intro={<Alert type="info" showIcon title={t('orgChange.moveIntro')} style={{ marginBottom: 12 }} />}
      confirmText={(v) => t('orgChange.moveConfirm', { name: org.name, to: nameOf(tree, v.parentId) })}
      run={(v) => orgApi.move(org.id, { parentId: v.parentId ?? 0, ...note(v) })}
      successText={() => t('orgChange.moved', { name: org.name })}
      onClose={onClose}
      onDone={(o) => onDone(o.id)}
    >
      <Form.Item name="parentId" label={t('orgChange.newParent')} rules={[{ required: true, message: t('orgChange.newParentRequired') }]}>
        <OrgPicker tree={tree} isDisabled={ruledOut} testId="org-move-parent" />
      </Form.Item>
    </ChangeModal>
  );
}

type UpgradeValues = ChangeNote & { kind?: UpgradeKind; name?: string };

/** 升格: 党支部 → 党总支 or 党委, 党总支 → 党委; the org keeps its members and history, usually with a new name. */
export function UpgradeModal({ open, org, tree, onClose, onDone }: StructureProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UpgradeValues>();
  const kinds = upgradeKinds(org.kind);
  const members = locate(tree, org.id)?.node.memberCount;
  return (
    <ChangeModal<UpgradeValues>
      open={open}
      form={form}
      prefix="org-upgrade"
      title={t('orgChange.upgradeTitle', { name: org.name })}
      okText={t('orgChange.upgrade')}
      intro={
        <Alert
          type="info"
          showIcon
          title={t('orgChange.upgradeIntro')}
          description={members === undefined ? undefined : t('orgChange.upgradeMembers', { count: members })}
          style={{ marginBottom: 12 }}
        />
      }
      confirmText={(v) =>
        t('orgChange.upgradeConfirm', { name: org.name, kind: v.kind ? kindText(t, v.kind) : '', newName: v.name?.trim() || org.name })
      }
      run={(v) => orgApi.upgrade(org.id, { kind: v.kind ?? kinds[0], name: v.name?.trim() || undefined, ...note(v) })}
      successText={(o) => t('orgChange.upgraded', { name: o.name })}
      onClose={onClose}
      onDone={(o) => onDone(o.id)}
      initialValues={{ kind: kinds[0], name: kinds[0] ? upgradedName(org.name, kinds[0]) : org.name }}
      onValuesChange={(changed) => {
        if (changed.kind) form.setFieldValue('name', upgradedName(org.name, changed.kind));
      }}
    >
      <Form.Item name="kind" label={t('orgChange.upgradeTo')} rules={[{ required: true, message: t('orgChange.upgradeToRequired') }]}>
        <Radio.Group options={kinds.map((k) => ({ value: k, label: kindText(t, k) }))} data-testid="org-upgrade-kind" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('orgChange.newName')}
        extra={t('orgChange.newNameHint')}
        rules={[{ min: 2, max: 80, message: t('orgForm.nameLength') }]}
      >
        <Input maxLength={80} autoComplete="off" data-testid="org-upgrade-name" />
      </Form.Item>
    </ChangeModal>
  );
}

type MergeValues = ChangeNote & { intoId?: number };

/** 合并到…: the org's members, units, 先锋岗 and sub-orgs go to another org, and the org is dissolved. */
export function MergeModal({ open, org, tree, onClose, onDone }: StructureProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MergeValues>();
  const own = subtreeIds(tree, org.id);
  const ruledOut = (n: OrgNodeDto) => own.has(n.id) || (n.kind === 'group' && org.kind !== 'group');
  return (
    <ChangeModal<MergeValues>
      open={open}
      form={form}
      prefix="org-merge"
      danger
      title={t('orgChange.mergeTitle', { name: org.name })}
      okText={t('orgChange.merge')}
      intro={<Alert type="warning" showIcon title={t('orgChange.mergeIntro', { name: org.name })} style={{ marginBottom: 12 }} />}
      confirmText={(v) => t('orgChange.mergeConfirm', { name: org.name, into: nameOf(tree, v.intoId) })}
      run={(v) => orgApi.merge(org.id, { intoId: v.intoId ?? 0, ...note(v) })}
      successText={(into) => t('orgChange.merged', { name: org.name, into: into.name })}
      onClose={onClose}
      onDone={(o) => onDone(o.id)}
    >
      <Form.Item name="intoId" label={t('orgChange.mergeInto')} rules={[{ required: true, message: t('orgChange.mergeIntoRequired') }]}>
        <OrgPicker tree={tree} isDisabled={ruledOut} testId="org-merge-into" />
      </Form.Item>
    </ChangeModal>
  );
}
