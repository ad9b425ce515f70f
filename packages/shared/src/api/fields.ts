import { z } from 'zod';

/** Field builders the module contracts share (the same messages wherever a field appears). */
export const keysOf = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** The largest value of the `integer` (int4) columns every id lives in. */
export const DB_INT_MAX = 2_147_483_647;
/** The years a date or an instant may fall in (issue 15 item 4: year 10000 reached the database). */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2200;

const inYears = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= YEAR_MIN && year <= YEAR_MAX;
};

/** A calendar day `YYYY-MM-DD` that exists (2026-02-30 is refused) in the years 1900–2200. */
export const isoDate = z.iso
  .date({ message: '日期格式应为 YYYY-MM-DD' })
  .refine(inYears, { message: `日期应在 ${YEAR_MIN}–${YEAR_MAX} 年之间` });
/** The same with the field's own label in the message (`出生日期格式应为 YYYY-MM-DD`). */
export const isoDateOf = (label: string) =>
  z.iso.date({ message: `${label}格式应为 YYYY-MM-DD` }).refine(inYears, { message: `${label}应在 ${YEAR_MIN}–${YEAR_MAX} 年之间` });

/**
 * An id in a JSON body: a positive integer the int4 column can hold (2^31 and above are 400, never a
 * database error). `message` is the form's text when it is missing or wrong (`请选择…`).
 */
export const dbId = (message = '编号应为正整数') =>
  z.number({ message }).int({ message }).positive({ message }).max(DB_INT_MAX, { message });
/** A reference to a row chosen in the form (`请选择…` when missing). */
export const idRef = (what: string) => dbId(`请选择${what}`);

/**
 * An id in a path or a query string: plain decimal digits only (`0x21`, `1e3`, ` 1`, `+1`, `01` are
 * 400, where `Number()` would have read them), within the int4 column; read as a number.
 */
export const idParam = (message = '编号应为正整数') =>
  z
    .string({ message })
    .regex(/^[1-9]\d{0,9}$/, { message })
    .refine((s) => Number(s) <= DB_INT_MAX, { message })
    .transform(Number);

/** A small whole number in a path (a step number): plain decimal digits, `min` to `max`. */
export const intParam = (min: number, max: number, message = `应为 ${min}–${max} 的整数`) =>
  z
    .string({ message })
    .regex(/^(0|[1-9]\d{0,5})$/, { message })
    .transform(Number)
    .pipe(z.number().min(min, { message }).max(max, { message }));

/** A whole number an int4 column can hold (counts, positions, amounts in fen): `min` to 2^31 - 1. */
export const dbInt = (min = 0, message?: string) =>
  z
    .number(message ? { message } : undefined)
    .int(message ? { message } : undefined)
    .min(min, message ? { message } : undefined)
    .max(DB_INT_MAX, message ? { message } : undefined);

/** A month as `YYYY-MM`. */
export const ym = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/**
 * An instant: a `Date` on the server, an ISO 8601 string on the wire (a zod codec; the serializer
 * encodes). The server reads such a schema as `z.output` (a Date), the web as `z.input` (a string).
 * The string must carry its offset (`Z` or `+08:00`): one without is refused, never read as UTC;
 * years 1900–2200.
 */
export const timestamp = z.codec(
  z.iso.datetime({ offset: true, message: '时间格式应为带时区的 ISO 8601（如 2026-03-02T09:00:00+08:00）' }).refine(inYears, {
    message: `时间应在 ${YEAR_MIN}–${YEAR_MAX} 年之间`,
  }),
  z.date(),
  {
    decode: (s) => new Date(s),
    encode: (d) => d.toISOString(),
  },
);

/**
 * An instant in a request where older clients send it as a string (ISO 8601, with or without an
 * offset) or as milliseconds: read as a `Date`. A time without an offset is China time (UTC+8,
 * the product's only zone), never the server's; years 1900–2200; anything else is 400.
 */
export const instant = (message = '时间格式不正确') =>
  z.preprocess(
    (v) => {
      if (v instanceof Date) return v;
      if (typeof v === 'number') return Number.isFinite(v) ? new Date(v) : v;
      if (typeof v !== 'string') return v;
      const s = v.trim();
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
      if (!m) return v;
      const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone] = m;
      const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
      if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return v; // 2026-02-30
      const offset = !zone
        ? '+08:00'
        : zone.toUpperCase() === 'Z'
          ? 'Z'
          : zone.includes(':')
            ? zone
            : `${zone.slice(0, 3)}:${zone.slice(3)}`;
      return new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${frac.slice(0, 4)}${offset}`);
    },
    z
      .date({ message })
      .refine((d) => !Number.isNaN(d.getTime()), { message })
      .refine((d) => d.getUTCFullYear() >= YEAR_MIN && d.getUTCFullYear() <= YEAR_MAX, {
        message: `时间应在 ${YEAR_MIN}–${YEAR_MAX} 年之间`,
      }),
  );

/** A lone surrogate (half of a UTF-16 pair) or a NUL: no text field accepts either. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is refused
export const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Plain text: refuses NUL bytes and lone surrogates (PostgreSQL cannot store the one, UTF-8 cannot hold the other). */
export const text = () => z.string().refine((s) => !UNSAFE_TEXT.test(s), { message: '文本含有无效字符' });

/** A resident ID number: 18 characters, the last a digit or X (upper-cased); optional. */
export const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, '身份证号应为 18 位')
  .nullable()
  .optional();
