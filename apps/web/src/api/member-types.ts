/*
 * Member archive shapes, inferred from the members contract (@vanguard/shared/api/members): the
 * server's routes validate and serialize with the same schemas.
 */
import type { EDUCATIONS, MEMBER_LABELS, SEXES } from '@vanguard/shared';
import type {
  CorrectionChangesSchema,
  CorrectionReviewSchema,
  CorrectionSchema,
  MemberCreateSchema,
  MemberExportQuerySchema,
  MemberImportSchema,
  MemberListQuerySchema,
  MemberSchema,
  MemberUpdateSchema,
  RowErrorSchema,
} from '@vanguard/shared/api/members';
import type { QueryOf, Wire } from '@vanguard/shared/api/wire';
import type { z } from 'zod';

export type Sex = (typeof SEXES)[number];
export type Education = (typeof EDUCATIONS)[number];
export type MemberLabel = (typeof MEMBER_LABELS)[number];

/** MemberSchema: sensitive fields (idNumber, phone, address, health) come masked unless `revealed`. */
export type MemberDto = Wire<z.infer<typeof MemberSchema>>;

/** MemberCreateSchema (dates YYYY-MM-DD; optional texts may be null to clear them). */
export type MemberInput = z.input<typeof MemberCreateSchema>;

/** MemberUpdateSchema: any subset, plus why a category or status changed. orgId is not editable here. */
export type MemberUpdateInput = z.input<typeof MemberUpdateSchema>;

/** The list filters (MemberListQuerySchema without paging); export takes the same. */
export type MemberFilters = QueryOf<typeof MemberExportQuerySchema>;
export type MemberSort = NonNullable<MemberFilters['sort']>;

export type MemberListQuery = QueryOf<typeof MemberListQuerySchema> & { page: number; pageSize: number };

export { CORRECTABLE_FIELDS, type CorrectableField } from '@vanguard/shared';
export type { CorrectionStatus } from '@vanguard/shared/api/members';

export type CorrectionChanges = z.input<typeof CorrectionChangesSchema>;

export type CorrectionDto = Wire<z.infer<typeof CorrectionSchema>>;

/** A request as the secretary sees it: who, where, and the current values of the fields asked about. */
export type CorrectionReviewDto = Wire<z.infer<typeof CorrectionReviewSchema>>;

export type ImportRowError = z.infer<typeof RowErrorSchema>;

/** MemberImportSchema: checked → committing → committed; importedRows counts up to validRows while committing. */
export type MemberImportDto = Wire<z.infer<typeof MemberImportSchema>>;
