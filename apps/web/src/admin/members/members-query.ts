import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { MEMBER_LABELS } from '@vanguard/shared';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { membersApi } from '../../api/endpoints';
import type { MemberFilters, MemberLabel, MemberListQuery, MemberSort } from '../../api/member-types';
import { CATEGORY_CODES, STATUS_CODES } from '../../lib/member-text';

export const MEMBERS_KEY = ['members'] as const;

/** One page of members (masked unless `reveal`; a revealed page is audited by the server). */
export function useMembers(q: MemberListQuery) {
  return useQuery({
    queryKey: [...MEMBERS_KEY, 'list', q],
    queryFn: () => membersApi.list(q),
    placeholderData: keepPreviousData,
  });
}

/** One member; `reveal` asks for the unmasked record (403 without members:read-sensitive). */
export function useMember(id: number, reveal: boolean) {
  return useQuery({
    queryKey: [...MEMBERS_KEY, 'detail', id, reveal],
    queryFn: () => membersApi.get(id, reveal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

const SORTS: readonly MemberSort[] = ['name', 'birthDate', 'admittedOn', 'id'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_SIZES = [10, 20, 50, 100];

const int = (v: string | null, min: number, max: number): number | undefined => {
  if (v === null || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
};
const oneOf = <T extends string>(v: string | null, list: readonly T[]): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** Filters, sort and page in the address bar, so the back button from a record returns to the same list. */
export function useMemberListParams() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<MemberFilters>(
    () => ({
      q: params.get('q')?.trim() || undefined,
      orgId: int(params.get('orgId'), 1, Number.MAX_SAFE_INTEGER),
      category: oneOf(params.get('category'), CATEGORY_CODES),
      status: oneOf(params.get('status'), STATUS_CODES),
      label: oneOf<MemberLabel>(params.get('label'), MEMBER_LABELS),
      ageMin: int(params.get('ageMin'), 0, 120),
      ageMax: int(params.get('ageMax'), 0, 120),
      admittedFrom: DAY.test(params.get('admittedFrom') ?? '') ? (params.get('admittedFrom') ?? undefined) : undefined,
      admittedTo: DAY.test(params.get('admittedTo') ?? '') ? (params.get('admittedTo') ?? undefined) : undefined,
      sort: oneOf(params.get('sort'), SORTS),
      order: oneOf(params.get('order'), ['asc', 'desc'] as const),
    }),
    [params],
  );
  const page = int(params.get('page'), 1, 100_000) ?? 1;
  const size = int(params.get('pageSize'), 1, 200);
  const pageSize = size && PAGE_SIZES.includes(size) ? size : 20;

  const write = useCallback(
    (next: Record<string, string | number | undefined>) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(next)) {
            if (v === undefined || v === '') out.delete(k);
            else out.set(k, String(v));
          }
          return out;
        },
        { replace: true },
      ),
    [setParams],
  );

  /** New filters start again from page 1 (sort and page size are kept). */
  const setFilters = useCallback(
    (f: Omit<MemberFilters, 'sort' | 'order' | 'reveal'>) =>
      write({
        q: f.q,
        orgId: f.orgId,
        category: f.category,
        status: f.status,
        label: f.label,
        ageMin: f.ageMin,
        ageMax: f.ageMax,
        admittedFrom: f.admittedFrom,
        admittedTo: f.admittedTo,
        page: undefined,
      }),
    [write],
  );
  const setPage = useCallback(
    (p: number, s: number) => write({ page: p > 1 ? p : undefined, pageSize: s === 20 ? undefined : s }),
    [write],
  );
  const setSort = useCallback(
    (sort: MemberSort | undefined, order: 'asc' | 'desc' | undefined) => write({ sort, order: sort ? order : undefined, page: undefined }),
    [write],
  );
  return { filters, page, pageSize, pageSizes: PAGE_SIZES, setFilters, setPage, setSort };
}
