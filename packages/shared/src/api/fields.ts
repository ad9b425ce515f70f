import { z } from 'zod';

/** Field builders the module contracts share (the same messages wherever a field appears). */
export const keysOf = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
/** A reference to a row chosen in the form (`请选择…` when missing). */
export const idRef = (what: string) =>
  z
    .number({ message: `请选择${what}` })
    .int({ message: `请选择${what}` })
    .positive({ message: `请选择${what}` });

/** A month as `YYYY-MM`. */
export const ym = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/**
 * An instant: a `Date` on the server, an ISO 8601 string on the wire (a zod codec; the serializer
 * encodes). The server reads such a schema as `z.output` (a Date), the web as `z.input` (a string).
 */
export const timestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});
