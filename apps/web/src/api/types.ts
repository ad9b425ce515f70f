/*
 * Shapes of the core API (account, to-dos, audit, users, the org tree), inferred from the
 * contracts in @vanguard/shared/api/*: no response or request type is written by hand here.
 */

import type { TotpSetupSchema } from '@vanguard/shared/api/auth';
import type { OrgNode, OrgNodeSchema } from '@vanguard/shared/api/orgs';
import type { AuditQuerySchema, AuditRowSchema, AuditVerifySchema, TodoSchema } from '@vanguard/shared/api/platform';
import type { UserCreatedSchema, UserCreateSchema, UserGrantSchema, UserSchema } from '@vanguard/shared/api/users';
import type { QueryOf, Wire } from '@vanguard/shared/api/wire';
import type { z } from 'zod';

/** pageOf(item) of the shared contracts: one page and the total. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  page: number;
  pageSize: number;
}

export type { TodoSeverity } from '@vanguard/shared/api/platform';
export type TodoStatus = 'open' | 'done';
export type TodoDto = Wire<z.infer<typeof TodoSchema>>;

export type OrgNodeDto = OrgNode & Wire<z.infer<typeof OrgNodeSchema>>;

export type UserRoleDto = z.infer<typeof UserGrantSchema>;
export type UserDto = Wire<z.infer<typeof UserSchema>>;
export type UserCreateInput = z.input<typeof UserCreateSchema>;
export type UserCreated = z.infer<typeof UserCreatedSchema>;

export type AuditLogDto = Wire<z.infer<typeof AuditRowSchema>>;
/** Dates go as YYYY-MM-DD strings (the server coerces them). */
export type AuditQuery = Omit<QueryOf<typeof AuditQuerySchema>, 'from' | 'to'> & PageQuery & { from?: string; to?: string };
export type AuditVerifyResult = z.infer<typeof AuditVerifySchema>;

export type TotpSetup = z.infer<typeof TotpSetupSchema>;
