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

/** A file download (an Excel workbook, an export): the body is the file's bytes, declared per content type. */
export const fileResponse = (mime: string, description: string) => ({
  description,
  content: { [mime]: { schema: z.string().meta({ format: 'binary' }) } },
});
/** A Server-Sent Events stream (the events are described in the route's summary). */
export const eventStreamResponse = (description: string) => ({
  description,
  content: { 'text/event-stream': { schema: z.string() } },
});
