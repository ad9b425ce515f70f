/*
 * Org structure, leadership terms, 先锋岗 and the formation rule check
 * (apps/server/src/modules/orgs/*.routes.ts and *.schemas.ts). The server keeps these zod schemas
 * in its own module, so the shapes are mirrored here until they move to @vanguard/shared.
 */
import type { LeadershipPost, OrgCategory, OrgKind } from '@vanguard/shared';
import { api } from './client';
import type { Page } from './types';

/** GET /orgs/:id. kindName and categoryName are optional: the route's response schema drops them. */
export interface OrgDto {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  kind: string;
  kindName?: string;
  category: string;
  categoryName?: string;
  unitName: string | null;
  foundedOn: string | null;
  docNo: string | null;
  dissolvedAt?: string | null;
}

export interface OrgCreateInput {
  parentId: number;
  name: string;
  kind: OrgKind;
  category: OrgCategory;
  unitName?: string | null;
  foundedOn?: string | null;
  docNo?: string | null;
}

export type OrgUpdateInput = Partial<Omit<OrgCreateInput, 'parentId' | 'kind'>>;

/** What every structure change may carry: the approving document and a note. */
export interface ChangeNote {
  docNo?: string | null;
  reason?: string | null;
}

export type UpgradeKind = 'general_branch' | 'committee';

export interface OrgEventDto {
  id: number;
  orgId: number;
  kind: string;
  kindName: string;
  at: string;
  actorId: number | null;
  actorName: string | null;
  docNo: string | null;
  details: Record<string, unknown>;
}

import type { FormationWarning } from '@vanguard/shared';

export type { FormationCode, FormationWarning } from '@vanguard/shared';

export interface RuleCheckDto {
  orgId: number;
  orgName: string;
  ruleset: { version: string; source: string };
  checkedOrgs: number;
  warnings: FormationWarning[];
}

export type TermStatus = 'ok' | 'due-soon' | 'overdue' | 'ended';

export interface TermPostDto {
  id: number;
  memberId: number;
  memberName: string;
  post: string;
  postName: string;
  startedOn: string;
  endedOn: string | null;
}

export interface TermDto {
  id: number;
  orgId: number;
  startedOn: string;
  endsOn: string;
  years: number;
  electedHow: string;
  docNo: string | null;
  endedOn: string | null;
  status: TermStatus;
  daysLeft: number | null;
  posts: TermPostDto[];
}

export interface TermsDto {
  orgId: number;
  orgName: string;
  defaultYears: number | null;
  source: string;
  current: TermDto | null;
  past: TermDto[];
}

export interface TermCreateInput {
  startedOn: string;
  years?: number;
  electedHow: 'election' | 'appointment';
  docNo?: string | null;
  posts: { memberId: number; post: LeadershipPost }[];
}

export type PioneerKind = 'post' | 'area';

export interface PioneerPostDto {
  id: number;
  orgId: number;
  orgName: string;
  memberId: number;
  memberName: string;
  kind: string;
  kindName: string;
  name: string;
  location: string | null;
  startedOn: string;
  endedOn: string | null;
}

export interface PioneerPostCreateInput {
  memberId: number;
  kind: PioneerKind;
  name: string;
  location?: string | null;
  startedOn: string;
}

export interface PioneerListQuery {
  includeEnded?: boolean;
  kind?: PioneerKind;
  page?: number;
  pageSize?: number;
}

/** The few member fields a picker needs (GET /members answers with more). */
export interface MemberOption {
  id: number;
  orgId: number;
  name: string;
  orgName: string;
  category: string;
  categoryName: string;
}

export interface MemberOptionQuery {
  orgId: number;
  q?: string;
  /** Leadership posts take full members only (基层组织选举工作条例 第五条). */
  category?: 'full';
}

const post = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body });

/** One function per route of the org structure API. */
export const orgApi = {
  get: (id: number) => api<OrgDto>(`/api/v1/orgs/${id}`),
  update: (id: number, input: OrgUpdateInput) => api<OrgDto>(`/api/v1/orgs/${id}`, { method: 'PATCH', body: input }),
  create: (input: OrgCreateInput) => post<OrgDto>('/api/v1/orgs', input),
  move: (id: number, input: { parentId: number } & ChangeNote) => post<OrgDto>(`/api/v1/orgs/${id}/move`, input),
  upgrade: (id: number, input: { kind: UpgradeKind; name?: string } & ChangeNote) => post<OrgDto>(`/api/v1/orgs/${id}/upgrade`, input),
  merge: (id: number, input: { intoId: number } & ChangeNote) => post<OrgDto>(`/api/v1/orgs/${id}/merge`, input),
  dissolve: (id: number, input: { transferMembersTo?: number } & ChangeNote) => post<OrgDto>(`/api/v1/orgs/${id}/dissolve`, input),
  history: (id: number) => api<OrgEventDto[]>(`/api/v1/orgs/${id}/history`),
  ruleCheck: (id: number) => api<RuleCheckDto>(`/api/v1/orgs/${id}/rule-check`),
};

export const termsApi = {
  list: (orgId: number) => api<TermsDto>(`/api/v1/orgs/${orgId}/terms`),
  start: (orgId: number, input: TermCreateInput) => post<TermDto>(`/api/v1/orgs/${orgId}/terms`, input),
  addPost: (orgId: number, input: { memberId: number; post: LeadershipPost }) =>
    post<TermDto>(`/api/v1/orgs/${orgId}/terms/current/posts`, input),
  endPost: (orgId: number, postId: number) => api<TermDto>(`/api/v1/orgs/${orgId}/terms/current/posts/${postId}`, { method: 'DELETE' }),
};

export const pioneerApi = {
  list: (orgId: number, q: PioneerListQuery) => api<Page<PioneerPostDto>>(`/api/v1/orgs/${orgId}/pioneer-posts`, { query: { ...q } }),
  create: (orgId: number, input: PioneerPostCreateInput) => post<PioneerPostDto>(`/api/v1/orgs/${orgId}/pioneer-posts`, input),
  end: (orgId: number, postId: number, endedOn: string) =>
    api<PioneerPostDto>(`/api/v1/orgs/${orgId}/pioneer-posts/${postId}`, { method: 'PATCH', body: { endedOn } }),
};

/** Members in good standing of an org's subtree, for pickers (first 50 matches). */
export const memberOptions = (q: MemberOptionQuery) =>
  api<Page<MemberOption>>('/api/v1/members', { query: { ...q, status: 'normal', pageSize: 50, sort: 'name' } });
