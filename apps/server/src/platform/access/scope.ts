import { type Permission, permissionsOf, type Role } from '@vanguard/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError, deniedError } from '../errors.js';

export interface Grant {
  id: number;
  role: Role;
  orgId: number;
  orgPath: string;
  orgName: string;
  /** A service token's grant: exactly these permissions, not its role's (platform/service-tokens). */
  permissions?: readonly Permission[];
}

const grantPermissions = (g: Grant): readonly Permission[] => g.permissions ?? permissionsOf(g.role);

/** Who is acting: the user and the roles they hold, each on an org node. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  orgId: number | null;
  orgName: string | null;
  mfaEnabled: boolean;
  grants: Grant[];
}

/**
 * The org subtrees where something is allowed, as path prefixes (`/1/5/`). A role granted on a
 * node reaches its subtree (ARCHITECTURE.md §Org scope). Repositories take a Scope as a required
 * argument: there is no unscoped read path for scoped data.
 */
export interface Scope {
  readonly paths: readonly string[];
}

function minimal(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}

/** Where the actor holds `permission`. */
export function scopeOf(actor: Actor, permission: Permission): Scope {
  return {
    paths: minimal(actor.grants.filter((g) => grantPermissions(g).includes(permission)).map((g) => g.orgPath)),
  };
}

/** Where the actor holds any role at all: what they can know exists. */
export function visibleScope(actor: Actor): Scope {
  return { paths: minimal(actor.grants.map((g) => g.orgPath)) };
}

export function covers(scope: Scope, orgPath: string): boolean {
  return scope.paths.some((p) => orgPath.startsWith(p));
}

/** Whether the actor holds `permission` over the org at `orgPath`: a flag on a row already in scope (reveal, editable). */
export function can(actor: Actor, permission: Permission, orgPath: string): boolean {
  return covers(scopeOf(actor, permission), orgPath);
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => grantPermissions(g).includes(permission));
}

export function permissionsOfActor(actor: Actor): Permission[] {
  return [...new Set(actor.grants.flatMap((g) => grantPermissions(g)))].sort();
}

/** `column` (an org path) lies in the scope. An empty scope matches nothing. */
export function inScope(column: AnyPgColumn | SQL, scope: Scope): SQL {
  if (scope.paths.length === 0) return sql`false`;
  const ors = scope.paths.map((p) => sql`${column} LIKE ${`${p}%`}`);
  return sql`(${sql.join(ors, sql` OR `)})`;
}

/**
 * The decision for one record in an org (or held by several, e.g. a 联席会议: any one of them
 * will do): not visible at all → 404 (the record is simply not there for this actor); visible but
 * the permission is missing → 403. A pure function: policies (`<m>.policy.ts`) build on it.
 */
export function assertCan(actor: Actor, permission: Permission, orgPath: string | readonly string[], what = ''): void {
  const paths = typeof orgPath === 'string' ? [orgPath] : orgPath;
  if (paths.some((p) => covers(scopeOf(actor, permission), p))) return;
  if (paths.some((p) => covers(visibleScope(actor), p))) throw deniedError(new AppError('FORBIDDEN'));
  throw deniedError(new AppError('NOT_FOUND', what ? `未找到${what}` : undefined));
}
