import { z } from 'zod';
import { MemberListQuerySchema } from './members.schemas.js';

/** One problem in an uploaded sheet: the Excel row number (header = row 1), the column's label, what is wrong. */
export const RowErrorSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type RowError = z.infer<typeof RowErrorSchema>;

export const IMPORT_STATUSES = ['checked', 'committing', 'committed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** How many errors an answer carries; the full list is in the error report. */
export const ERRORS_SHOWN = 200;

export const MemberImportSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  /** checked → committing → committed. */
  status: z.enum(IMPORT_STATUSES),
  /** Data rows in the file (blank rows not counted). */
  totalRows: z.number().int(),
  /** Rows without any error. */
  validRows: z.number().int(),
  /** Rows written so far: the progress of a commit (out of validRows), the final count once committed. */
  importedRows: z.number().int(),
  errorCount: z.number().int(),
  /** The first 200 errors, by row. */
  errors: z.array(RowErrorSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberImportDto = z.infer<typeof MemberImportSchema>;

export const ImportIdParams = z.object({ id: z.coerce.number().int().positive() });

export const ImportCommitSchema = z.strictObject({
  /** all: refused while any row has an error; valid-only: writes the rows without errors. */
  mode: z.enum(['all', 'valid-only']),
});
export type ImportCommitInput = z.infer<typeof ImportCommitSchema>;

export const ErrorReportQuerySchema = z.object({
  /** Rows without errors first (what a valid-only commit writes), then the rows to fix. */
  validFirst: z.stringbool().default(false),
  /** Only the rows that have errors (to fix and upload again). */
  onlyErrors: z.stringbool().default(false),
});
export type ErrorReportQuery = z.infer<typeof ErrorReportQuerySchema>;

/** The list filters without paging. */
export const MemberExportQuerySchema = MemberListQuerySchema.omit({ page: true, pageSize: true });
export type MemberExportQuery = z.infer<typeof MemberExportQuerySchema>;
