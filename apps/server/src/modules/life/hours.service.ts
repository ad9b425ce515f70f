import { chinaDay, hoursTarget, lifeRulesetOn, minutesToHours } from '@vanguard/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../../db/client.js';
import { orgFor } from '../../platform/access/load.js';
import type { Scope } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';

export interface HoursRow {
  memberId: number;
  name: string;
  orgName?: string;
  hours: number;
  target: number;
  isLeader: boolean;
  met: boolean;
}

/**
 * Training hours of a year per member: the credited minutes of the hour-bearing meetings they
 * signed in to (党课, 学习研讨, 现场教学; not cancelled) plus the time credited for online study
 * (course_heartbeats, the courses module), against 32 h, or 56 h for holders of a post in a
 * current leadership team (secretaries and committee members).
 */
export async function memberHours(
  db: DbOrTx,
  who: { memberIds?: number[]; scope?: Scope },
  year: number,
  page?: { limit: number; offset: number; onlyShort?: boolean },
): Promise<HoursRow[]> {
  const rs = lifeRulesetOn(`${year}-12-31`);
  const filter = who.memberIds
    ? sql`m.id = ANY(${`{${who.memberIds.join(',')}}`}::int[])`
    : sql`(${sql.join(
        (who.scope?.paths.length ? who.scope.paths : ['\u0000']).map((p) => sql`m.org_path LIKE ${`${p}%`}`),
        sql` OR `,
      )})`;
  const res = await db.execute<{ member_id: number; name: string; org_name: string; minutes: number; is_leader: boolean }>(sql`
    WITH h AS (
      SELECT s.member_id, sum(LEAST(coalesce(s.credited_minutes, mt.hours_minutes), mt.hours_minutes))::int AS minutes
      FROM meeting_signins s JOIN meetings mt ON mt.id = s.meeting_id
      WHERE mt.hours_minutes > 0 AND mt.cancelled_at IS NULL
        AND mt.starts_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
        AND mt.starts_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
      GROUP BY s.member_id
      UNION ALL
      SELECT c.member_id, (sum(c.credited_seconds) / 60)::int FROM course_heartbeats c
      WHERE c.at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
        AND c.at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
      GROUP BY c.member_id
    ), t AS (
      SELECT member_id, sum(minutes)::int AS minutes FROM h GROUP BY member_id
    ), leaders AS (
      SELECT DISTINCT lm.member_id FROM leadership_members lm JOIN leadership_terms lt ON lt.id = lm.term_id
      WHERE lt.ended_on IS NULL AND lm.ended_on IS NULL
    )
    SELECT m.id AS member_id, m.name, o.name AS org_name, coalesce(h.minutes, 0) AS minutes, (l.member_id IS NOT NULL) AS is_leader
    FROM members m JOIN orgs o ON o.id = m.org_id
    LEFT JOIN t h ON h.member_id = m.id LEFT JOIN leaders l ON l.member_id = m.id
    WHERE m.status = 'normal' AND ${filter}
    ${page?.onlyShort ? sql`AND coalesce(h.minutes, 0) < CASE WHEN l.member_id IS NOT NULL THEN ${rs.yearlyHours.leader * 60} ELSE ${rs.yearlyHours.member * 60} END` : sql``}
    ORDER BY o.path, m.id
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`);
  return res.rows.map((r) => {
    const target = hoursTarget(r.is_leader, rs);
    const hours = minutesToHours(r.minutes);
    return { memberId: r.member_id, name: r.name, orgName: r.org_name, hours, target, isLeader: r.is_leader, met: hours >= target };
  });
}

/** 学时台账 of an org's subtree for a year (paged; optionally only those short of the target). */
export async function hoursLedger(ctx: ActorCtx, q: { orgId: number; year?: number; onlyShort?: boolean; page: number; pageSize: number }) {
  const org = await orgFor(ctx, q.orgId, 'life:manage');
  const year = q.year ?? Number(chinaDay(ctx.now()).slice(0, 4));
  const scope = { paths: [org.path] };
  const items = await memberHours(ctx.db, { scope }, year, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    onlyShort: q.onlyShort,
  });
  const all = await memberHours(ctx.db, { scope }, year, q.onlyShort ? { limit: 1_000_000, offset: 0, onlyShort: true } : undefined);
  return { year, orgName: org.name, total: all.length, met: all.filter((r) => r.met).length, items };
}

/** 学时台账 as an Excel workbook (every member of the subtree, or only those short of the target). */
export async function hoursWorkbook(ctx: ActorCtx, q: { orgId: number; year?: number; onlyShort?: boolean }) {
  const org = await orgFor(ctx, q.orgId, 'life:manage');
  const year = q.year ?? Number(chinaDay(ctx.now()).slice(0, 4));
  const rows = await memberHours(
    ctx.db,
    { scope: { paths: [org.path] } },
    year,
    q.onlyShort ? { limit: 1_000_000, offset: 0, onlyShort: true } : undefined,
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年学时`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '所在组织', key: 'orgName', width: 28 },
    { header: '已完成学时', key: 'hours', width: 12 },
    { header: '年度要求', key: 'target', width: 10 },
    { header: '书记/支委', key: 'leader', width: 10 },
    { header: '是否达标', key: 'met', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow({ ...r, leader: r.isLeader ? '是' : '', met: r.met ? '达标' : '未达标' });
  await audit(ctx.db, ctx, {
    action: 'life.hours.export',
    entityType: 'org',
    entityId: org.id,
    orgId: org.id,
    after: { year, rows: rows.length },
  });
  return {
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `${org.name}${year}年党员学时台账.xlsx`,
    asciiName: `training-hours-${year}.xlsx`,
  };
}
