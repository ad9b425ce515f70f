/**
 * What a response looks like on the wire: fastify-type-provider-zod encodes the handler's value
 * through the route's response schema and sends it as JSON, so a `z.date()` field (a Date on the
 * server) reaches the web as its ISO string. The web types an answer as `Wire<z.infer<typeof X>>`.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
