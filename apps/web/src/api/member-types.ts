/*
 * Member archive shapes (apps/server/src/modules/members/*.schemas.ts). The server keeps these zod
 * schemas in its own module, not in @vanguard/shared, so they are mirrored here until they move.
 */
import type { EDUCATIONS, MEMBER_LABELS, MemberCategory, MemberStatus, SEXES } from '@vanguard/shared';
import type { PageQuery } from './types';

export type Sex = (typeof SEXES)[number];
export type Education = (typeof EDUCATIONS)[number];
export type MemberLabel = (typeof MEMBER_LABELS)[number];

/** MemberSchema: sensitive fields (idNumber, phone, address, health) come masked unless `revealed`. */
export interface MemberDto {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  sex: string;
  ethnicity: string;
  birthDate: string;
  age: number;
  idNumber: string | null;
  nativePlace: string | null;
  education: string | null;
  degree: string | null;
  post: string | null;
  jobTitle: string | null;
  phone: string | null;
  address: string | null;
  health: string | null;
  category: string;
  categoryName: string;
  status: string;
  statusName: string;
  appliedOn: string | null;
  admittedOn: string | null;
  fullOn: string | null;
  joinedWorkOn: string | null;
  partyAge: number | null;
  labels: string[];
  photoUrl: string | null;
  revealed: boolean;
}

/** MemberCreateSchema (dates YYYY-MM-DD; optional texts may be null to clear them). */
export interface MemberInput {
  orgId: number;
  name: string;
  sex: Sex;
  ethnicity: string;
  birthDate: string;
  idNumber?: string | null;
  nativePlace?: string | null;
  education?: Education | null;
  degree?: string | null;
  post?: string | null;
  jobTitle?: string | null;
  phone?: string | null;
  address?: string | null;
  health?: string | null;
  category: MemberCategory;
  status: MemberStatus;
  appliedOn?: string | null;
  admittedOn?: string | null;
  fullOn?: string | null;
  joinedWorkOn?: string | null;
  labels: MemberLabel[];
}

/** MemberUpdateSchema: any subset, plus why a category or status changed. orgId is not editable here. */
export type MemberUpdateInput = Partial<Omit<MemberInput, 'orgId'>> & { reason?: string };

export type MemberSort = 'name' | 'birthDate' | 'admittedOn' | 'id';

/** The list filters (MemberListQuerySchema without paging); export takes the same. */
export interface MemberFilters {
  q?: string;
  orgId?: number;
  category?: MemberCategory;
  status?: MemberStatus;
  label?: MemberLabel;
  ageMin?: number;
  ageMax?: number;
  admittedFrom?: string;
  admittedTo?: string;
  sort?: MemberSort;
  order?: 'asc' | 'desc';
  reveal?: boolean;
}

export type MemberListQuery = MemberFilters & PageQuery;

export { CORRECTABLE_FIELDS, type CorrectableField } from '@vanguard/shared';

import type { CorrectableField } from '@vanguard/shared';
export type CorrectionChanges = Partial<Record<CorrectableField, string | null>>;

export type CorrectionStatus = 'pending' | 'approved' | 'rejected';

export interface CorrectionDto {
  id: number;
  memberId: number;
  changes: Record<string, unknown>;
  reason: string;
  status: CorrectionStatus;
  decisionNote: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** A request as the secretary sees it: who, where, and the current values of the fields asked about. */
export interface CorrectionReviewDto extends CorrectionDto {
  memberName: string;
  orgName: string;
  current: Record<string, unknown>;
}

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/** MemberImportSchema: checked → committing → committed; importedRows counts up to validRows while committing. */
export interface MemberImportDto {
  id: number;
  fileName: string;
  status: 'checked' | 'committing' | 'committed';
  totalRows: number;
  validRows: number;
  importedRows: number;
  errorCount: number;
  /** The first 200 errors; the report has them all. */
  errors: ImportRowError[];
  createdAt: string;
  updatedAt: string;
}
