/*
 * Response shapes from docs/API.md that packages/shared does not (yet) export as schemas.
 * MeDto, LoginResult and the role/permission tables come from @vanguard/shared.
 */
import type { Role } from '@vanguard/shared';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  page: number;
  pageSize: number;
}

export type TodoSeverity = 'info' | 'warning' | 'danger';
export type TodoStatus = 'open' | 'done';

export interface TodoDto {
  id: number;
  kind: 'todo' | 'notice';
  title: string;
  body: string | null;
  link: string | null;
  dueAt: string | null;
  doneAt: string | null;
  createdAt: string;
  severity: TodoSeverity;
}

export interface OrgNodeDto {
  id: number;
  name: string;
  kind: string;
  kindName: string;
  category: string | null;
  categoryName: string | null;
  memberCount: number;
  children: OrgNodeDto[];
}

export interface UserRoleDto {
  id: number;
  role: Role;
  roleName: string;
  orgId: number;
  orgName: string;
}

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  orgId: number | null;
  orgName: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  mfaEnabled: boolean;
  roles: UserRoleDto[];
}

export interface UserCreateInput {
  username: string;
  displayName: string;
  orgId: number;
}

export interface UserCreated {
  id: number;
  oneTimePassword: string;
}

export interface AuditLogDto {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditQuery extends PageQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  breaks: { id: number | null; seq?: number | null; reason: string }[];
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}
