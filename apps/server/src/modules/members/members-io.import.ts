import { chinaDay, permissionsOf } from '@vanguard/shared';
import { ERRORS_SHOWN, type ImportCommitInput, type ImportStatus, type MemberImportDto, type RowError } from '@vanguard/shared/api/members';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import { memberImports, memberStatusHistory, members, orgs } from '../../db/schema/index.js';
import { can } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { loadWorkbook } from '../../platform/xlsx.js';
import { namePinyin } from './members.service.js';
import {
  blindIndexesOf,
  checkSheet,
  existingIdNumbers,
  finishCheck,
  type ParsedSheet,
  readSheet,
  type ValidRow,
} from './members-io.check.js';
import type { ImportFiles } from './members-io.store.js';

type ImportRow = typeof memberImports.$inferSelect;

/** Rows per INSERT (and per progress step). */
const BATCH = 1000;
/** A commit whose progress has not moved for this long is taken as dead (its transaction rolled back with it). */
const STALE_COMMIT_MS = 10 * 60_000;

function toImportDto(row: ImportRow): MemberImportDto {
  const errors = row.errors as RowError[];
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status as ImportStatus,
    totalRows: row.totalRows,
    validRows: row.validRows,
    importedRows: row.importedRows,
    errorCount: errors.length,
    errors: errors.slice(0, ERRORS_SHOWN).map((e) => ({ row: e.row, column: e.column, message: e.message })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * An import the actor may see: one in an org where they hold members:write, or their own. Any
 * other is simply not there (404).
 */
export async function findImport(ctx: ActorCtx, id: number): Promise<ImportRow> {
  const [found] = await ctx.db
    .select({ imp: memberImports, orgPath: orgs.path })
    .from(memberImports)
    .innerJoin(orgs, eq(orgs.id, memberImports.orgId))
    .where(eq(memberImports.id, id));
  if (!found) throw notFound('该导入记录');
  const mine = found.imp.actorId === ctx.actor.userId;
  if (!mine && !can(ctx.actor, 'members:write', found.orgPath)) throw notFound('该导入记录');
  return found.imp;
}

/** The actor's highest org where they may write members (an import whose rows named no usable org belongs there). */
function homeOrg(ctx: ActorCtx): number {
  const grants = ctx.actor.grants
    .filter((g) => permissionsOf(g.role).includes('members:write'))
    .sort((a, b) => a.orgPath.length - b.orgPath.length);
  if (!grants.length) throw new AppError('FORBIDDEN');
  return grants[0].orgId;
}

async function parse(bytes: Buffer): Promise<ParsedSheet> {
  return readSheet(await loadWorkbook(bytes));
}

/**
 * Step 1 of an import: reads the workbook and checks every row (nothing is written to the
 * archive). The verdict and the uploaded file are kept for the commit and the error report.
 */
export async function checkImport(
  ctx: ActorCtx,
  files: ImportFiles,
  upload: { fileName: string; bytes: Buffer },
): Promise<MemberImportDto> {
  const sheet = await parse(upload.bytes);
  const checked = await checkSheet(ctx, sheet);
  const { errors, valid } = finishCheck(checked, await existingIdNumbers(ctx.db, blindIndexesOf(checked)));
  const orgId = checked.orgId ?? homeOrg(ctx);
  const row = await ctx.db.transaction(async (tx) => {
    const [imp] = await tx
      .insert(memberImports)
      .values({
        orgId,
        actorId: ctx.actor.userId,
        fileName: upload.fileName,
        status: 'checked',
        totalRows: sheet.rows.length,
        validRows: valid.length,
        errors,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    // Inside the transaction: no import row exists without its file.
    await files.save(imp.id, upload.bytes, ctx.ciphers.members);
    await audit(tx, ctx, {
      action: 'member.import_check',
      entityType: 'member_import',
      entityId: imp.id,
      orgId,
      after: { fileName: upload.fileName, totalRows: imp.totalRows, validRows: imp.validRows, errorCount: errors.length },
    });
    return imp;
  });
  return toImportDto(row);
}

export async function getImport(ctx: ActorCtx, id: number): Promise<MemberImportDto> {
  return toImportDto(await findImport(ctx, id));
}

const errorKey = (errors: RowError[]) => errors.map((e) => `${e.row}\u0000${e.column}\u0000${e.message}`).join('\u0001');

/** Thrown inside the write transaction when the file no longer checks as it did: nothing is written. */
class ChangedSinceCheck extends Error {
  constructor(
    readonly errors: RowError[],
    readonly validRows: number,
  ) {
    super('changed since check');
  }
}

type MemberInsert = typeof members.$inferInsert;

/** The member rows of one batch: pinyin and sealed sensitive fields as createMember writes them. */
function memberValues(ctx: ActorCtx, batch: ValidRow[]): MemberInsert[] {
  const cipher = ctx.ciphers.members;
  return batch.map(({ input, org, idNumberBi }) => ({
    orgId: org.id,
    orgPath: org.path,
    name: input.name,
    sex: input.sex,
    ethnicity: input.ethnicity,
    birthDate: input.birthDate,
    nativePlace: input.nativePlace ?? null,
    education: input.education ?? null,
    post: input.post ?? null,
    category: input.category,
    status: input.status,
    appliedOn: input.appliedOn ?? null,
    admittedOn: input.admittedOn ?? null,
    fullOn: input.fullOn ?? null,
    labels: input.labels,
    ...namePinyin(input.name),
    // Same sealing as members.service `sealed()`: ciphertext plus blind index.
    idNumberEnc: input.idNumber ? cipher.encrypt(input.idNumber) : null,
    idNumberBi,
    phoneEnc: input.phone ? cipher.encrypt(input.phone) : null,
    phoneBi: input.phone ? cipher.blindIndex(input.phone) : null,
  }));
}

/** The columns an import writes, each sent as one array parameter. Labels (an array per row) travel joined by commas. */
const INSERT_COLUMNS: { column: AnyPgColumn; type: string; value: (m: MemberInsert) => unknown }[] = [
  { column: members.orgId, type: 'int', value: (m) => m.orgId },
  { column: members.orgPath, type: 'text', value: (m) => m.orgPath },
  { column: members.name, type: 'text', value: (m) => m.name },
  { column: members.sex, type: 'text', value: (m) => m.sex },
  { column: members.ethnicity, type: 'text', value: (m) => m.ethnicity },
  { column: members.birthDate, type: 'date', value: (m) => m.birthDate },
  { column: members.nativePlace, type: 'text', value: (m) => m.nativePlace },
  { column: members.education, type: 'text', value: (m) => m.education },
  { column: members.post, type: 'text', value: (m) => m.post },
  { column: members.category, type: 'text', value: (m) => m.category },
  { column: members.status, type: 'text', value: (m) => m.status },
  { column: members.appliedOn, type: 'date', value: (m) => m.appliedOn },
  { column: members.admittedOn, type: 'date', value: (m) => m.admittedOn },
  { column: members.fullOn, type: 'date', value: (m) => m.fullOn },
  { column: members.labels, type: 'text', value: (m) => (m.labels ?? []).join(',') },
  { column: members.namePinyin, type: 'text', value: (m) => m.namePinyin },
  { column: members.nameInitials, type: 'text', value: (m) => m.nameInitials },
  { column: members.idNumberEnc, type: 'text', value: (m) => m.idNumberEnc },
  { column: members.idNumberBi, type: 'text', value: (m) => m.idNumberBi },
  { column: members.phoneEnc, type: 'text', value: (m) => m.phoneEnc },
  { column: members.phoneBi, type: 'text', value: (m) => m.phoneBi },
];

/**
 * One batch in one statement: the rows as column arrays through `unnest` (a fixed 21 parameters
 * however many rows; ARCHITECTURE.md §SQL access), and for each new member the 建档 entry of the
 * status history that createMember writes.
 */
async function insertBatch(tx: Tx, ctx: ActorCtx, batch: ValidRow[], today: string): Promise<void> {
  const rows = memberValues(ctx, batch);
  const names = sql.join(
    INSERT_COLUMNS.map((c) => sql.identifier(c.column.name)),
    sql`, `,
  );
  const arrays = sql.join(
    INSERT_COLUMNS.map((c) => sql`${sql.param(rows.map(c.value))}::${sql.raw(c.type)}[]`),
    sql`, `,
  );
  const picked = sql.join(
    INSERT_COLUMNS.map((c) =>
      c.column === members.labels ? sql`string_to_array(u.labels, ',')` : sql`u.${sql.identifier(c.column.name)}`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    WITH inserted AS (
      INSERT INTO ${members} (${names})
      SELECT ${picked} FROM unnest(${arrays}) AS u(${names})
      RETURNING id, category, full_on, admitted_on
    )
    INSERT INTO ${memberStatusHistory} (member_id, field, to_value, effective_on, reason, actor_id)
    SELECT id, 'category', category, coalesce(full_on, admitted_on, ${today}::date), '批量导入建档', ${ctx.actor.userId}::int
    FROM inserted`);
}

/**
 * Step 2: writes the checked rows, all-or-nothing, in one transaction. The stored workbook is
 * read and checked again; ID numbers are checked against the archive once more under a lock that
 * holds other writers of members off until this commit ends, so no duplicate slips in between.
 * If anything changed since the check, nothing is written and the new verdict replaces the old
 * (409). A committed import answers with its first result: committing twice writes nothing new.
 */
export async function commitImport(ctx: ActorCtx, files: ImportFiles, id: number, { mode }: ImportCommitInput): Promise<MemberImportDto> {
  const imp = await findImport(ctx, id);
  if (imp.status === 'committed') return toImportDto(imp);
  const errorCount = (imp.errors as RowError[]).length;
  if (mode === 'all' && errorCount > 0) {
    throw conflict(`表格中还有 ${errorCount} 处错误，不能全部导入；请修正后重新上传，或选择“仅导入无误的行”`, { errorCount });
  }
  if (imp.validRows === 0) throw conflict('没有可导入的行');

  // Claim the import: of two commits at once, one proceeds and the other is told to wait.
  const now = ctx.now();
  const claimed = await ctx.db
    .update(memberImports)
    .set({ status: 'committing', importedRows: 0, updatedAt: now })
    .where(
      and(
        eq(memberImports.id, id),
        or(
          eq(memberImports.status, 'checked'),
          and(eq(memberImports.status, 'committing'), lt(memberImports.updatedAt, new Date(now.getTime() - STALE_COMMIT_MS))),
        ),
      ),
    )
    .returning({ id: memberImports.id });
  if (!claimed.length) {
    const again = await findImport(ctx, id);
    if (again.status === 'committed') return toImportDto(again);
    throw conflict('该导入正在写入，请稍候查看进度');
  }

  const progress = (done: number) =>
    ctx.db.update(memberImports).set({ importedRows: done, updatedAt: ctx.now() }).where(eq(memberImports.id, id));
  try {
    const bytes = await files.load(id, ctx.ciphers.members);
    if (!bytes) throw conflict('导入文件已不存在，请重新上传');
    const checked = await checkSheet(ctx, await parse(bytes));
    const today = chinaDay(ctx.now());
    await ctx.db.transaction(async (tx) => {
      // SHARE ROW EXCLUSIVE: reads go on; inserts and updates of members (and other imports) wait.
      await tx.execute(sql`LOCK TABLE ${members} IN SHARE ROW EXCLUSIVE MODE`);
      const { errors, valid } = finishCheck(checked, await existingIdNumbers(tx, blindIndexesOf(checked)));
      if (errorKey(errors) !== errorKey(imp.errors as RowError[])) throw new ChangedSinceCheck(errors, valid.length);
      for (let i = 0; i < valid.length; i += BATCH) {
        const batch = valid.slice(i, i + BATCH);
        await insertBatch(tx, ctx, batch, today);
        // Outside the transaction, so a poll of GET /imports/:id sees it at once.
        await progress(i + batch.length);
      }
      await tx
        .update(memberImports)
        .set({ status: 'committed', importedRows: valid.length, updatedAt: ctx.now() })
        .where(eq(memberImports.id, id));
      await audit(tx, ctx, {
        action: 'member.import',
        entityType: 'member_import',
        entityId: id,
        orgId: imp.orgId,
        after: { fileName: imp.fileName, mode, importedRows: valid.length, skippedRows: imp.totalRows - valid.length },
      });
    });
  } catch (e) {
    const changed = e instanceof ChangedSinceCheck;
    await ctx.db
      .update(memberImports)
      .set({
        status: 'checked',
        importedRows: 0,
        updatedAt: ctx.now(),
        ...(changed ? { errors: e.errors, validRows: e.validRows } : {}),
      })
      .where(and(eq(memberImports.id, id), eq(memberImports.status, 'committing')));
    if (changed) {
      throw conflict('检查之后数据有变化（例如身份证号已被录入或党组织已调整），未写入任何数据；请查看最新检查结果后再确认', {
        errorCount: e.errors.length,
        validRows: e.validRows,
      });
    }
    throw e;
  }
  return getImport(ctx, id);
}
