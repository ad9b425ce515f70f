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
