/** Tasks down the tree (任务督办, issue 16 item 2): statuses and the pure rules of the board. */

export const ASSIGNMENT_STATUSES = {
  pending: '待报送',
  reported: '已报送待审核',
  returned: '已退回',
  passed: '已通过',
} as const;
export type AssignmentStatus = keyof typeof ASSIGNMENT_STATUSES;

/** On the board: the status, or 逾期 for one still owed after its deadline while the task is open. */
export const BOARD_STATES = { ...ASSIGNMENT_STATUSES, overdue: '已逾期' } as const;
export type BoardState = keyof typeof BOARD_STATES;

export function boardState(a: { status: string; deadline: Date | string }, taskOpen: boolean, now: Date): BoardState {
  const owed = a.status === 'pending' || a.status === 'returned';
  if (owed && taskOpen && new Date(a.deadline).getTime() < now.getTime()) return 'overdue';
  return a.status as BoardState;
}

/** An org may report when its part is owed; one that split its part, when every part below it has passed. */
export function reportProblem(a: { status: string }, children: { status: string }[]): string | null {
  if (a.status === 'reported') return '已报送，等待上级审核';
  if (a.status === 'passed') return '已通过审核，不能再报送';
  if (children.some((c) => c.status !== 'passed'))
    return `下级组织尚未全部通过审核（${children.filter((c) => c.status === 'passed').length}/${children.length}）`;
  return null;
}

/** What a report lacks for the task's form. */
export function reportFormProblems(
  form: { text: boolean; files: boolean; number: boolean },
  r: { text?: string | null; fileId?: string | null; number?: number | null },
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (form.text && !r.text?.trim()) out.push({ path: 'text', message: '请填写报送内容' });
  if (form.files && !r.fileId) out.push({ path: 'fileId', message: '请上传佐证材料' });
  if (form.number && (r.number === null || r.number === undefined)) out.push({ path: 'number', message: '请填写数量' });
  return out;
}
