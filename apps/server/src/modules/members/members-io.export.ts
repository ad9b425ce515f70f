import { PassThrough } from 'node:stream';
import { chinaDay } from '@vanguard/shared';
import type { MemberDto, MemberExportQuery, MemberListQuery } from '@vanguard/shared/api/members';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../../db/client.js';
import { orgs } from '../../db/schema/index.js';
import { assertCan, covers, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type CellValue, excelDate, styleHeader } from '../../platform/xlsx.js';
import { listMembers as listRows, listScope } from './members.repository.js';
import { toDto } from './members.service.js';

/** Most members one export holds; more is refused with a hint to narrow the filters. */
const EXPORT_CAP = 100_000;
/** Rows read per query while streaming. */
const PAGE = 2_000;

interface RosterColumn {
  header: string;
  width: number;
  value: (m: MemberDto) => CellValue;
  kind?: 'date' | 'text';
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** The columns of 党员名册 as the national member information system lays them out. */
const ROSTER: RosterColumn[] = [
  { header: '姓名', width: 10, value: (m) => m.name },
  { header: '性别', width: 6, value: (m) => m.sex },
  { header: '民族', width: 8, value: (m) => m.ethnicity },
  { header: '出生日期', width: 12, value: (m) => excelDate(m.birthDate), kind: 'date' },
  { header: '公民身份号码', width: 21, value: (m) => m.idNumber, kind: 'text' },
  { header: '学历', width: 10, value: (m) => m.education },
  { header: '籍贯', width: 12, value: (m) => m.nativePlace },
  { header: '人员类别', width: 10, value: (m) => m.categoryName },
  { header: '申请入党日期', width: 13, value: (m) => excelDate(m.appliedOn), kind: 'date' },
  { header: '入党日期', width: 12, value: (m) => excelDate(m.admittedOn), kind: 'date' },
  { header: '转正日期', width: 12, value: (m) => excelDate(m.fullOn), kind: 'date' },
  { header: '党龄', width: 6, value: (m) => m.partyAge },
  { header: '所在党组织', width: 28, value: (m) => m.orgName },
  { header: '工作岗位', width: 16, value: (m) => m.post },
  { header: '联系电话', width: 14, value: (m) => m.phone, kind: 'text' },
  { header: '家庭住址', width: 24, value: (m) => m.address },
  { header: '党籍状态', width: 10, value: (m) => m.statusName },
  { header: '是否流动党员', width: 8, value: (m) => yesNo(m.labels.includes('流动')) },
  { header: '是否失联党员', width: 8, value: (m) => yesNo(m.labels.includes('失联')) },
  { header: '标签', width: 16, value: (m) => m.labels.join('、') },
];

export interface MemberExport {
  fileName: string;
  asciiName: string;
  stream: PassThrough;
}

/**
 * 党员名册 as xlsx, with the list's filters (issue 3 item 8). All pages are read in one
 * read-only REPEATABLE READ transaction, so the file is one consistent snapshot however long it
 * takes; rows are streamed through exceljs' WorkbookWriter. Sensitive fields are masked unless
 * `reveal` is asked and the actor holds members:read-sensitive over the row's org. One audit row
 * records the export: `member.export_revealed` with the count of unmasked rows, else `member.export`.
 */
export async function exportMembers(ctx: ActorCtx, q: MemberExportQuery): Promise<MemberExport> {
  const scope = listScope(ctx.actor, q.q);
  let subtreePath: string | undefined;
  if (q.orgId) {
    const [org] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, q.orgId));
    if (!org) throw notFound('该组织');
    assertCan(ctx.actor, 'members:read', org.path, '该组织');
    subtreePath = org.path;
  }
  const today = chinaDay(ctx.now());
  const cipher = ctx.ciphers.members;
  const sensitive = scopeOf(ctx.actor, 'members:read-sensitive');
  const page = (db: DbOrTx, n: number) =>
    listRows(db, scope, { ...q, page: n, pageSize: PAGE } satisfies MemberListQuery, { cipher, subtreePath, today });
  const day = today.replaceAll('-', '');
  const names = { fileName: `党员名册-${day}.xlsx`, asciiName: `member-roster-${day}.xlsx` };

  let total = 0;
  let revealed = 0;
  let audited = false;
  return new Promise<MemberExport>((resolve, reject) => {
    let stream: PassThrough | undefined;
    ctx.db
      .transaction(
        async (tx) => {
          const first = await page(tx, 1);
          total = first.total;
          if (total > EXPORT_CAP) {
            throw new AppError('VALIDATION', `一次最多导出 ${EXPORT_CAP} 人，当前条件下有 ${total} 人，请缩小筛选范围`, [
              { path: 'query', message: `超过 ${EXPORT_CAP} 人` },
            ]);
          }
          const out = new PassThrough();
          stream = out;
          resolve({ ...names, stream: out });

          const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
          wb.creator = '先锋智慧党建';
          const ws = wb.addWorksheet('党员名册', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
          ws.columns = [{ width: 6 }, ...ROSTER].map((c) => ({
            width: c.width,
            style: 'kind' in c && c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : 'kind' in c && c.kind === 'text' ? { numFmt: '@' } : {},
          }));
          const header = ws.addRow(['序号', ...ROSTER.map((c) => c.header)]);
          styleHeader(header);
          header.commit();
          let rows = first.rows;
          let n = 0;
          for (let p = 1; rows.length; ) {
            for (const r of rows) {
              const m = toDto(r, cipher, q.reveal && covers(sensitive, r.orgPath), today);
              if (m.revealed) revealed += 1;
              n += 1;
              ws.addRow([n, ...ROSTER.map((c) => c.value(m))]).commit();
            }
            if (n >= total || rows.length < PAGE) break;
            p += 1;
            rows = (await page(tx, p)).rows;
          }
          ws.commit();
          // Audited before the zip is closed: an xlsx cannot be opened without its end, so no
          // usable file leaves without its audit row.
          await writeAudit();
          await wb.commit();
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      )
      .catch(async (e: unknown) => {
        if (!stream) return reject(e);
        ctx.log.error({ err: e }, 'member export failed while streaming');
        stream.destroy(e instanceof Error ? e : new Error(String(e)));
        if (!audited) await writeAudit().catch((err: unknown) => ctx.log.error({ err }, 'member export audit failed'));
      });
  });

  async function writeAudit() {
    audited = true;
    // The search box may hold an ID number or a phone: only whether one was used is kept.
    const filters = { ...q, q: undefined, search: Boolean(q.q) };
    await audit(ctx.db, ctx, {
      action: revealed ? 'member.export_revealed' : 'member.export',
      entityType: 'member',
      after: { rows: total, revealedRows: revealed, filters },
    });
  }
}
