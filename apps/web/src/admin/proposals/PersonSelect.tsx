import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { proposalsApi } from '../../api/proposals';

/** Search-as-you-type accounts (co-proposers, reviewers, owners). */
export function PersonSelect({
  value,
  onChange,
  multiple,
  testId,
}: {
  value?: number | number[];
  onChange?: (v: number | number[]) => void;
  multiple?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['proposal-people', q], queryFn: () => proposalsApi.people(q), enabled: q.length > 0 });
  return (
    <Select
      data-testid={testId}
      aria-label={t('proposals.pickPerson')}
      placeholder={t('proposals.pickPerson')}
      style={{ minWidth: 240 }}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={list.isLoading}
      options={(list.data?.items ?? []).map((p) => ({ value: p.userId, label: `${p.name}（${p.orgName}）` }))}
    />
  );
}
