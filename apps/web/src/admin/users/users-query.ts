import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usersApi } from '../../api/endpoints';
import type { UserDto } from '../../api/types';

export const USERS_KEY = ['users'] as const;

/** A page of accounts, optionally filtered by 工号 or name. */
export function useUsers(q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...USERS_KEY, q, page, pageSize],
    queryFn: () => usersApi.list({ q: q || undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export const isLocked = (u: UserDto, now = Date.now()): boolean => Boolean(u.lockedUntil && new Date(u.lockedUntil).getTime() > now);
