import {
  chinaDay,
  MENTOR_KINDS,
  MENTOR_RATINGS,
  MENTOR_STATUSES,
  type MentorKind,
  type MentorRating,
  type MentorStatus,
} from '@vanguard/shared';
import type { PairListQuery } from '@vanguard/shared/api/mentors';
import ExcelJS from 'exceljs';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { styleHeader } from '../../platform/xlsx.js';
import { allPairs } from './mentors.service.js';

const rating = (r: string | null) => (r ? (MENTOR_RATINGS[r as MentorRating] ?? r) : '');

/** 导师带徒台账 (Excel): the list's filters, every row, with meetings, milestones and evaluations; audited. */
export async function pairsXlsx(ctx: ActorCtx, q: Omit<PairListQuery, 'page' | 'pageSize'>) {
  const { org, rows } = await allPairs(ctx, q);
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('导师带徒台账');
  styleHeader(
    s.addRow([
      '类型',
      '所在组织',
      '导师',
      '学员',
      '开始日期',
      '计划结束',
      '状态',
      '最近谈心',
      '下次谈心期限',
      '是否逾期',
      '谈心次数',
      '里程碑（完成/总数）',
      '中期评价',
      '结业评价',
    ]),
  );
  for (const r of rows)
    s.addRow([
      MENTOR_KINDS[r.kind as MentorKind] ?? r.kind,
      r.org_name,
      r.mentor_name,
      r.mentee_name,
      r.starts_on,
      r.planned_end_on ?? '',
      MENTOR_STATUSES[r.status as MentorStatus] ?? r.status,
      r.last_meeting_on ?? '',
      r.meeting_due_on ?? '',
      r.overdue ? '逾期' : '',
      r.id ? r.meetings : '',
      r.id ? `${r.milestones_done}/${r.milestones}` : '',
      rating(r.mid),
      rating(r.final),
    ]);
  s.columns.forEach((c, i) => {
    c.width = i === 1 ? 24 : 13;
  });
  await audit(ctx.db, ctx, {
    action: 'mentor_pair.export',
    entityType: 'mentor_pair',
    orgId: org.id,
    after: { rows: rows.length, filters: q },
  });
  return {
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `导师带徒台账-${org.name}-${chinaDay(ctx.now())}.xlsx`,
    asciiName: `mentor-pairs-${org.id}.xlsx`,
  };
}
