import { ApartmentOutlined, DeleteOutlined, MergeCellsOutlined, PlusOutlined, RiseOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgDto } from '../../api/orgs';
import type { OrgNodeDto } from '../../api/types';
import { DissolveModal } from './DissolveModal';
import { OrgCreateModal } from './OrgCreateModal';
import { childKinds, upgradeKinds } from './org-text';
import { MergeModal, MoveModal, UpgradeModal } from './StructureModals';

type Action = 'create' | 'move' | 'upgrade' | 'merge' | 'dissolve';

interface Props {
  org: OrgDto;
  node?: OrgNodeDto;
  tree: OrgNodeDto[];
  onSelect: (id: number) => void;
}

/**
 * The structure changes an org admin makes on the selected org. Only what fits the org's kind is
 * offered (no sub-orgs under a 党小组, no 升格 of a 党委); the top org cannot be moved, merged or
 * dissolved. The server still decides: its refusals show in the dialogs.
 */
export function OrgActions({ org, tree, onSelect }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  // The top of the user's tree has nowhere to go inside the user's reach: no 调整隶属 or 合并.
  const top = org.parentId === null || tree.some((n) => n.id === org.id);
  const props = { open: true, org, tree, onClose: close, onDone: onSelect };
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        {childKinds(org.kind).length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('create')} data-testid="org-create">
            {t('orgDetail.actions.create')}
          </Button>
        )}
        {!top && (
          <Button icon={<ApartmentOutlined />} onClick={() => setOpen('move')} data-testid="org-move">
            {t('orgDetail.actions.move')}
          </Button>
        )}
        {upgradeKinds(org.kind).length > 0 && (
          <Button icon={<RiseOutlined />} onClick={() => setOpen('upgrade')} data-testid="org-upgrade">
            {t('orgDetail.actions.upgrade')}
          </Button>
        )}
        {!top && (
          <Button icon={<MergeCellsOutlined />} onClick={() => setOpen('merge')} data-testid="org-merge">
            {t('orgDetail.actions.merge')}
          </Button>
        )}
        {org.parentId !== null && (
          <Button danger icon={<DeleteOutlined />} onClick={() => setOpen('dissolve')} data-testid="org-dissolve">
            {t('orgDetail.actions.dissolve')}
          </Button>
        )}
      </Flex>
      {open === 'create' && <OrgCreateModal open parent={org} onClose={close} onCreated={(o) => onSelect(o.id)} />}
      {open === 'move' && <MoveModal {...props} />}
      {open === 'upgrade' && <UpgradeModal {...props} />}
      {open === 'merge' && <MergeModal {...props} />}
      {open === 'dissolve' && <DissolveModal {...props} />}
    </>
  );
}
