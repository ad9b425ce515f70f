/*
 * Org structure, leadership terms, 先锋岗 and the formation rule check: the client of the orgs
 * contract (@vanguard/shared/api/orgs). Every shape is inferred from the shared schemas.
 */
import type { MemberListQuerySchema, MemberSchema } from '@vanguard/shared/api/members';
import type {
  OrgCreateSchema,
  OrgDissolveSchema,
  OrgDtoSchema,
  OrgEventSchema,
  OrgMergeSchema,
  OrgMoveSchema,
  OrgSchema,
  OrgUpdateSchema,
  OrgUpgradeSchema,
  PioneerPostCreateSchema,
  PioneerPostListQuery,
  PioneerPostSchema,
  RuleCheckSchema,
  TermCreateSchema,
  TermPostInputSchema,
  TermPostSchema,
  TermSchema,
  TermsSchema,
} from '@vanguard/shared/api/orgs';
import type { QueryOf, Wire } from '@vanguard/shared/api/wire';
import type { z } from 'zod';
import { api } from './client';
import type { Page } from './types';

export type { FormationCode, FormationWarning } from '@vanguard/shared';
export type { UpgradeKind } from '@vanguard/shared/api/orgs';

/** GET and PATCH /orgs/:id. */
export type OrgDto = Wire<z.infer<typeof OrgSchema>>;
/** What a structure change (create, move, upgrade, merge, dissolve) answers: the org with dissolvedAt. */
export type OrgChangedDto = Wire<z.infer<typeof OrgDtoSchema>>;
export type OrgCreateInput = z.input<typeof OrgCreateSchema>;
export type OrgUpdateInput = z.input<typeof OrgUpdateSchema>;
export type OrgMoveInput = z.input<typeof OrgMoveSchema>;
export type OrgUpgradeInput = z.input<typeof OrgUpgradeSchema>;
export type OrgMergeInput = z.input<typeof OrgMergeSchema>;
export type OrgDissolveInput = z.input<typeof OrgDissolveSchema>;
/** What every structure change may carry: the approving document and a note. */
export type ChangeNote = Pick<OrgMoveInput, 'docNo' | 'reason'>;
export type OrgEventDto = Wire<z.infer<typeof OrgEventSchema>>;
export type RuleCheckDto = Wire<z.infer<typeof RuleCheckSchema>>;

export type TermDto = Wire<z.infer<typeof TermSchema>>;
export type TermStatus = TermDto['status'];
export type TermPostDto = Wire<z.infer<typeof TermPostSchema>>;
export type TermsDto = Wire<z.infer<typeof TermsSchema>>;
export type TermCreateInput = z.input<typeof TermCreateSchema>;
export type TermPostInput = z.input<typeof TermPostInputSchema>;

export type PioneerPostDto = Wire<z.infer<typeof PioneerPostSchema>>;
export type PioneerPostCreateInput = z.input<typeof PioneerPostCreateSchema>;
export type PioneerKind = PioneerPostCreateInput['kind'];
export type PioneerListQuery = QueryOf<typeof PioneerPostListQuery>;

/** The few member fields a picker reads (GET /members answers with the whole MemberSchema). */
export type MemberOption = Wire<z.infer<typeof MemberSchema>>;
export type MemberOptionQuery = QueryOf<typeof MemberListQuerySchema> & { orgId: number };

const post = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body });

/** One function per route of the org structure API. */
export const orgApi = {
  get: (id: number) => api<OrgDto>(`/api/v1/orgs/${id}`),
  update: (id: number, input: OrgUpdateInput) => api<OrgDto>(`/api/v1/orgs/${id}`, { method: 'PATCH', body: input }),
  create: (input: OrgCreateInput) => post<OrgChangedDto>('/api/v1/orgs', input),
  move: (id: number, input: OrgMoveInput) => post<OrgChangedDto>(`/api/v1/orgs/${id}/move`, input),
  upgrade: (id: number, input: OrgUpgradeInput) => post<OrgChangedDto>(`/api/v1/orgs/${id}/upgrade`, input),
  merge: (id: number, input: OrgMergeInput) => post<OrgChangedDto>(`/api/v1/orgs/${id}/merge`, input),
  dissolve: (id: number, input: OrgDissolveInput) => post<OrgChangedDto>(`/api/v1/orgs/${id}/dissolve`, input),
  history: (id: number) => api<OrgEventDto[]>(`/api/v1/orgs/${id}/history`),
  ruleCheck: (id: number) => api<RuleCheckDto>(`/api/v1/orgs/${id}/rule-check`),
};

export const termsApi = {
  list: (orgId: number) => api<TermsDto>(`/api/v1/orgs/${orgId}/terms`),
  start: (orgId: number, input: TermCreateInput) => post<TermDto>(`/api/v1/orgs/${orgId}/terms`, input),
  addPost: (orgId: number, input: TermPostInput) => post<TermDto>(`/api/v1/orgs/${orgId}/terms/current/posts`, input),
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
