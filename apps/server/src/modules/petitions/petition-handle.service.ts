import { chinaDay } from '@vanguard/shared';
import type { PetitionCloseSchema, PetitionMeetingSchema } from '@vanguard/shared/api/petitions';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { deeds, orgs, petitions } from '../../db/schema/index.js';
import { MEETINGS, PETITIONS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict } from '../../platform/errors.js';
import { tellPetitioner } from './petition-submit.service.js';
import { addEvent, closeWork } from './petitions.common.js';
import { handlesNow } from './petitions.policy.js';
import { petitionDto } from './petitions.queries.js';

type Tx = Parameters<Parameters<ActorCtx['db']['transaction']>[0]>[0];

/** The petition in the actor's petitions:handle scope (404 outside, 403 without it). */
export async function getPetition(ctx: ActorCtx, id: number) {
  return petitionDto(ctx, ctx.db, await loadFor(ctx, PETITIONS, id, 'petitions:handle'));
}

/** Loads for a write: locked, and held by an org the actor handles now (the first org reads on after escalation). */
async function forWrite(ctx: ActorCtx, tx: Tx, id: number) {
  const p = await loadFor(ctx, PETITIONS, id, 'petitions:handle', { db: tx, lock: true });
  if (!handlesNow(ctx.actor, p)) throw new AppError('FORBIDDEN', '该诉求已提交上级党组织办理，本级只能查看');
  return p;
}

/** 受理: the accepting person becomes the assigned handler (the one who sees an undisclosed name). */
export async function acceptPetition(ctx: ActorCtx, id: number) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const p = await forWrite(ctx, tx, id);
    if (p.status !== 'submitted') throw conflict('该诉求已受理');
    const [after] = await tx
      .update(petitions)
      .set({ status: 'in_progress', handlerUserId: ctx.actor.userId, acceptedAt: now, acceptedOn: chinaDay(now), updatedAt: now })
      .where(eq(petitions.id, p.id))
      .returning();
    const late = after.acceptedOn! > p.acceptDueOn;
    await addEvent(tx, {
      petitionId: p.id,
      kind: 'accepted',
      at: now,
      actorUserId: ctx.actor.userId,
      note: late ? `超过受理期限 ${p.acceptDueOn}` : null,
    });
    await audit(tx, ctx, { action: 'petition.accept', entityType: 'petition', entityId: p.id, orgId: p.orgId, after: { late } });
    return petitionDto(ctx, tx, after);
  });
}

/** 答复: the petitioner is told and asked to rate; the handlers' to-dos are done. */
export async function replyPetition(ctx: ActorCtx, id: number, reply: string) {
  const now = ctx.now();
  const today = chinaDay(now);
  return ctx.db.transaction(async (tx) => {
    const p = await forWrite(ctx, tx, id);
    if (p.status === 'submitted') throw conflict('请先受理该诉求');
    if (p.status !== 'in_progress' && p.status !== 'reopened') throw conflict('该诉求已答复');
    const [after] = await tx
      .update(petitions)
      .set({
        status: 'replied',
        reply,
        repliedAt: now,
        firstRepliedOn: p.firstRepliedOn ?? today,
        handlerUserId: p.handlerUserId ?? ctx.actor.userId,
        acceptedAt: p.acceptedAt ?? now,
        acceptedOn: p.acceptedOn ?? today,
        updatedAt: now,
      })
      .where(eq(petitions.id, p.id))
      .returning();
    await addEvent(tx, { petitionId: p.id, kind: 'replied', at: now, actorUserId: ctx.actor.userId, note: reply });
    await audit(tx, ctx, {
      action: 'petition.reply',
      entityType: 'petition',
      entityId: p.id,
      orgId: p.orgId,
      after: { onTime: today <= p.replyDueOn },
    });
    await closeWork(tx, now, p.id);
    const [org] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, p.orgId));
    await tellPetitioner(tx, now, after, org?.name ?? '');
    return petitionDto(ctx, tx, after);
  });
}

/**
 * 民情说事: the petition goes on an organizational-life meeting of an org the actor manages (the life
 * module offers no agenda writer, so the link is kept on the petition); a decision, when given, is recorded.
 */
export async function petitionMeeting(ctx: ActorCtx, id: number, input: z.infer<typeof PetitionMeetingSchema>) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const p = await forWrite(ctx, tx, id);
    if (p.status !== 'in_progress' && p.status !== 'reopened') throw conflict('只有办理中的诉求可以列入会议议题');
    const m = await loadFor(ctx, MEETINGS, input.meetingId, 'life:manage', { db: tx, field: 'meetingId' });
    const first = p.meetingId !== m.id;
    const [after] = await tx
      .update(petitions)
      .set({ meetingId: m.id, meetingDecision: input.decision ?? p.meetingDecision, updatedAt: now })
      .where(eq(petitions.id, p.id))
      .returning();
    if (first) await addEvent(tx, { petitionId: p.id, kind: 'meeting', at: now, actorUserId: ctx.actor.userId, note: m.topic });
    if (input.decision)
      await addEvent(tx, { petitionId: p.id, kind: 'decision', at: now, actorUserId: ctx.actor.userId, note: input.decision });
    await audit(tx, ctx, {
      action: 'petition.meeting',
      entityType: 'petition',
      entityId: p.id,
      orgId: p.orgId,
      after: { meetingId: m.id, decision: !!input.decision },
    });
    return petitionDto(ctx, tx, after);
  });
}

/**
 * 办结 after the petitioner's rating; `toLedger` enters it in the 办实事 ledger of the org handling it,
 * with the petitioner's name only if they agreed (and did not ask for it to be withheld).
 */
export async function closePetition(ctx: ActorCtx, id: number, input: z.infer<typeof PetitionCloseSchema>) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const p = await forWrite(ctx, tx, id);
    if (p.status !== 'rated') throw conflict(p.status === 'closed' ? '该诉求已办结' : '职工评价后才能办结');
    const [after] = await tx
      .update(petitions)
      .set({ status: 'closed', closedAt: now, updatedAt: now })
      .where(eq(petitions.id, p.id))
      .returning();
    await addEvent(tx, { petitionId: p.id, kind: 'closed', at: now, actorUserId: ctx.actor.userId });
    if (input.toLedger) {
      await tx.insert(deeds).values({
        orgId: p.orgId,
        orgPath: p.orgPath,
        petitionId: p.id,
        title: input.title ?? `${p.body.slice(0, 30)}`,
        done: input.done ?? p.reply ?? '',
        costFen: input.costFen,
        beneficiaries: input.beneficiaries,
        photoFileIds: [],
        doneOn: chinaDay(now),
        petitionerName: p.nameInLedger && !p.anonymous ? p.submitterName : null,
        createdBy: ctx.actor.userId,
      });
    }
    await closeWork(tx, now, p.id);
    await audit(tx, ctx, {
      action: 'petition.close',
      entityType: 'petition',
      entityId: p.id,
      orgId: p.orgId,
      after: { toLedger: input.toLedger },
    });
    return petitionDto(ctx, tx, after);
  });
}
