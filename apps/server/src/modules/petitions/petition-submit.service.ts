import { chinaDay, type PetitionRating, petitionDeadlines, petitionRulesetOn } from '@vanguard/shared';
import type { PetitionRateSchema, PetitionSubmitInput } from '@vanguard/shared/api/petitions';
import { and, asc, eq, inArray, isNull, like, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { files, orgs, petitions, workers } from '../../db/schema/index.js';
import { PETITIONS } from '../../platform/access/gates.js';
import { findMyMember, loadOwn } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { notify } from '../../platform/notify/index.js';
import { calendarFor } from './petitions.calendar.js';
import { addEvent, orgAbove, tellHandlers } from './petitions.common.js';
import { ownPetition, reopensOn } from './petitions.policy.js';
import { petitionDto } from './petitions.queries.js';

/** The petitioner's own record: a worker record first (职工群众), else their member record. */
async function homeOf(ctx: ActorCtx, db: DbOrTx) {
  const [w] = await db
    .select({ name: workers.name, orgId: workers.orgId })
    .from(workers)
    .where(eq(workers.userId, ctx.actor.userId))
    .limit(1);
  if (w) return w;
  const m = await findMyMember(ctx, { db });
  if (m) return { name: m.name, orgId: m.orgId };
  throw notFound('您的职工或党员档案（账号未关联档案，请联系所在支部）');
}

/** The mine committee above an org: the nearest ancestor (or itself) that is a 党委. */
async function mineOf(db: DbOrTx, orgId: number) {
  const [o] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!o) return null;
  const ids = o.path.split('/').filter(Boolean).map(Number);
  const rows = await db
    .select()
    .from(orgs)
    .where(and(inArray(orgs.id, ids), eq(orgs.kind, 'committee')));
  rows.sort((a, b) => b.path.length - a.path.length);
  return { own: o, mine: rows[0] ?? null };
}

/** Where the petitioner may send a petition: their own branch, or a department (机关) of their mine. */
export async function petitionTargets(ctx: ActorCtx, db: DbOrTx = ctx.db) {
  const home = await homeOf(ctx, db);
  const found = await mineOf(db, home.orgId);
  if (!found) return { own: null, departments: [] };
  const departments = found.mine
    ? await db
        .select({ orgId: orgs.id, orgName: orgs.name })
        .from(orgs)
        .where(and(like(orgs.path, `${found.mine.path}%`), eq(orgs.category, 'office'), isNull(orgs.dissolvedAt), ne(orgs.id, home.orgId)))
        .orderBy(asc(orgs.sort), asc(orgs.id))
    : [];
  return { own: { orgId: found.own.id, orgName: found.own.name }, departments };
}

/** 提诉求: routed to the petitioner's branch or the chosen department, with the clock of that org's calendar. */
export async function submitPetition(ctx: ActorCtx, input: PetitionSubmitInput) {
  const now = ctx.now();
  const today = chinaDay(now);
  const rs = petitionRulesetOn(today);
  return ctx.db.transaction(async (tx) => {
    const targets = await petitionTargets(ctx, tx);
    const home = await homeOf(ctx, tx);
    if (!targets.own) throw notFound('您所在的组织');
    let orgId = targets.own.orgId;
    if (input.orgId !== undefined && input.orgId !== orgId) {
      if (!targets.departments.some((d) => d.orgId === input.orgId)) throw invalid('orgId', '只能提交给本支部或本矿的职能部门');
      orgId = input.orgId;
    }
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId));
    const photos = [...new Set(input.photoFileIds)];
    if (photos.length) {
      const found = await tx
        .select({ id: files.id, mime: files.mime, size: files.size })
        .from(files)
        .where(and(inArray(files.id, photos), eq(files.ownerId, ctx.actor.userId)));
      if (found.length !== photos.length) throw invalid('photoFileIds', '照片不存在或不是您本人上传的');
      if (found.some((f) => !f.mime.startsWith('image/'))) throw invalid('photoFileIds', '只能附照片（JPG/PNG/WebP）');
      if (found.some((f) => f.size > rs.maxPhotoBytes)) throw invalid('photoFileIds', `每张照片不超过 ${rs.maxPhotoBytes / 1048576} MB`);
    }
    const clock = petitionDeadlines(today, await calendarFor(tx, org.path), rs);
    const [p] = await tx
      .insert(petitions)
      .values({
        orgId: org.id,
        orgPath: org.path,
        originOrgId: org.id,
        originOrgPath: org.path,
        submitterUserId: ctx.actor.userId,
        submitterName: home.name,
        anonymous: input.anonymous,
        nameInLedger: input.nameInLedger && !input.anonymous,
        category: input.category,
        body: input.body,
        place: input.place || null,
        photoFileIds: photos,
        rulesetVersion: rs.version,
        receivedOn: today,
        acceptDueOn: clock.acceptDueOn,
        replyDueOn: clock.replyDueOn,
        firstReplyDueOn: clock.replyDueOn,
        escalateAfterOn: clock.replyDueOn,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await addEvent(tx, { petitionId: p.id, kind: 'submitted', at: now, actorUserId: ctx.actor.userId, toOrgId: org.id });
    await audit(tx, ctx, {
      action: 'petition.submit',
      entityType: 'petition',
      entityId: p.id,
      orgId: org.id,
      after: { category: p.category, anonymous: p.anonymous },
    });
    await tellHandlers(tx, now, p, 'submitted', org.name);
    return petitionDto(ctx, tx, p);
  });
}

/** One's own petition (404 for anyone else's: the petitioner's side is not a scope). */
export async function getMine(ctx: ActorCtx, id: number) {
  const { row } = await loadOwn(ctx, PETITIONS, id, ownPetition(ctx.actor));
  return petitionDto(ctx, ctx.db, row);
}

/**
 * 评价: once, on a replied petition. 不满意 reopens it at the level above once (the ruleset's limit),
 * with a fresh reply clock counted from today; otherwise it is 已评价 and the handler may close it.
 */
export async function ratePetition(ctx: ActorCtx, id: number, input: z.infer<typeof PetitionRateSchema>) {
  const now = ctx.now();
  const today = chinaDay(now);
  return ctx.db.transaction(async (tx) => {
    const { row: p } = await loadOwn(ctx, PETITIONS, id, ownPetition(ctx.actor), { db: tx, lock: true });
    if (p.status !== 'replied') {
      throw conflict(p.rating && p.status !== 'reopened' ? '该诉求已评价，不能重复评价' : '该诉求尚未答复，答复后才能评价');
    }
    const rs = petitionRulesetOn(p.receivedOn);
    const rating = input.rating as PetitionRating;
    const set: Partial<typeof petitions.$inferInsert> = {
      rating,
      ratingNote: input.note || null,
      ratedAt: now,
      updatedAt: now,
      status: 'rated',
    };
    await addEvent(tx, { petitionId: p.id, kind: 'rated', at: now, actorUserId: ctx.actor.userId, note: input.note || null });
    let up: Awaited<ReturnType<typeof orgAbove>> | undefined;
    if (reopensOn(rating, p.reopens, rs.reopenLimit)) {
      up = await orgAbove(tx, p.orgId);
      const clock = petitionDeadlines(today, await calendarFor(tx, up.path), rs);
      Object.assign(set, {
        status: 'reopened',
        reopens: p.reopens + 1,
        orgId: up.id,
        orgPath: up.path,
        replyDueOn: clock.replyDueOn,
        escalateAfterOn: clock.replyDueOn,
        escalations: 0,
        escalatedOn: null,
      });
      await addEvent(tx, {
        petitionId: p.id,
        kind: 'reopened',
        at: now,
        actorUserId: ctx.actor.userId,
        fromOrgId: p.orgId,
        toOrgId: up.id,
      });
    }
    const [after] = await tx.update(petitions).set(set).where(eq(petitions.id, p.id)).returning();
    await audit(tx, ctx, {
      action: 'petition.rate',
      entityType: 'petition',
      entityId: p.id,
      orgId: after.orgId,
      after: { rating, status: after.status },
    });
    if (up) await tellHandlers(tx, now, after, 'reopened', up.name);
    return petitionDto(ctx, tx, after);
  });
}

/** Tells the petitioner their petition was answered. */
export async function tellPetitioner(db: DbOrTx, now: Date, p: typeof petitions.$inferSelect, orgName: string) {
  await notify(db, now, {
    key: `petition:${p.id}:replied:${p.reopens}`,
    to: { kind: 'users', userIds: [p.submitterUserId] },
    message: { code: 'petition.replied', params: { orgName }, link: `/m/petitions/${p.id}` },
  });
}
