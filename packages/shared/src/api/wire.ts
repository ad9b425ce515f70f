import { z } from 'zod';

/**
 * What a response looks like on the wire: the server's handlers return Date objects where a schema
 * says `z.date()`, and the serializer sends them as ISO strings. The web reads responses as
 * `Wire<z.infer<typeof XSchema>>` (request bodies as `z.input<typeof XSchema>`), so no client type
 * is written by hand.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** A route that answers 204 No Content declares `response: NoContent`. */
export const NoContent = { 204: z.null().describe('done') };

/** An Excel workbook download (the body is the file; a route declares `response: { 200: xlsxFile }`). */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The bytes of a download as a handler sends them: a Buffer (a Uint8Array) or a stream. */
export type FileBody = Uint8Array | { pipe: (...args: never[]) => unknown };

/**
 * A file download as a response schema: the handler sends a Buffer or a stream, which Fastify
 * sends as is (the serializer never runs for it); the schema documents the content type for OpenAPI
 * (`type: string, format: binary`).
 */
export const fileResponse = (mime: string, description: string) => ({
  description,
  content: { [mime]: { schema: z.custom<FileBody>(() => true).meta({ type: 'string', format: 'binary', description }) } },
});
/** A Server-Sent Events stream (the events are described in the route's summary). */
export const eventStreamResponse = (description: string) => ({
  description,
  content: { 'text/event-stream': { schema: z.string().meta({ description }) } },
});
export const xlsxFile = (description = 'Excel 工作簿') => fileResponse(XLSX_MIME, description);

/**
 * A query string as the web sends it: the parsed values (numbers, booleans), each optional (the
 * server fills its defaults). Coercing schemas have `unknown` as input, so the output is the guide.
 */
export type QueryOf<T extends z.ZodType> = Partial<z.output<T>>;
