import type { ErrorCode } from '@vanguard/shared';
import { currentLocation, loginPathFor, stagePath, treeOf } from './location';

/** One field problem from a VALIDATION / PASSWORD_POLICY answer (docs/API.md §errors). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Every non-2xx answer becomes an ApiError carrying the server's code and Chinese message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly details: unknown;
  readonly requestId?: string;

  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, details?: unknown, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** details[] as field issues when the server sent them (validation errors). */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' && d !== null && typeof (d as FieldIssue).path === 'string' && typeof (d as FieldIssue).message === 'string',
    );
  }

  /** A key of details when details is an object (e.g. remainingAttempts, lockedUntil). */
  detail(key: string): unknown {
    if (typeof this.details !== 'object' || this.details === null || Array.isArray(this.details)) return undefined;
    return (this.details as Record<string, unknown>)[key];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/* The CSRF token lives only in memory (never in storage): it comes from the login, TOTP and
 * password answers and from /me, and goes back in `x-csrf-token` on every non-GET request. */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};
export const getCsrfToken = (): string | null => csrfToken;

/** Codes after which the user must log in again (docs/API.md §Session). */
const RELOGIN_CODES: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** A multipart body (file uploads); the browser sets the content type with its boundary. */
  form?: FormData;
  /** Skip the redirect to the login page on 401 (used by the login pages themselves). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON (proxy error page, empty body) */
  }
  if (typeof body === 'object' && body !== null && 'code' in body) {
    const b = body as { code: ErrorCode; message?: string; details?: unknown; requestId?: string };
    return new ApiError(res.status, b.code, b.message ?? res.statusText, b.details, b.requestId);
  }
  const BY_STATUS: Record<number, ErrorCode> = {
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
  };
  const code: ErrorCode = BY_STATUS[res.status] ?? 'INTERNAL';
  return new ApiError(res.status, code, res.statusText || `HTTP ${res.status}`);
}

/* How the client moves to a page of the app: the router's navigate once the app runs (setNavigator),
 * a full page load before. On a first visit the 401 of the session check then opens the login page
 * without loading the app a second time (issue 24 item 2: seconds on a weak link). */
let goTo = (to: string): void => window.location.assign(to);
export const setNavigator = (navigate: (to: string) => void): void => {
  goTo = navigate;
};

/** Sends the browser to the login page of the tree it is in, remembering where it was. */
export function redirectToLogin(): void {
  const { pathname, search } = currentLocation();
  const login = loginPathFor(pathname);
  if (pathname === login) return;
  const next = encodeURIComponent(pathname + search);
  goTo(`${login}?next=${next}`);
}

/**
 * 403 AUTH_STAGE: the session still owes a step (details.stage). `mfa` means the code was never
 * given (log in again); `enrol`/`password` go to that step's page, then back here.
 */
function redirectForStage(err: ApiError): void {
  const stage = err.detail('stage');
  const { pathname, search } = currentLocation();
  if (stage === 'enrol' || stage === 'password') {
    const to = stagePath(stage, treeOf(pathname), pathname + search);
    if (to && !pathname.endsWith(`/${stage}`)) window.location.assign(to);
  } else {
    redirectToLogin();
  }
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined && !opts.form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
}

/** Refreshes the in-memory CSRF token from /me (after a reload or a rotated session). */
async function refreshCsrf(): Promise<boolean> {
  const res = await send('/api/v1/me', { method: 'GET' });
  if (!res.ok) return false;
  const me = (await res.json()) as { csrfToken?: string };
  if (!me.csrfToken) return false;
  csrfToken = me.csrfToken;
  return true;
}

/** Sends, retries once after a lost CSRF token, and turns a non-2xx answer into an ApiError (redirecting when the session is gone). */
async function request(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  let res = await send(path, opts);
  if (res.status === 403 && method !== 'GET') {
    const err = await toApiError(res.clone());
    if (err.code === 'CSRF' && (await refreshCsrf())) res = await send(path, opts);
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (!opts.noAuthRedirect && res.status === 401 && RELOGIN_CODES.has(err.code)) {
      csrfToken = null;
      redirectToLogin();
    } else if (!opts.noAuthRedirect && err.code === 'AUTH_STAGE') {
      redirectForStage(err);
    }
    throw err;
  }
  return res;
}

/**
 * The one typed fetch wrapper. JSON in and out, cookies same-origin, CSRF header on mutations.
 * A 403 CSRF (token lost after a reload) is retried once after reading a fresh token from /me.
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await request(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  const data = JSON.parse(text) as T;
  if (typeof data === 'object' && data !== null && 'csrfToken' in data) {
    const token = (data as { csrfToken: unknown }).csrfToken;
    if (typeof token === 'string') csrfToken = token;
  }
  return data;
}

/** The file name a `content-disposition` header gives (the RFC 5987 UTF-8 name first). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1].trim());
    } catch {
      /* a malformed escape: fall back to the plain name */
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** A file answer (xlsx exports, templates, reports) as a blob with the server's file name; errors as for api(). */
export async function apiFile(path: string, opts: RequestOptions = {}): Promise<{ blob: Blob; fileName: string | null }> {
  const res = await request(path, opts);
  return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('content-disposition')) };
}
