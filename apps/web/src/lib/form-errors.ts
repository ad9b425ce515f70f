import type { ApiError } from '../api/client';

/**
 * What antd's and antd-mobile's form instances have in common for showing errors. `setFields`
 * takes `never[]` so any form's typed field list matches; the entries built below have the
 * `{ name, errors }` shape both libraries accept.
 */
interface ErrorSettable {
  setFields: (fields: never[]) => void;
  /** Lists every registered field (filled or not), so we know which paths the form has. */
  getFieldsError: () => { name: (string | number)[] }[];
}

/**
 * Puts the server's `details[].path` messages under the matching form fields.
 * `rename` maps a server path to a field name when they differ (e.g. newPassword → next).
 * Returns true when at least one message found its field; otherwise the caller shows a banner.
 */
export function applyFieldErrors(form: ErrorSettable, err: ApiError, rename: Record<string, string> = {}): boolean {
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const fields = err.fieldIssues
    .map((i) => ({ name: (rename[i.path] ?? i.path).split('.'), errors: [i.message] }))
    .filter((f) => known.has(f.name[0] ?? ''));
  if (fields.length) form.setFields(fields as never[]);
  return fields.length > 0;
}
