/**
 * What may change on an exam after it was created (pure; the service passes the clock's now).
 * Before it opens — or while nobody has started it — every setting may change. Once someone has
 * an attempt, only the title and the close time (what the people who took it are graded by must
 * not move under them). A closed exam keeps everything but its title. The close time must stay
 * after the opening and after now; ending an exam early is the close action, not an edit.
 */
const EXAM_EDIT_FIELDS = [
  'title',
  'description',
  'opensAt',
  'closesAt',
  'timeLimitMinutes',
  'maxAttempts',
  'gradingPolicy',
  'reviewRule',
  'passScore',
  'shuffleOptions',
  'offlineAllowed',
] as const;
export type ExamEditField = (typeof EXAM_EDIT_FIELDS)[number];
export type ExamEditable = Record<ExamEditField, unknown> & { opensAt: Date; closesAt: Date };

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null);

/** The fields the change really changes. */
export function changedFields(exam: ExamEditable, change: Partial<ExamEditable>): ExamEditField[] {
  return EXAM_EDIT_FIELDS.filter((f) => f in change && change[f] !== undefined && !same(exam[f], change[f]));
}

export function examEditProblems(
  exam: ExamEditable & { status: string },
  attempts: number,
  change: Partial<ExamEditable>,
  now: Date,
): { path: string; message: string }[] {
  const changed = changedFields(exam, change);
  const errors: { path: string; message: string }[] = [];
  const closed = exam.status === 'published' && exam.closesAt.getTime() <= now.getTime();
  const opened = exam.status === 'published' && exam.opensAt.getTime() <= now.getTime();
  for (const f of changed) {
    if (f === 'title') continue;
    if (closed) errors.push({ path: f, message: '考试已结束，只能修改标题' });
    else if (attempts > 0 && f !== 'closesAt') errors.push({ path: f, message: `已有 ${attempts} 份答卷，只能修改标题和结束时间` });
    else if (f === 'opensAt' && opened) errors.push({ path: f, message: '考试已开始，不能修改开始时间' });
  }
  if (errors.length) return errors;
  const opensAt = (change.opensAt as Date | undefined) ?? exam.opensAt;
  const closesAt = (change.closesAt as Date | undefined) ?? exam.closesAt;
  if (changed.includes('closesAt') || changed.includes('opensAt')) {
    if (closesAt.getTime() <= opensAt.getTime()) errors.push({ path: 'closesAt', message: '结束时间应晚于开始时间' });
    else if (closesAt.getTime() <= now.getTime())
      errors.push({ path: 'closesAt', message: '结束时间应晚于现在（提前结束请用“结束考试”）' });
  }
  return errors;
}
