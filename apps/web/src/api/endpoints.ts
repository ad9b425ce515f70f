import { api } from './client';
import type {
  AuditLogDto,
  AuditQuery,
  AuditVerifyResult,
  OrgNodeDto,
  Page,
  PageQuery,
  TodoDto,
  TodoStatus,
  UserCreated,
  UserCreateInput,
  UserDto,
} from './types';

/** Active-session endpoints (docs/API.md §Active session), one function per route. */
export const todosApi = {
  list: (q: PageQuery & { status: TodoStatus }) => api<Page<TodoDto>>('/api/v1/todos', { query: { ...q } }),
  done: (id: number) => api<void>(`/api/v1/todos/${id}/done`, { method: 'POST' }),
};

export const orgsApi = {
  tree: () => api<OrgNodeDto[]>('/api/v1/orgs/tree'),
};

export const usersApi = {
  list: (q: PageQuery & { q?: string }) => api<Page<UserDto>>('/api/v1/users', { query: { ...q } }),
  create: (input: UserCreateInput) => api<UserCreated>('/api/v1/users', { method: 'POST', body: input }),
  disable: (id: number) => api<void>(`/api/v1/users/${id}/disable`, { method: 'POST' }),
  enable: (id: number) => api<void>(`/api/v1/users/${id}/enable`, { method: 'POST' }),
  unlock: (id: number) => api<void>(`/api/v1/users/${id}/unlock`, { method: 'POST' }),
  grant: (id: number, role: string, orgId: number) => api<unknown>(`/api/v1/users/${id}/roles`, { method: 'POST', body: { role, orgId } }),
  revoke: (id: number, grantId: number) => api<void>(`/api/v1/users/${id}/roles/${grantId}`, { method: 'DELETE' }),
};

export const auditApi = {
  list: (q: AuditQuery) => api<Page<AuditLogDto>>('/api/v1/audit-logs', { query: { ...q } }),
  verify: () => api<AuditVerifyResult>('/api/v1/audit-logs/verify', { method: 'POST' }),
};
