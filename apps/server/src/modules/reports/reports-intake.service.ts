import { chinaDay, REPORT_FILES_MAX, reportDeadlines, reportRulesetOn } from '@vanguard/shared';
import type { ReportIntakeSchema } from '@vanguard/shared/api/reports';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import {
  orgs,
  reportChannelHandlers,
  reportChannels,
  reportFiles,
  reportHandlerKeys,
  reportKeys,
  reports,
  users,
} from '../../db/schema/index.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import { answersAad, fileNameAad, questionsOf, siteSalt } from './reports.common.js';
import { newReceipt, newReportKey, receiptKeys, seal, sealText, wrapForHandler } from './reports.crypto.js';
import { checkFile, shred, storeSealed } from './reports.files.js';
import { namedAsAccused } from './reports.policy.js';

/** The channels open for intake, each with its questions and the handlers a reporter may exclude. */
export async function publicChannels(ctx: Ctx) {
  const chans = await ctx.db
    .select({ c: reportChannels, orgName: orgs.name })
    .from(reportChannels)
    .innerJoin(orgs, eq(orgs.id, reportChannels.orgId))
    .where(eq(reportChannels.active, true))
    .orderBy(asc(reportChannels.id));
  const hs = chans.length
    ? await ctx.db
        .select({ channelId: reportChannelHandlers.channelId, id: users.id, name: users.displayName })
        .from(reportChannelHandlers)
        .innerJoin(users, eq(users.id, reportChannelHandlers.userId))
        .innerJoin(reportHandlerKeys, eq(reportHandlerKeys.userId, users.id))
        .where(
          and(
            inArray(
              reportChannelHandlers.channelId,
              chans.map((c) => c.c.id),
            ),
            isNull(users.disabledAt),
          ),
        )
        .orderBy(asc(users.id))
    : [];
  return {
    items: chans
      .map(({ c, orgName }) => ({
        id: c.id,
        name: c.name,
        description: c.description,
        orgName,
        rewardEnabled: c.rewardEnabled,
        questions: questionsOf(c.questions),
        handlers: hs.filter((h) => h.channelId === c.id).map((h) => ({ id: h.id, name: h.name })),
      }))
      // A channel nobody can open takes no reports.
      .filter((c) => c.handlers.length > 0),
  };
}

type Intake = z.output<typeof ReportIntakeSchema>;

/**
 * Files a report without an account (issue 18 items 1–4, 6). Nothing of the request's origin is kept:
 * the day only, no address, agent, cookie or session — a signed-in user is treated as anyone. The
 * receipt is returned once; only its scrypt hash is stored. Answers, files and the file names are
 * sealed with a new report key, which is wrapped for each handler of the channel (minus those the
 * reporter excluded and any named as the accused) and for the receipt.
 */
export async function fileReport(ctx: Ctx, input: Intake) {
  const [ch] = await ctx.db
    .select()
    .from(reportChannels)
    .where(and(eq(reportChannels.id, input.channelId), eq(reportChannels.active, true)));
  if (!ch) throw invalid('channelId', '该举报渠道不存在或已停用');
  const questions = questionsOf(ch.questions);
  const answers: Record<string, string> = {};
  const problems: { path: string; message: string }[] = [];
  for (const q of questions) {
    const v = (input.answers[q.key] ?? '').trim();
    if (q.required && !v) problems.push({ path: `answers.${q.key}`, message: `请填写「${q.label}」` });
    if (v && q.kind === 'select' && q.options && !q.options.includes(v))
      problems.push({ path: `answers.${q.key}`, message: `「${q.label}」请从选项中选择` });
    if (v) answers[q.key] = v;
  }
  for (const k of Object.keys(input.answers))
    if (!questions.some((q) => q.key === k)) problems.push({ path: `answers.${k}`, message: '没有这一项' });
  if (problems.length) throw invalid(problems);
  if (input.files.length > REPORT_FILES_MAX) throw invalid('files', `附件最多 ${REPORT_FILES_MAX} 个`);
  const files = input.files.map((f, i) => checkFile(f, `files.${i}`));
  if (input.rewardWanted && !ch.rewardEnabled) throw invalid('rewardWanted', '该渠道不设举报奖励');

  const candidates = await ctx.db
    .select({ id: users.id, name: users.displayName, publicKey: reportHandlerKeys.publicKey })
    .from(reportChannelHandlers)
    .innerJoin(users, eq(users.id, reportChannelHandlers.userId))
    .innerJoin(reportHandlerKeys, eq(reportHandlerKeys.userId, users.id))
    .where(and(eq(reportChannelHandlers.channelId, ch.id), isNull(users.disabledAt)));
  const excluded = candidates.filter((h) => input.exclude.includes(h.id) || namedAsAccused(answers.accused, h.name));
  const handlers = candidates.filter((h) => !excluded.includes(h));
  if (handlers.length === 0) throw invalid('exclude', '排除后该渠道已无办理人员，请少排除几位，或改向上级纪委渠道举报');

  const day = chinaDay(ctx.now());
  const rs = reportRulesetOn(day);
  const receipt = newReceipt();
  const rk = await receiptKeys(receipt, await siteSalt(ctx.db));
  const key = newReportKey();
  const written: string[] = [];
  try {
    await ctx.db.transaction(async (tx) => {
      const [r] = await tx
        .insert(reports)
        .values({
          channelId: ch.id,
          orgId: ch.orgId,
          orgPath: ch.orgPath,
          receivedOn: day,
          updatedOn: day,
          rulesetVersion: rs.version,
          acceptBy: reportDeadlines(rs, day, null, false).acceptBy,
          receiptHash: rk.lookup,
          reporterKey: 'pending',
          answersEnc: 'pending',
          handlerIds: handlers.map((h) => h.id),
          excludedIds: excluded.map((h) => h.id),
          exclusions: excluded.length,
          rewardWanted: input.rewardWanted,
        })
        .returning({ id: reports.id });
      await tx
        .update(reports)
        .set({
          reporterKey: seal(rk.wrapKey, key, `report-key:${r.id}`).toString('base64'),
          answersEnc: sealText(key, JSON.stringify(answers), answersAad(r.id)),
        })
        .where(eq(reports.id, r.id));
      await tx
        .insert(reportKeys)
        .values(handlers.map((h) => ({ reportId: r.id, userId: h.id, wrapped: wrapForHandler(key, h.publicKey, `report-key:${r.id}`) })));
      for (const f of files) {
        const storageKey = await storeSealed(key, r.id, f.data);
        written.push(storageKey);
        await tx.insert(reportFiles).values({
          reportId: r.id,
          fromReporter: true,
          nameEnc: sealText(key, f.name, fileNameAad(r.id)),
          mime: f.mime,
          size: f.data.length,
          storageKey,
          createdOn: day,
        });
      }
      // No audit row here, on purpose: the audit log's rows carry exact times and run in sequence, so a
      // `reports.received` row between two others would date the submission to the minute (docs/REPORTS.md).
    });
  } catch (e) {
    for (const k of written) await shred(k).catch(() => undefined);
    if ((e as { code?: string }).code === '23505') throw new AppError('CONFLICT', '请重新提交');
    throw e;
  } finally {
    key.fill(0);
  }
  return { receipt, receivedOn: day };
}
