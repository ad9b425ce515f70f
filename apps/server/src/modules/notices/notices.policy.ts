import { type Actor, can, covers, visibleScope } from '../../platform/access/scope.js';
import type { FieldError } from '../../platform/errors.js';

// Record-level rules of notices beyond org scope: pure functions, no database.

/** What may be attached to a notice: documents and pictures (no video, no unknown types). */
export const NOTICE_FILE_TYPES = ['application/pdf', 'application/zip', 'image/jpeg', 'image/png', 'image/webp'] as const;

export interface PublishInput {
  requireSign: boolean;
  signDeadline?: Date | null;
  audience: { orgIds: number[]; userIds: number[]; roles: string[]; labels: string[] };
}

/** Problems with a notice before anything is written (empty audience, a deadline in the past). */
export function publishProblems(input: PublishInput, now: Date): FieldError[] {
  const out: FieldError[] = [];
  const a = input.audience;
  if (a.orgIds.length === 0 && a.userIds.length === 0 && a.roles.length === 0 && a.labels.length === 0) {
    out.push({ path: 'audience', message: '请选择受众（组织、角色、标签或人员至少一项）' });
  }
  if (input.requireSign && input.signDeadline && input.signDeadline.getTime() <= now.getTime()) {
    out.push({ path: 'signDeadline', message: '签收截止时间不能早于当前时间' });
  }
  return out;
}

/** Attachments whose type a notice may not carry (by the sniffed type). */
export function disallowedFiles(files: { id: string; mime: string }[]): string[] {
  return files.filter((f) => !(NOTICE_FILE_TYPES as readonly string[]).includes(f.mime)).map((f) => f.id);
}

/**
 * Who may download a notice's attachment: its recipients and its publishers always; anyone who can see
 * the publishing org too, unless the notice is 内部 (then only the audience and the publishers).
 */
export function mayReadNoticeFile(actor: Actor, n: { orgPath: string; internal: boolean; status: string }, isRecipient: boolean): boolean {
  if (can(actor, 'notices:publish', n.orgPath)) return true;
  if (n.status !== 'published') return false;
  if (isRecipient) return true;
  return !n.internal && covers(visibleScope(actor), n.orgPath);
}

/** 签收 is possible only where required; a second one changes nothing (idempotent). */
export function signProblem(n: { requireSign: boolean }): string | null {
  return n.requireSign ? null : '该通知不需要签收';
}
