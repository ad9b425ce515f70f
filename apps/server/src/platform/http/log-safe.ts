/**
 * What the log keeps of an error (issue 15 item 4: "server logs never carry SQL parameter values";
 * a failed query's message and its `params` held members' fields). Kept: the type, the message
 * without the parameters, the stack frames, the codes PostgreSQL gives (code, constraint, table,
 * column, routine) and the same of its cause; a data exception's message has its quoted value cut. Dropped: `params`, the driver's `detail` (`Key
 * (id_number_hash)=(…) already exists`), `where`, `hint` and every other property.
 */
const PARAMS = /\n?params: [\s\S]*$/;
const KEEP = ['code', 'statusCode', 'severity', 'constraint', 'table', 'column', 'dataType', 'routine', 'validationContext'] as const;

const clean = (message: string) => message.replace(PARAMS, '\nparams: [redacted]').slice(0, 2000);

export interface SafeErr {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

export function safeErr(err: unknown, depth = 0): SafeErr {
  if (!(err instanceof Error)) return { type: typeof err, message: '', stack: '' };
  const type = err.constructor?.name ?? 'Error';
  const e = err as unknown as Record<string, unknown>;
  // PostgreSQL quotes the offending value in a data exception's message (`value "…" is out of range`).
  const sqlState = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : '';
  const message = sqlState.startsWith('22') ? clean(err.message).replace(/"[^"]*"/g, '"[redacted]"') : clean(err.message);
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
  const out: SafeErr = { type, message, stack: `${type}: ${message}${frames ? `\n${frames}` : ''}` };
  for (const k of KEEP) if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = e[k];
  if (err.cause !== undefined && depth < 3) out.cause = safeErr(err.cause, depth + 1);
  return out;
}

/** The logger's serializers: every `log.x({ err })` in the app, its plugins and its jobs goes through `safeErr`. */
export const logSerializers = {
  err: (e: unknown) => safeErr(e),
  error: (e: unknown) => safeErr(e),
  req: (r: unknown) => safeReq(r as LoggedRequest),
};

/**
 * Whistleblowing (issue 18 item 3): the request log keeps no address for the report intake API and the
 * public report pages — nothing that could point at a reporter. Elsewhere the address is kept as before.
 */
const PRIVATE_PATHS = /^\/(api\/v1\/reports\/intake|report(\/|\?|$))/;

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export function safeReq(req: LoggedRequest) {
  const base = { method: req.method, url: req.url, host: req.host };
  if (PRIVATE_PATHS.test(req.url)) return base;
  return { ...base, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}
