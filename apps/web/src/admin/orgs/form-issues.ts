import type { FormInstance } from 'antd';
import type { ApiError } from '../../api/client';

const namePath = (path: string) => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/**
 * Whether at least one of the server's field messages has a field of this form to sit under
 * (`posts.1.memberId` → ['posts', 1, 'memberId']). When none has, the dialog shows the message
 * above the form instead, so a refusal is never silent.
 */
export function hasFieldFor(form: FormInstance, err: unknown): boolean {
  const issues = (err as ApiError | null)?.fieldIssues ?? [];
  if (!issues.length) return false;
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  return issues.some((i) => known.has(String(namePath(i.path)[0])));
}

/** Puts the server's field messages under the fields, list rows included. */
export function applyIssues(form: FormInstance, err: ApiError): void {
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const fields = err.fieldIssues.map((i) => ({ name: namePath(i.path), errors: [i.message] })).filter((f) => known.has(String(f.name[0])));
  if (fields.length) form.setFields(fields);
}
