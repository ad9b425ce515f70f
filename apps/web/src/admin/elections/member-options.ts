import { useQuery } from '@tanstack/react-query';
import { memberOptions } from '../../api/orgs';

/** The members of an org as select options (first 50, by name). */
export function useMemberOptions(orgId: number) {
  const q = useQuery({ queryKey: ['election-member-options', orgId], queryFn: () => memberOptions({ orgId }) });
  return (q.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
}
