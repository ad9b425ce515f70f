import { useQuery } from '@tanstack/react-query';
import type { MeDto, Permission } from '@vanguard/shared';
import { authApi } from '../api/auth';
import { isApiError } from '../api/client';

export { stagePath } from '../api/location';

export const ME_KEY = ['me'] as const;

/** The signed-in user (GET /me). A 401 sends the browser to the login page via the client. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => authApi.me(), staleTime: 60_000 });
}

/** Errors after which the API client is already sending the browser elsewhere (login or a stage page). */
export const isRedirecting = (e: unknown): boolean =>
  isApiError(e) && ((e.status === 401 && (e.code === 'UNAUTHENTICATED' || e.code === 'SESSION_EXPIRED')) || e.code === 'AUTH_STAGE');

export const hasPermission = (me: MeDto | undefined, perm: Permission | undefined): boolean =>
  !perm || Boolean(me?.permissions.includes(perm));
