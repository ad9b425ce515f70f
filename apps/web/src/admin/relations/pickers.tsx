import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { relationsApi } from '../../api/relations';

interface PickerProps {
  value?: number;
  onChange?: (v: number) => void;
  testId: string;
}

/** A member of the user's scope, found by name, pinyin or initials. */
export function MemberSelect({ value, onChange, testId }: PickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['relations', 'member-options', q], queryFn: () => relationsApi.members(q || undefined) });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('relations.pickMember')}
      loading={list.isFetching}
      options={(list.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }))}
      notFoundContent={t('relations.noMatch')}
      data-testid={testId}
    />
  );
}

/** An org of the user's group that can receive a member (names only). */
export function DestinationSelect({ value, onChange, testId }: PickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['relations', 'destinations', q], queryFn: () => relationsApi.destinations(q || undefined) });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('relations.pickOrg')}
      loading={list.isFetching}
      options={(list.data ?? []).map((o) => ({ value: o.id, label: o.parentName ? `${o.name}（${o.parentName}）` : o.name }))}
      notFoundContent={t('relations.noMatch')}
      data-testid={testId}
    />
  );
}
