import { PassThrough } from 'node:stream';
import { chinaDay, RECRUITMENT_STAGES } from '@vanguard/shared';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { orgs, recruitmentCases, recruitmentSteps } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { styleHeader } from '../../platform/xlsx.js';
import { anyId } from './recruitment.common.js';
import { listCaseSummariesForJob } from './recruitment-board.service.js';

const MAX_ROWS = 20_000;
const STATUS_NAMES: Record<string, string> = { active: '进行中', completed: '已转正', cancelled: '已取消预备党员资格', stopped: '已终止' };
const STATE_NAMES: Record<string, string> = { ok: '正常', blocked: '未到时间', warning: '临近期限', overdue: '已逾期' };

/** 发展党员工作台账: everyone in recruitment in an org's subtree (any status), one row each, as an xlsx. */
export async function exportCases(ctx: ActorCtx, orgId: number, status?: string) {
  const org = await orgFor(ctx, orgId, 'members:read', { dissolved: true });
  const where = and(
    inScope(recruitmentCases.orgPath, scopeOf(ctx.actor, 'members:read')),
    sql`${recruitmentCases.orgPath} LIKE ${`${org.path}%`}`,
    status ? eq(recruitmentCases.status, status) : undefined,
  ) as SQL;
  const rows = await ctx.db
    .select({ c: recruitmentCases, orgName: orgs.name })
    .from(recruitmentCases)
    .innerJoin(orgs, eq(orgs.id, recruitmentCases.orgId))
    .where(where)
    .orderBy(asc(recruitmentCases.orgPath), asc(recruitmentCases.appliedOn), asc(recruitmentCases.id))
    .limit(MAX_ROWS + 1);
  if (rows.length > MAX_ROWS) throw new AppError('BAD_REQUEST', `超过 ${MAX_ROWS} 人，请选择下级组织分别导出`);
  const today = chinaDay(ctx.now());
  const summaries = await listCaseSummariesForJob(
    ctx.db,
    rows.map((r) => ({ ...r.c, orgName: r.orgName })),
    today,
  );
  const people = rows.length
    ? await ctx.db
        .select({ caseId: recruitmentSteps.caseId, stepNo: recruitmentSteps.stepNo, people: recruitmentSteps.people })
        .from(recruitmentSteps)
        .where(
          and(
            anyId(
              recruitmentSteps.caseId,
              rows.map((r) => r.c.id),
            ),
            inArray(recruitmentSteps.stepNo, [5, 9]),
          ),
        )
    : [];
  const peopleOf = new Map(people.map((p) => [`${p.caseId}:${p.stepNo}`, p.people.map((x) => x.name).join('、')]));
  const names = (caseId: number, stepNo: number) => peopleOf.get(`${caseId}:${stepNo}`) ?? '';
  const summaryOf = new Map(summaries.map((x) => [x.id, x]));

  // The streaming writer: about three times faster than building the workbook in memory.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (d: Buffer) => chunks.push(d));
  const done = new Promise((resolve) => out.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('发展党员台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ['姓名', 10],
    ['性别', 6],
    ['出生日期', 12],
    ['所在支部', 24],
    ['阶段', 16],
    ['已完成步骤', 10],
    ['递交申请', 12],
    ['确定积极分子', 12],
    ['培养联系人', 16],
    ['确定发展对象', 12],
    ['入党介绍人', 16],
    ['支部大会接收', 12],
    ['预备期满', 12],
    ['转为正式党员', 12],
    ['下一步', 24],
    ['期限', 12],
    ['期限状态', 10],
    ['状态', 14],
  ].map(([header, width]) => ({ header: header as string, width: width as number }));
  styleHeader(ws.getRow(1));
  ws.getRow(1).commit();
  for (const r of rows) {
    const s = summaryOf.get(r.c.id);
    const c = r.c;
    ws.addRow([
      c.name,
      c.sex,
      c.birthDate,
      r.orgName,
      RECRUITMENT_STAGES[(s?.stage ?? 1) as keyof typeof RECRUITMENT_STAGES],
      c.lastStep,
      c.appliedOn,
      c.activistOn,
      names(c.id, 5),
      c.targetOn,
      names(c.id, 9),
      c.admittedOn,
      c.probationEndsOn,
      c.fullOn,
      s?.next ? `第 ${s.next.no} 步 ${s.next.name}` : '',
      s?.next?.dueOn ?? s?.next?.opensOn ?? '',
      s?.next ? STATE_NAMES[s.next.state] : '',
      STATUS_NAMES[c.status] ?? c.status,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  const buffer = Buffer.concat(chunks);
  await audit(ctx.db, ctx, {
    action: 'recruitment.export',
    entityType: 'org',
    entityId: org.id,
    orgId: org.id,
    after: { rows: rows.length, status },
  });
  return { buffer, fileName: `${org.name}发展党员台账${today}.xlsx` };
}
