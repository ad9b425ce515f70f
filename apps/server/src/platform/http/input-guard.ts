import { UNSAFE_TEXT } from '@vanguard/shared/api/fields';
import type { FastifyInstance } from 'fastify';
import { invalid } from '../errors.js';

/** The first place in a parsed value where a string (or a key) holds a NUL or a lone surrogate. */
export function unsafeTextAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return UNSAFE_TEXT.test(value) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = unsafeTextAt(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (hit !== null) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    if (UNSAFE_TEXT.test(k)) return at;
    const hit = unsafeTextAt(v, at, depth + 1);
    if (hit !== null) return hit;
  }
  return null;
}

/**
 * Issue 15 item 4: no text reaches a service or the database with a NUL byte (PostgreSQL refuses it
 * in text) or a lone surrogate (not UTF-8). One hook before validation, over the path parameters,
 * the query and the JSON body of every route, so no schema can forget it; the text schema
 * (`text()` in api/fields.ts) says the same for the contracts that use it.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const at =
      unsafeTextAt(req.params, 'params') ?? unsafeTextAt(req.query, 'query') ?? (req.isMultipart() ? null : unsafeTextAt(req.body, ''));
    if (at !== null) throw invalid(at || 'body', '含有无效字符（空字符或不成对的代理字符）');
  });
}
