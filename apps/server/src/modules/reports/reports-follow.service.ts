import { chinaDay } from '@vanguard/shared';
import { eq } from 'drizzle-orm';
import { reportChannels, reportFiles, reportMessages, reports } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { answersAad, claimAad, fileNameAad, messageAad, questionsOf, siteSalt, threadOf } from './reports.common.js';
import { open, openText, receiptKeys, sealText } from './reports.crypto.js';
import { checkFile, readSealed, storeSealed } from './reports.files.js';
import { checkReceiptLimit, wrongReceipt } from './reports.throttle.js';

/** The same answer for a receipt that does not exist and one mistyped: the page never says which. */
const noSuchReceipt = () => new AppError('NOT_FOUND', '回执码不正确，或该举报已按规定期限删除');

/**
 * Opens a report with its receipt: the lookup hash finds it, the other half of the scrypt output unwraps
 * its key. Wrong receipts count against the address in memory (429 after ten in ten minutes).
 */
async function byReceipt(ctx: Ctx, receipt: string, address: string | undefined) {
  const now = ctx.now();
  checkReceiptLimit(address, now);
  const rk = await receiptKeys(receipt, await siteSalt(ctx.db));
  const [r] = await ctx.db.select().from(reports).where(eq(reports.receiptHash, rk.lookup));
  if (!r) {
    wrongReceipt(address, now);
    throw noSuchReceipt();
  }
  const key = open(rk.wrapKey, Buffer.from(r.reporterKey, 'base64'), `report-key:${r.id}`);
  return { r, key };
}

export async function followView(ctx: Ctx, receipt: string, address: string | undefined) {
  const { r, key } = await byReceipt(ctx, receipt, address);
  const [ch] = await ctx.db.select().from(reportChannels).where(eq(reportChannels.id, r.channelId));
  const thread = await threadOf(ctx.db, r.id, key, false);
  return {
    channelName: ch?.name ?? '',
    receivedOn: r.receivedOn,
    status: r.status as 'pending',
    outcome: r.outcome as 'substantiated' | null,
    answers: JSON.parse(openText(key, r.answersEnc, answersAad(r.id))) as Record<string, string>,
    questions: questionsOf(ch?.questions ?? []),
    messages: thread.messages,
    files: thread.files,
    reward:
      r.rewardFen != null && r.claimCodeEnc
        ? { amountFen: r.rewardFen, claimCode: openText(key, r.claimCodeEnc, claimAad(r.id)), paidOn: r.rewardPaidOn }
        : null,
  };
}

const closed = () => new AppError('CONFLICT', '该举报已归档，不能再补充；如有新情况请重新举报');

/** The reporter answers the handlers (or adds facts): sealed like the rest. */
export async function followMessage(ctx: Ctx, receipt: string, text: string, address: string | undefined) {
  const { r, key } = await byReceipt(ctx, receipt, address);
  if (r.status === 'archived') throw closed();
  const day = chinaDay(ctx.now());
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(reportMessages)
      .values({ reportId: r.id, kind: 'reporter', bodyEnc: sealText(key, text, messageAad(r.id)), createdOn: day });
    await tx.update(reports).set({ updatedOn: day, readBy: [] }).where(eq(reports.id, r.id));
  });
  return followView(ctx, receipt, address);
}

export async function followFile(ctx: Ctx, receipt: string, file: { name: string; base64: string }, address: string | undefined) {
  const { r, key } = await byReceipt(ctx, receipt, address);
  if (r.status === 'archived') throw closed();
  const f = checkFile(file, 'file');
  const day = chinaDay(ctx.now());
  const storageKey = await storeSealed(key, r.id, f.data);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(reportFiles).values({
      reportId: r.id,
      fromReporter: true,
      nameEnc: sealText(key, f.name, fileNameAad(r.id)),
      mime: f.mime,
      size: f.data.length,
      storageKey,
      createdOn: day,
    });
    await tx.update(reports).set({ updatedOn: day, readBy: [] }).where(eq(reports.id, r.id));
  });
  return followView(ctx, receipt, address);
}

/** One of the report's files, opened for the reporter. */
export async function followFileBytes(ctx: Ctx, receipt: string, fileId: number, address: string | undefined) {
  const { r, key } = await byReceipt(ctx, receipt, address);
  const [f] = await ctx.db.select().from(reportFiles).where(eq(reportFiles.id, fileId));
  if (!f || f.reportId !== r.id) throw notFound('附件');
  return { name: openText(key, f.nameEnc, fileNameAad(r.id)), mime: f.mime, data: await readSealed(key, r.id, f.storageKey) };
}
