/** A form's values with empty strings dropped, as the request body B (the server checks each field and answers per field). */
export const blankToUndefined = <B>(v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' || x === null ? undefined : x])) as B;
