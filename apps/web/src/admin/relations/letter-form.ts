/** A form's values with empty strings dropped (optional fields the user left blank). */
export const blankToUndefined = (v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' || x === null ? undefined : x]));
