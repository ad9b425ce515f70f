import { z } from 'zod';

/**
 * Field shapes several module contracts use. A contract's schemas are read two ways:
 * the server validates requests with them and serializes answers through them (`z.output`:
 * a timestamp is a `Date`), the web sends and receives their JSON (`z.input`: a timestamp is an
 * ISO string). For a schema without a codec or default the two are the same type.
 */

/** A calendar day as `YYYY-MM-DD`. */
export const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

/** A month as `YYYY-MM`. */
export const ym = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** The id of a record the form picks (`请选择…` when missing). */
export const idRef = (what: string) =>
  z
    .number({ message: `请选择${what}` })
    .int({ message: `请选择${what}` })
    .positive({ message: `请选择${what}` });

/** An instant: a `Date` on the server, an ISO 8601 string on the wire (zod codec; the serializer encodes). */
export const timestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});

/** The MIME type of an Excel download. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The 200 response of an Excel download: the file's bytes under the xlsx media type, documented
 * in OpenAPI as `type: string, format: binary`. Fastify sends a Buffer as is (no serializer).
 */
export const xlsxResponse = {
  description: 'Excel 文件（.xlsx，附件下载）',
  content: { [XLSX_MIME]: { schema: z.custom<Uint8Array>().meta({ type: 'string', format: 'binary' }) } },
};
