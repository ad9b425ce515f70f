import {
  canMove,
  chinaDay,
  type ReportOutcome,
  type ReportStatus,
  reportDeadlines,
  reportExpiresOn,
  reportRulesetOn,
} from '@vanguard/shared';
import type { ReportFlagsSchema, ReportHandlersSchema, ReportStatusChangeSchema } from '@vanguard/shared/api/reports';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import {
  orgs,
  reportChannelHandlers,
  reportChannels,
  reportFiles,
  reportHandlerKeys,
  reportKeys,
  reportMessages,
  reports,
  users,
} from '../../db/schema/index.js';
import { REPORTS } from '../../platform/access/gates.js';
import { loadOwn } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { SessionRow } from '../../platform/auth/sessions.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { answersAad, claimAad, fileNameAad, messageAad, questionsOf, reasonAad, threadOf } from './reports.common.js';
import { newClaimCode, openText, sealText, wrapForHandler } from './reports.crypto.js';
import { readSealed } from './reports.files.js';
import { assignedSide, namedAsAccused } from './reports.policy.js';
import { rowOf } from './reports-handle.queries.js';
import { assertHandler, reportKeyFor } from './reports-keys.service.js';

/** The report if it is assigned to the actor (else 404, whatever the actor's roles), optionally locked. */
export async function assigned(ctx: ActorCtx, id: number, opts: { db?: DbOrTx; lock?: boolean } = {}) {
  assertHandler(ctx);
  const { row } = await loadOwn(ctx, REPORTS, id, (r) => assignedSide(ctx.actor, r), opts);
  return row;
}

async function handlerNames(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
}

export async function reportDetail(ctx: ActorCtx, session: SessionRow, id: number) {
  const r = await assigned(ctx, id);
  const key = await reportKeyFor(ctx, session, r.id);
  const today = chinaDay(ctx.now());
  const [ch] = await ctx.db
    .select({ name: reportChannels.name, questions: reportChannels.questions, orgName: orgs.name })
    .from(reportChannels)
    .innerJoin(orgs, eq(orgs.id, reportChannels.orgId))
    .where(eq(reportChannels.id, r.channelId));
  const thread = await threadOf(ctx.db, r.id, key, true);
  const answers = JSON.parse(openText(key, r.answersEnc, answersAad(r.id))) as Record<string, string>;
  const pool = await ctx.db
    .select({ id: users.id, name: users.displayName })
    .from(reportChannelHandlers)
    .innerJoin(users, eq(users.id, reportChannelHandlers.userId))
    .innerJoin(reportHandlerKeys, eq(reportHandlerKeys.userId, users.id))
    .where(eq(reportChannelHandlers.channelId, r.channelId));
  const candidates = pool.filter(
    (h) => !r.handlerIds.includes(h.id) && !r.excludedIds.includes(h.id) && !namedAsAccused(answers.accused, h.name),
  );
  await ctx.db.transaction(async (tx) => {
    if (!r.readBy.includes(ctx.actor.userId))
      await tx.execute(sql`UPDATE reports SET read_by = array_append(read_by, ${ctx.actor.userId}) WHERE id = ${r.id}`);
    // Every opening of a report by a handler is audited (who, which report; never what it says).
    await audit(tx, ctx, { action: 'reports.opened', entityType: 'report', entityId: r.id, orgId: r.orgId });
  });
  return {
    ...rowOf(r, ch?.name ?? '', ch?.orgName ?? '', -1, today),
    unread: false,
    channelId: r.channelId,
    rulesetVersion: r.rulesetVersion,
    extended: r.extended,
    conclusionReason: r.reasonEnc ? openText(key, r.reasonEnc, reasonAad(r.id)) : null,
    answers,
    questions: questionsOf(ch?.questions ?? []),
    ...thread,
    handlers: await handlerNames(ctx.db, r.handlerIds),
    candidates,
    exclusions: r.exclusions,
    rewardWanted: r.rewardWanted,
    reward:
      r.rewardFen != null && r.claimCodeEnc
        ? { amountFen: r.rewardFen, claimCode: openText(key, r.claimCodeEnc, claimAad(r.id)), paidOn: r.rewardPaidOn }
        : null,
  };
}

type StatusChange = z.output<typeof ReportStatusChangeSchema>;

/** Moves a report along 待受理 → 已受理 → 调查中 → 已办结 → 已归档 (the ruleset's deadlines follow). */
export async function changeStatus(ctx: ActorCtx, session: SessionRow, id: number, input: StatusChange) {
  return ctx.db.transaction(async (tx) => {
    const r = await assigned(ctx, id, { db: tx, lock: true });
    const from = r.status as ReportStatus;
    if (!canMove(from, input.to)) throw conflict(`「${from}」状态不能转为「${input.to}」`);
    if (input.to === 'concluded' && input.outcome === 'declined' && from !== 'pending')
      throw invalid('outcome', '不予受理只能在受理前作出；已受理的举报请按查实情况办结');
    if (input.to === 'concluded' && input.outcome !== 'declined' && from === 'pending') throw invalid('outcome', '请先受理，再办结');
    const day = chinaDay(ctx.now());
    const rs = reportRulesetOn(r.receivedOn);
    const set: Partial<typeof reports.$inferInsert> = { status: input.to, updatedOn: day };
    if (input.to === 'accepted') {
      set.acceptedOn = day;
      set.concludeBy = reportDeadlines(rs, r.receivedOn, day, false).concludeBy;
    }
    if (input.to === 'concluded') {
      set.outcome = input.outcome as ReportOutcome;
      set.concludedOn = day;
      if (input.reason) set.reasonEnc = sealText(await reportKeyFor(ctx, session, r.id, tx), input.reason, reasonAad(r.id));
    }
    const [ch] = await tx.select().from(reportChannels).where(eq(reportChannels.id, r.channelId));
    const retention = {
      ...rs,
      retainArchivedDays: ch?.retainArchivedDays ?? rs.retainArchivedDays,
      retainDeclinedDays: ch?.retainDeclinedDays ?? rs.retainDeclinedDays,
    };
    set.expiresOn = reportExpiresOn(retention, input.to, (set.outcome ?? r.outcome) as ReportOutcome | null, day);
    await tx.update(reports).set(set).where(eq(reports.id, r.id));
    await audit(tx, ctx, {
      action: 'reports.status',
      entityType: 'report',
      entityId: r.id,
      orgId: r.orgId,
      before: { status: from },
      after: { status: input.to, outcome: set.outcome ?? null },
    });
    return { id: r.id, status: input.to };
  });
}

/** A reply the reporter reads, or an internal note only handlers read. */
export async function addMessage(ctx: ActorCtx, session: SessionRow, id: number, input: { kind: 'reply' | 'note'; text: string }) {
  return ctx.db.transaction(async (tx) => {
    const r = await assigned(ctx, id, { db: tx, lock: true });
    if (r.status === 'archived') throw conflict('该举报已归档，不能再回复或添加备注');
    const key = await reportKeyFor(ctx, session, r.id, tx);
    const day = chinaDay(ctx.now());
    const [m] = await tx
      .insert(reportMessages)
      .values({
        reportId: r.id,
        kind: input.kind,
        authorId: ctx.actor.userId,
        bodyEnc: sealText(key, input.text, messageAad(r.id)),
        createdOn: day,
      })
      .returning({ id: reportMessages.id });
    await tx.update(reports).set({ updatedOn: day }).where(eq(reports.id, r.id));
    await audit(tx, ctx, {
      action: `reports.${input.kind}`,
      entityType: 'report',
      entityId: r.id,
      orgId: r.orgId,
      after: { messageId: m.id },
    });
    return { id: m.id };
  });
}

/**
 * Adds or removes handlers: the report key (opened with the acting handler's key) is wrapped for each
 * added one. Excluded handlers and anyone named as the accused are refused; the last handler stays.
 */
export async function changeHandlers(ctx: ActorCtx, session: SessionRow, id: number, input: z.output<typeof ReportHandlersSchema>) {
  return ctx.db.transaction(async (tx) => {
    const r = await assigned(ctx, id, { db: tx, lock: true });
    const key = await reportKeyFor(ctx, session, r.id, tx);
    const answers = JSON.parse(openText(key, r.answersEnc, answersAad(r.id))) as Record<string, string>;
    const add = input.add.filter((x) => !r.handlerIds.includes(x));
    const pool = add.length
      ? await tx
          .select({ id: users.id, name: users.displayName, publicKey: reportHandlerKeys.publicKey })
          .from(reportChannelHandlers)
          .innerJoin(users, eq(users.id, reportChannelHandlers.userId))
          .innerJoin(reportHandlerKeys, eq(reportHandlerKeys.userId, users.id))
          .where(and(eq(reportChannelHandlers.channelId, r.channelId), inArray(users.id, add)))
      : [];
    for (const [i, uid] of add.entries()) {
      const h = pool.find((p) => p.id === uid);
      if (!h || r.excludedIds.includes(uid) || namedAsAccused(answers.accused, h.name))
        throw invalid(`add.${i}`, '该人员不能办理此举报（不在本渠道、未设置密钥，或存在回避情形）');
    }
    const next = [...r.handlerIds.filter((x) => !input.remove.includes(x)), ...add];
    if (next.length === 0) throw invalid('remove', '至少保留一名办理人员');
    if (add.length)
      await tx
        .insert(reportKeys)
        .values(pool.map((h) => ({ reportId: r.id, userId: h.id, wrapped: wrapForHandler(key, h.publicKey, `report-key:${r.id}`) })));
    const removed = input.remove.filter((x) => r.handlerIds.includes(x));
    if (removed.length) await tx.delete(reportKeys).where(and(eq(reportKeys.reportId, r.id), inArray(reportKeys.userId, removed)));
    await tx
      .update(reports)
      .set({ handlerIds: next, updatedOn: chinaDay(ctx.now()) })
      .where(eq(reports.id, r.id));
    await audit(tx, ctx, {
      action: 'reports.handlers',
      entityType: 'report',
      entityId: r.id,
      orgId: r.orgId,
      after: { added: add, removed },
    });
    return { id: r.id, handlerIds: next };
  });
}

/** Label, importance, and the one extension of the conclusion deadline (with a reason, audited). */
export async function changeFlags(ctx: ActorCtx, session: SessionRow, id: number, input: z.output<typeof ReportFlagsSchema>) {
  return ctx.db.transaction(async (tx) => {
    const r = await assigned(ctx, id, { db: tx, lock: true });
    const set: Partial<typeof reports.$inferInsert> = {};
    if (input.important !== undefined) set.important = input.important;
    if (input.label !== undefined) set.label = input.label || null;
    if (input.extendReason) {
      if (r.extended) throw conflict('办结期限只能延长一次');
      if (!r.acceptedOn || !['accepted', 'investigating'].includes(r.status)) throw conflict('受理后、办结前才能延期');
      const rs = reportRulesetOn(r.receivedOn);
      set.extended = true;
      set.concludeBy = reportDeadlines(rs, r.receivedOn, r.acceptedOn, true).concludeBy;
      const key = await reportKeyFor(ctx, session, r.id, tx);
      await tx.insert(reportMessages).values({
        reportId: r.id,
        kind: 'note',
        authorId: ctx.actor.userId,
        bodyEnc: sealText(key, `延期理由：${input.extendReason}`, messageAad(r.id)),
        createdOn: chinaDay(ctx.now()),
      });
    }
    if (Object.keys(set).length) await tx.update(reports).set(set).where(eq(reports.id, r.id));
    await audit(tx, ctx, {
      action: 'reports.flags',
      entityType: 'report',
      entityId: r.id,
      orgId: r.orgId,
      after: { important: set.important, label: set.label, extended: set.extended },
    });
    return { id: r.id };
  });
}

/** 隐患举报奖励: on a 属实 / 部分属实 safety report the handler sets the amount; the reporter sees it and a claim code. */
export async function setReward(ctx: ActorCtx, session: SessionRow, id: number, amountFen: number) {
  return ctx.db.transaction(async (tx) => {
    const r = await assigned(ctx, id, { db: tx, lock: true });
    const [ch] = await tx
      .select({ rewardEnabled: reportChannels.rewardEnabled })
      .from(reportChannels)
      .where(eq(reportChannels.id, r.channelId));
    if (!ch?.rewardEnabled) throw conflict('该渠道不设举报奖励');
    if (!['substantiated', 'partly'].includes(r.outcome ?? '')) throw conflict('经查属实或部分属实的举报才能给予奖励');
    if (r.rewardPaidOn) throw conflict('奖励已领取，不能再修改');
    const key = await reportKeyFor(ctx, session, r.id, tx);
    const claimCodeEnc = r.claimCodeEnc ?? sealText(key, newClaimCode(), claimAad(r.id));
    await tx
      .update(reports)
      .set({ rewardFen: amountFen, rewardSetOn: chinaDay(ctx.now()), claimCodeEnc })
      .where(eq(reports.id, r.id));
    await audit(tx, ctx, {
      action: 'reports.reward',
      entityType: 'report',
      entityId: r.id,
      orgId: r.orgId,
      before: { amountFen: r.rewardFen },
      after: { amountFen },
    });
    return { id: r.id };
  });
}

/** The reward was handed over (in person, against the receipt and the claim code). */
export async function markRewardPaid(ctx: ActorCtx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const r = await assigned(ctx, id, { db: tx, lock: true });
    if (r.rewardFen == null) throw conflict('尚未设定奖励');
    if (r.rewardPaidOn) throw conflict('奖励已领取');
    await tx
      .update(reports)
      .set({ rewardPaidOn: chinaDay(ctx.now()) })
      .where(eq(reports.id, r.id));
    await audit(tx, ctx, { action: 'reports.reward_paid', entityType: 'report', entityId: r.id, orgId: r.orgId });
    return { id: r.id };
  });
}

export async function handlerFile(ctx: ActorCtx, session: SessionRow, id: number, fileId: number) {
  const r = await assigned(ctx, id);
  const key = await reportKeyFor(ctx, session, r.id);
  const [f] = await ctx.db
    .select()
    .from(reportFiles)
    .where(and(eq(reportFiles.id, fileId), eq(reportFiles.reportId, r.id)));
  if (!f) throw notFound('附件');
  await audit(ctx.db, ctx, { action: 'reports.file_opened', entityType: 'report', entityId: r.id, orgId: r.orgId, after: { fileId } });
  return { name: openText(key, f.nameEnc, fileNameAad(r.id)), mime: f.mime, data: await readSealed(key, r.id, f.storageKey) };
}
