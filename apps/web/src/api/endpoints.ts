import type {
  MemberHistoryListSchema,
  MemberRecordInput,
  MemberRecordListSchema,
  MemberRecordSchema,
  PortalMeDto,
} from '@vanguard/shared/api/members';
import type { FileSchema } from '@vanguard/shared/api/platform';
import type { GrantCreatedSchema } from '@vanguard/shared/api/users';
import type { Wire } from '@vanguard/shared/api/wire';
import type { z } from 'zod';
import { api, apiFile } from './client';
import type {
  CorrectionChanges,
  CorrectionDto,
  CorrectionReviewDto,
  CorrectionStatus,
  MemberDto,
  MemberFilters,
  MemberImportDto,
  MemberInput,
  MemberListQuery,
  MemberUpdateInput,
} from './member-types';
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

type MemberRecordDto = Wire<z.infer<typeof MemberRecordSchema>>;
/** What an upload answers (the file's id, name, detected type and size). */
export type UploadedFile = z.infer<typeof FileSchema>;

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
  grant: (id: number, role: string, orgId: number) =>
    api<z.infer<typeof GrantCreatedSchema>>(`/api/v1/users/${id}/roles`, { method: 'POST', body: { role, orgId } }),
  revoke: (id: number, grantId: number) => api<void>(`/api/v1/users/${id}/roles/${grantId}`, { method: 'DELETE' }),
};

export const auditApi = {
  list: (q: AuditQuery) => api<Page<AuditLogDto>>('/api/v1/audit-logs', { query: { ...q } }),
  verify: () => api<AuditVerifyResult>('/api/v1/audit-logs/verify', { method: 'POST' }),
};

/** The list filters as query parameters (reveal only when asked, so a plain list is never audited). */
const filterQuery = (f: MemberFilters) => ({ ...f, reveal: f.reveal ? true : undefined });

/** Member archive (党员档案), corrections (档案更正) and Excel import/export. */
export const membersApi = {
  list: (q: MemberListQuery) => api<Page<MemberDto>>('/api/v1/members', { query: filterQuery(q) }),
  get: (id: number, reveal = false) => api<MemberDto>(`/api/v1/members/${id}`, { query: { reveal: reveal || undefined } }),
  create: (input: MemberInput) => api<MemberDto>('/api/v1/members', { method: 'POST', body: input }),
  update: (id: number, input: MemberUpdateInput) => api<MemberDto>(`/api/v1/members/${id}`, { method: 'PATCH', body: input }),
  exportXlsx: (f: MemberFilters) => apiFile('/api/v1/members/export.xlsx', { query: filterQuery(f) }),
};

/** A member's sub-records, status history and photo. */
export const memberRecordsApi = {
  list: (id: number, reveal = false) =>
    api<Wire<z.infer<typeof MemberRecordListSchema>>>(`/api/v1/members/${id}/records`, { query: { reveal: reveal || undefined } }),
  add: (id: number, input: MemberRecordInput) => api<MemberRecordDto>(`/api/v1/members/${id}/records`, { method: 'POST', body: input }),
  replace: (id: number, recordId: number, input: MemberRecordInput) =>
    api<MemberRecordDto>(`/api/v1/members/${id}/records/${recordId}`, { method: 'PUT', body: input }),
  remove: (id: number, recordId: number) => api<void>(`/api/v1/members/${id}/records/${recordId}`, { method: 'DELETE' }),
  history: (id: number) => api<Wire<z.infer<typeof MemberHistoryListSchema>>>(`/api/v1/members/${id}/history`),
  setPhoto: (id: number, fileId: string | null) => api<void>(`/api/v1/members/${id}/photo`, { method: 'PUT', body: { fileId } }),
};

/** Uploads (checked by their first bytes on the server). */
export const filesApi = {
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api<UploadedFile>('/api/v1/files', { method: 'POST', form });
  },
};

export const correctionsApi = {
  myRecord: () => api<MemberDto>('/api/v1/me/member'),
  mine: () => api<CorrectionDto[]>('/api/v1/me/member/corrections'),
  request: (changes: CorrectionChanges, reason: string) =>
    api<CorrectionDto>('/api/v1/me/member/corrections', { method: 'POST', body: { changes, reason } }),
  list: (status: CorrectionStatus) => api<CorrectionReviewDto[]>('/api/v1/member-corrections', { query: { status } }),
  decide: (id: number, decision: 'approve' | 'reject', note?: string) =>
    api<void>(`/api/v1/member-corrections/${id}/decision`, { method: 'POST', body: { decision, note: note || undefined } }),
};

/** Who I am on the phone (member, worker or neither) and whether I am in recruitment: the tiles that apply. */
export const portalApi = {
  me: () => api<PortalMeDto>('/api/v1/me/portal'),
};

export const importsApi = {
  template: () => apiFile('/api/v1/members/import-template'),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api<MemberImportDto>('/api/v1/members/imports', { method: 'POST', form });
  },
  get: (id: number) => api<MemberImportDto>(`/api/v1/members/imports/${id}`),
  commit: (id: number, mode: 'all' | 'valid-only') =>
    api<MemberImportDto>(`/api/v1/members/imports/${id}/commit`, { method: 'POST', body: { mode } }),
  errorReport: (id: number) => apiFile(`/api/v1/members/imports/${id}/errors.xlsx`),
};
