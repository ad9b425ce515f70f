import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { ApiError } from '../../../api/client';
import { importsApi } from '../../../api/endpoints';
import { errorText } from '../../../lib/error-text';

export const IMPORTS_KEY = ['member-imports'] as const;

/** Upload limits: the server's MAX_UPLOAD_MB default (apps/server/src/config.ts) and MAX_IMPORT_ROWS (apps/server/src/platform/xlsx.ts). */
export const MAX_UPLOAD_MB = 20;
export const MAX_IMPORT_ROWS = 50_000;

/** One import's verdict and progress; polled every second while it is being written. */
export function useImport(id: number | undefined, polling: boolean) {
  return useQuery({
    queryKey: [...IMPORTS_KEY, id],
    queryFn: () => importsApi.get(id ?? 0),
    enabled: id !== undefined,
    refetchInterval: (q) => (polling || q.state.data?.status === 'committing' ? 1000 : false),
    staleTime: 0,
  });
}

/** What went wrong with an upload, in words a secretary can act on (415 type, 413 size; 400 as the server explains it). */
export function uploadErrorText(e: unknown, t: TFunction): string {
  if (e instanceof ApiError) {
    if (e.status === 415) return t('imports.error415');
    if (e.status === 413) return t('imports.error413');
  }
  // 400: the server names the problem (missing columns, no data, too many rows) in Chinese.
  return errorText(e, t);
}

/** Checked in the browser before sending, so a wrong file is refused at once. */
export function localFileProblem(file: File, t: TFunction): string | null {
  if (!/\.xlsx$/i.test(file.name)) return t('imports.notXlsx');
  if (file.size > MAX_UPLOAD_MB * 1024 * 1024) return t('imports.tooLarge', { mb: MAX_UPLOAD_MB });
  return null;
}
