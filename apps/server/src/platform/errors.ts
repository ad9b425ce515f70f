import { ERROR_CODES, type ErrorCode } from '@vanguard/shared';

/** The one application error. Routes and services throw it; the error handler shapes the response. */
export class AppError extends Error {
  readonly status: number;
  /** A record that exists was refused to this actor (outside the scope, or not allowed): audited as `access.denied`. */
  denied?: true;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? ERROR_CODES[code].zh);
    this.status = ERROR_CODES[code].status;
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export const notFound = (what = '') => new AppError('NOT_FOUND', what ? `未找到${what}` : undefined);
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);
export const validation = (errors: FieldError[]) => new AppError('VALIDATION', undefined, errors);

/** A validation error on one field; or on several, the first one's message heading the answer. */
export function invalid(path: string, message: string): AppError;
export function invalid(problems: FieldError[]): AppError;
export function invalid(a: string | FieldError[], message?: string): AppError {
  const problems = typeof a === 'string' ? [{ path: a, message: message as string }] : a;
  return new AppError('VALIDATION', problems[0]?.message, problems);
}

/** Marks an error as the refusal of an existing record (platform/http/errors.ts audits it, one compact row). */
export function deniedError(err: AppError): AppError {
  err.denied = true;
  return err;
}
