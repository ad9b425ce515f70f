import { BOARD_STATES, chinaDateTime } from '@vanguard/shared';
import ExcelJS from 'exceljs';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { styleHeader } from '../../platform/xlsx.js';
import { taskBoard } from './tasks.service.js';

/** 任务督办台账 (Excel): every part of the board in the actor's view, the tree as indentation. */
export async function boardXlsx(ctx: ActorCtx, id: number) {
  const b = await taskBoard(ctx, id);
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('任务督办');
  s.addRow([`任务：${b.title}`, `下达：${b.orgName}`, `截止：${chinaDateTime(b.deadline)}`]);
  styleHeader(s.addRow(['承办组织', '层级', '状态', '截止时间', '报送时间', '审核时间', '下级通过/总数']));
  const depth = new Map<number, number>();
  const byParent = new Map<number | null, typeof b.assignments>();
  for (const a of b.assignments) byParent.set(a.parentId, [...(byParent.get(a.parentId) ?? []), a]);
  const ids = new Set(b.assignments.map((a) => a.id));
  const walk = (parent: number | null, d: number) => {
    for (const a of byParent.get(parent) ?? []) {
      depth.set(a.id, d);
      s.addRow([
        `${'　'.repeat(d)}${a.orgName}`,
        d + 1,
        BOARD_STATES[a.state],
        chinaDateTime(a.deadline),
        a.reportedAt ? chinaDateTime(a.reportedAt) : '',
        a.verifiedAt ? chinaDateTime(a.verifiedAt) : '',
        a.partCount ? `${a.partsPassed}/${a.partCount}` : '',
      ]);
      walk(a.id, d + 1);
    }
  };
  // Roots of the actor's view: parts whose parent is not in it.
  for (const a of b.assignments) if (a.parentId !== null && !ids.has(a.parentId)) byParent.set(null, [...(byParent.get(null) ?? []), a]);
  walk(null, 0);
  s.columns.forEach((c, i) => {
    c.width = i === 0 ? 36 : 18;
  });
  await audit(ctx.db, ctx, {
    action: 'task.export',
    entityType: 'task',
    entityId: id,
    orgId: b.orgId,
    after: { rows: b.assignments.length },
  });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, fileName: `任务督办-${b.title.slice(0, 30)}.xlsx`, asciiName: `task-${id}.xlsx` };
}
