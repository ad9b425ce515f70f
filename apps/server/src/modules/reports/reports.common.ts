import { randomBytes } from 'node:crypto';
import type { ReportQuestion } from '@vanguard/shared/api/reports';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { reportFiles, reportMessages, reportSettings, users } from '../../db/schema/index.js';
import { openText } from './reports.crypto.js';

const salts = new WeakMap<Db, Buffer>();
/** The site salt of the receipt hash (one row, made at first use), kept per database. */
export async function siteSalt(db: Db): Promise<Buffer> {
  const kept = salts.get(db);
  if (kept) return kept;
  await db
    .insert(reportSettings)
    .values({ id: 1, receiptSalt: randomBytes(32).toString('base64') })
    .onConflictDoNothing();
  const [row] = await db.select().from(reportSettings).where(eq(reportSettings.id, 1));
  const salt = Buffer.from(row.receiptSalt, 'base64');
  salts.set(db, salt);
  return salt;
}

export const answersAad = (id: number) => `report-answers:${id}`;
export const messageAad = (id: number) => `report-message:${id}`;
export const fileNameAad = (id: number) => `report-file-name:${id}`;
export const claimAad = (id: number) => `report-claim:${id}`;
export const reasonAad = (id: number) => `report-reason:${id}`;

/** Messages and files of a report, opened with its key; `withNotes` false for the reporter. */
export async function threadOf(db: DbOrTx, reportId: number, key: Buffer, withNotes: boolean) {
  const msgs = await db.select().from(reportMessages).where(eq(reportMessages.reportId, reportId)).orderBy(asc(reportMessages.id));
  const authorIds = [...new Set(msgs.map((m) => m.authorId).filter((x): x is number => x != null))];
  const names = new Map(
    authorIds.length
      ? (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, authorIds))).map((u) => [
          u.id,
          u.name,
        ])
      : [],
  );
  const files = await db.select().from(reportFiles).where(eq(reportFiles.reportId, reportId)).orderBy(asc(reportFiles.id));
  return {
    messages: msgs
      .filter((m) => withNotes || m.kind !== 'note')
      .map((m) => ({
        id: m.id,
        kind: m.kind as 'reporter' | 'reply' | 'note',
        text: openText(key, m.bodyEnc, messageAad(reportId)),
        // The reporter never learns who handles the report.
        authorName:
          withNotes && m.authorId ? (names.get(m.authorId) ?? null) : m.kind === 'reporter' ? null : withNotes ? null : '办理人员',
        createdOn: m.createdOn,
      })),
    files: files.map((f) => ({
      id: f.id,
      name: openText(key, f.nameEnc, fileNameAad(reportId)),
      mime: f.mime,
      size: f.size,
      fromReporter: f.fromReporter,
      createdOn: f.createdOn,
    })),
  };
}

export const questionsOf = (q: unknown[]): ReportQuestion[] => q as ReportQuestion[];
