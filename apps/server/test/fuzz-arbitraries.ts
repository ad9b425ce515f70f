import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check arbitraries derived from a route's own schemas (issue 17 item 1): the zod contract is
 * turned into JSON Schema (as the OpenAPI document is) and each keyword becomes a generator. `valid`
 * draws values the schema accepts, near its boundaries more often than not; `request` mixes those
 * with hostile ones — a wrong type, a huge string, odd Unicode, a number past a column, a missing
 * required field, an unknown field — one change at a time, so that the rest of the request still
 * passes and the hostile value reaches the service and the database.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: Json[];
  const?: Json;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: Json;
}

export function jsonSchemaOf(schema: unknown): JsonSchema | undefined {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema)) return undefined;
  try {
    return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return undefined;
  }
}

/** Strings that match the patterns our contracts use (months, ids, codes), for a pattern fast-check cannot invert. */
const PATTERN_CANDIDATES = ['2026-06', '2026-06-15', '1', '12', '110101199003074514', '13800138000', 'abc', 'A1'];
const INT4 = 2_147_483_647;

/** Text people type, as a grapheme string: Chinese, Latin, digits, spaces and punctuation. */
const chinese = fc.constantFrom('党', '支', '部', '员', '张', '伟', '煤', '矿', '（', '）', '、', '。', ' ', 'a', 'Z', '1', '-');
const humanText = (min: number, max: number) =>
  fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ unit: chinese, minLength: min, maxLength: max }));

function patternArb(pattern: string, s: JsonSchema): fc.Arbitrary<string> {
  const re = new RegExp(pattern);
  const known = PATTERN_CANDIDATES.filter((c) => re.test(c));
  try {
    const gen = fc
      .stringMatching(re)
      .filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY));
    return known.length ? fc.oneof(fc.constantFrom(...known), gen) : gen;
  } catch {
    return fc.constantFrom(...(known.length ? known : ['x']));
  }
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'date':
      return fc
        .date({ min: new Date('1950-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('1950-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().replace('Z', '+08:00')));
    case 'uuid':
      return fc.oneof(fc.uuid({ version: 4 }), fc.constant('00000000-0000-4000-8000-000000000000'));
    case 'email':
      return fc.emailAddress();
  }
  if (s.pattern) return patternArb(s.pattern, s);
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, Math.max(min, 40));
  const arbs: fc.Arbitrary<string>[] = [humanText(min, max)];
  // The boundaries: exactly the shortest and the longest the schema allows.
  if (s.maxLength !== undefined && s.maxLength <= 20_000) arbs.push(fc.constant('字'.repeat(s.maxLength)));
  if (min > 0) arbs.push(fc.constant('a'.repeat(min)));
  return fc.oneof(...arbs);
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -INT4 - 1), -INT4 - 1);
  const hi = Math.min(s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : INT4), INT4);
  if (integer) {
    // Small ids exist in the demo data: draw near the low end mostly, and the two ends exactly.
    const low = Math.max(lo, Math.min(0, hi));
    return fc.oneof(
      { arbitrary: fc.integer({ min: low, max: Math.min(hi, low + 30) }), weight: 4 },
      { arbitrary: fc.constantFrom(lo, hi), weight: 1 },
      { arbitrary: fc.integer({ min: lo, max: hi }), weight: 1 },
    );
  }
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** Values the schema accepts (as far as JSON Schema can say: a zod refinement may still refuse one). */
export function valid(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<Json> {
  if (!s || depth > 8) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return fc.oneof(...alt.map((a) => valid(a, depth + 1)));
  if (s.allOf?.length) return valid(s.allOf[0], depth + 1);
  const types = s.type === undefined ? [] : [s.type].flat();
  if (types.length > 1) return fc.oneof(...types.map((t) => valid({ ...s, type: t }, depth + 1)));
  switch (types[0]) {
    case 'object': {
      const props = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valid(v, depth + 1)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) }) as fc.Arbitrary<Json>;
    }
    case 'array': {
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => valid(p, depth + 1)));
      const minLength = s.minItems ?? 0;
      return fc.array(valid(s.items, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 4, 4)) });
    }
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringArb(s);
    case 'null':
      return fc.constant(null);
    default:
      return fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 5 }), fc.string({ maxLength: 5 }));
  }
}

/** Strings that have broken parsers and databases: NUL, lone surrogates, bidi and zero-width marks, emoji sequences. */
const ODD_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\u202eRTL',
  '\u200b\u200d\ufeff',
  'e\u0301\u0301\u0301',
  '👨‍👩‍👧‍👦',
  '𠮷野家',
  '\\u0000',
  "'; DROP TABLE users; --",
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  ' ',
  '',
];
const ODD_NUMBERS: Json[] = [-1, 0, 0.5, -0, 2_147_483_648, -2_147_483_649, 9_007_199_254_740_992, 1e308, -1e308, 1e-308];
const ODD_DATES = ['2026-02-30', '0000-01-01', '10000-01-01', '2026-13-01', '2026-06-15T10:00:00', '+010000-01-01T00:00:00Z', '1899-12-31'];

/** A value of the wrong kind or at the edge: for any leaf, whatever its type. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: fc.constantFrom<Json>(...ODD_TEXT, ...ODD_NUMBERS, ...ODD_DATES), weight: 4 },
  { arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [1], { a: 1 }, '1', 1), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
  // Huge: past every maxLength we declare, and (the last) past the body limit.
  { arbitrary: fc.constantFrom('长'.repeat(5_000), 'x'.repeat(70_000), '字'.repeat(400_000)), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
);

/** Every leaf of a value, by path. */
export function leaves(v: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.length ? v.flatMap((x, i) => leaves(x, [...path, i])) : [path];
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length ? entries.flatMap(([k, x]) => leaves(x, [...path, k])) : [path];
  }
  return [path];
}
export function setAt(v: Json, path: (string | number)[], value: Json | undefined): Json {
  if (!path.length) return value ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? setAt(x, rest, value) : x));
  const o = { ...((v ?? {}) as Record<string, Json>) };
  if (value === undefined && !rest.length) delete o[head];
  else o[head] = setAt(o[head] ?? null, rest, value);
  return o;
}

export type Mutation = 'valid' | 'hostile leaf' | 'missing field' | 'extra field' | 'wrong type';

/** A valid value, or one change to it: a hostile leaf, a required key dropped, an unknown key added, the whole of the wrong type. */
export function mutated(s: JsonSchema | undefined): fc.Arbitrary<{ value: Json; how: Mutation }> {
  const base = valid(s);
  return fc.oneof(
    { arbitrary: base.map((value) => ({ value, how: 'valid' as const })), weight: 3 },
    {
      arbitrary: fc.tuple(base, fc.nat(), hostileValue).map(([v, i, bad]) => {
        const all = leaves(v);
        return { value: setAt(v, all[i % all.length], bad), how: 'hostile leaf' as const };
      }),
      weight: 4,
    },
    {
      arbitrary: fc.tuple(base, fc.nat()).map(([v, i]) => {
        const keys = v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
        return { value: keys.length ? setAt(v, [keys[i % keys.length]], undefined) : v, how: 'missing field' as const };
      }),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(base, fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'orgId', 'a\u0000'), hostileValue)
        .map(([v, k, x]) => ({
          value: v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [k]: x } : v,
          how: 'extra field' as const,
        })),
      weight: 1,
    },
    { arbitrary: hostileValue.map((value) => ({ value, how: 'wrong type' as const })), weight: 1 },
  );
}
