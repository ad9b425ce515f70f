import { chinaDay } from '@vanguard/shared';
import ExcelJS from 'exceljs';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { styleHeader } from '../../platform/xlsx.js';
import { getElection } from './elections.service.js';
import { managedResults } from './tally.service.js';

/** 选举结果报告 (Excel, the layout of the 选举结果报告 form): counts, then each candidate's votes; audited. */
export async function resultsXlsx(ctx: ActorCtx, id: number) {
  const r = await managedResults(ctx, id);
  const e = await getElection(ctx, id);
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('选举结果报告');
  s.mergeCells('A1:D1');
  s.getCell('A1').value = `${e.orgName}${e.title}选举结果报告`;
  s.getCell('A1').font = { bold: true, size: 16 };
  s.getCell('A1').alignment = { horizontal: 'center' };
  s.addRow([]);
  s.addRow(['应选名额', e.seats, '应到会有选举权人数', r.entitled]);
  s.addRow(['实到会有选举权人数', r.present, '发出选票', r.ballotsIssued]);
  s.addRow(['收回选票', r.ballotsReturned, '无效票', r.invalid]);
  s.addRow(['当选所需票数（超过半数）', Math.floor(r.basis / 2) + 1, '计票规则版本', e.rulesetVersion]);
  s.addRow([]);
  styleHeader(s.addRow(['序号（按姓氏笔画）', '候选人', '得票数', '结果']));
  for (const [i, x] of r.rows.entries())
    s.addRow([i + 1, x.name, x.votes, x.elected ? '当选' : x.tied ? '票数相等，须再次投票' : '未当选']);
  s.addRow([]);
  if (r.runoffSeats) s.addRow([`末位票数相等：对并列候选人再次投票，决定 ${r.runoffSeats} 个名额`]);
  if (r.shortfall)
    s.addRow([
      `缺额 ${r.shortfall} 名：${r.shortfallDecision === 'another-round' ? '另行选举' : r.shortfallDecision === 'fewer-seats' ? '减少名额' : '待大会主持机构决定'}`,
    ]);
  s.addRow(['监票人（签字）：', '', '计票人（签字）：', '']);
  s.columns.forEach((c, i) => {
    c.width = i === 0 ? 26 : 18;
  });
  await audit(ctx.db, ctx, { action: 'election.export', entityType: 'election', entityId: id, orgId: e.orgId });
  return {
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `选举结果报告-${e.orgName}-${chinaDay(ctx.now())}.xlsx`,
    asciiName: `election-${id}-results.xlsx`,
  };
}
