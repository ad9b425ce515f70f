import { Select, Tag } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberOption } from '../../api/orgs';
import { useMemberOptions } from './org-query';

interface Props {
  /** Members of this org and its sub-orgs. */
  orgId: number;
  value?: number;
  onChange?: (id: number, member?: MemberOption) => void;
  /** Only full members (班子职务). */
  fullOnly?: boolean;
  /** Members already known (a prefilled form), so their names show before any search. */
  known?: { id: number; name: string }[];
  testId?: string;
}

/** Picks a member in good standing of an org's subtree: type part of a name (or its pinyin) to search. */
export function MemberPicker({ orgId, value, onChange, fullOnly = false, known = [], testId }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const query = useDeferredValue(q.trim());
  const found = useMemberOptions({ orgId, q: query || undefined, category: fullOnly ? 'full' : undefined }, open || query !== '');
  const items = found.data?.items ?? [];
  const seen = new Set(items.map((m) => m.id));
  const options = [
    ...items.map((m) => ({
      value: m.id,
      label: m.name,
      member: m,
      title: `${m.name} · ${m.orgName}`,
    })),
    ...known.filter((k) => !seen.has(k.id)).map((k) => ({ value: k.id, label: k.name, member: undefined, title: k.name })),
  ];
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(id) =>
        onChange?.(
          id,
          items.find((m) => m.id === id),
        )
      }
      onOpenChange={setOpen}
      options={options}
      loading={found.isFetching}
      placeholder={t('orgDetail.memberSearch')}
      notFoundContent={found.isFetching ? t('common.loading') : t('orgDetail.memberNone')}
      optionRender={(o) => (
        <span>
          {o.data.label}
          {o.data.member && (
            <>
              <span style={{ color: '#8c8c8c', marginInlineStart: 8, fontSize: 12 }}>{o.data.member.orgName}</span>
              {o.data.member.category !== 'full' && (
                <Tag style={{ marginInlineStart: 8 }} color="orange">
                  {t('orgDetail.probationary')}
                </Tag>
              )}
            </>
          )}
        </span>
      )}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
