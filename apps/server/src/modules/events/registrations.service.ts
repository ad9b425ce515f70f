import { REGISTRATION_STATUSES, type RegistrationStatus, registrationOpen, seatFor } from '@vanguard/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { eventPhotos, eventRegistrations, events } from '../../db/schema/index.js';
import { EVENTS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { notify } from '../../platform/notify/index.js';
import { checkImage } from './events.common.js';
import { detailOf, type EventRow, openEvent } from './events.service.js';

/**
 * Registration: under the event's row lock (one statement at a time per event), a place while places
 * are left, else the waitlist — never an error. The lock makes the count exact under concurrency.
 */
export async function register(ctx: ActorCtx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const { row: e, me } = await openEvent(ctx, id, tx, true);
    const window = registrationOpen(e, ctx.now());
    if (window === 'before') throw conflict('报名尚未开始');
    if (window === 'after') throw conflict('报名已截止');
    const [mine] = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, id), eq(eventRegistrations.userId, ctx.actor.userId)));
    if (mine && mine.status !== 'cancelled') throw conflict(`您已报名（${REGISTRATION_STATUSES[mine.status as RegistrationStatus]}）`);
    const status = seatFor(e.registeredCount, e.capacity);
    const where = me.member ?? me.worker;
    if (!where) throw conflict('未找到您的党员或职工档案');
    const values = {
      status,
      name: ctx.actor.displayName,
      orgId: where.orgId,
      orgPath: where.orgPath,
      registeredAt: ctx.now(),
      promotedAt: null,
      cancelledAt: null,
      updatedAt: ctx.now(),
    };
    if (mine) await tx.update(eventRegistrations).set(values).where(eq(eventRegistrations.id, mine.id));
    else await tx.insert(eventRegistrations).values({ ...values, eventId: id, userId: ctx.actor.userId });
    if (status === 'registered')
      await tx
        .update(events)
        .set({ registeredCount: sql`${events.registeredCount} + 1` })
        .where(eq(events.id, id));
    await audit(tx, ctx, { action: 'event.register', entityType: 'event', entityId: id, orgId: e.orgId, after: { status } });
  });
  return detailOf(ctx, ctx.db, id, false);
}

/** Gives a freed place to the first on the waitlist (in the caller's transaction, under the event's lock). */
async function promoteNext(ctx: ActorCtx, tx: Tx, e: EventRow): Promise<void> {
  const { rows } = await tx.execute<{ id: number; user_id: number }>(sql`
    UPDATE event_registrations SET status = 'registered', promoted_at = ${ctx.now()}, updated_at = ${ctx.now()}
    WHERE id = (SELECT id FROM event_registrations WHERE event_id = ${e.id} AND status = 'waitlisted' ORDER BY registered_at, id LIMIT 1)
    RETURNING id, user_id`);
  if (rows.length === 0) {
    await tx
      .update(events)
      .set({ registeredCount: sql`${events.registeredCount} - 1` })
      .where(eq(events.id, e.id));
    return;
  }
  await notify(tx, ctx.now(), {
    key: `event:${e.id}:promoted:${rows[0].id}`,
    to: { kind: 'users', userIds: [rows[0].user_id] },
    message: { code: 'event.promoted', params: { eventTitle: e.title, startsAt: e.startsAt.toISOString() }, link: `/m/events/${e.id}` },
    createdBy: ctx.actor.userId,
  });
}

/** Cancelling a place promotes the first on the waitlist in the same transaction: no double promotion. */
export async function cancelRegistration(ctx: ActorCtx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const { row: e } = await openEvent(ctx, id, tx, true);
    if (ctx.now() >= e.startsAt) throw conflict('活动已开始，不能取消报名');
    const [mine] = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, id), eq(eventRegistrations.userId, ctx.actor.userId)));
    if (!mine || mine.status === 'cancelled') throw conflict('您没有有效的报名');
    await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(eventRegistrations.id, mine.id));
    if (mine.status === 'registered') await promoteNext(ctx, tx, e);
    await audit(tx, ctx, { action: 'event.cancel', entityType: 'event', entityId: id, orgId: e.orgId, before: { status: mine.status } });
  });
  return detailOf(ctx, ctx.db, id, false);
}

/** Check-in with the event's code, from an hour before the start to the end; once. */
export async function checkin(ctx: ActorCtx, id: number, code: string) {
  await ctx.db.transaction(async (tx) => {
    const { row: e } = await openEvent(ctx, id, tx);
    const now = ctx.now().getTime();
    if (now < e.startsAt.getTime() - 3_600_000 || now > e.endsAt.getTime()) throw conflict('不在签到时间内（活动开始前 1 小时至结束）');
    if (code !== e.checkinCode) throw invalid('code', '签到码不正确');
    const done = await tx
      .update(eventRegistrations)
      .set({ checkedInAt: ctx.now(), updatedAt: ctx.now() })
      .where(
        and(
          eq(eventRegistrations.eventId, id),
          eq(eventRegistrations.userId, ctx.actor.userId),
          eq(eventRegistrations.status, 'registered'),
          sql`${eventRegistrations.checkedInAt} IS NULL`,
        ),
      )
      .returning({ id: eventRegistrations.id });
    if (done.length === 0) {
      const [r] = await tx
        .select()
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, id), eq(eventRegistrations.userId, ctx.actor.userId)));
      if (r?.status !== 'registered') throw conflict('您没有该活动的正式名额，不能签到');
    }
  });
  return detailOf(ctx, ctx.db, id, false);
}

/** A participant's photo for the wall (shown once an organizer approves it). */
export async function addPhoto(ctx: ActorCtx, id: number, fileId: string) {
  await ctx.db.transaction(async (tx) => {
    const { row: e } = await openEvent(ctx, id, tx);
    const [r] = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, id), eq(eventRegistrations.userId, ctx.actor.userId)));
    if (r?.status !== 'registered') throw conflict('报名参加的人才能上传照片');
    await checkImage(ctx, tx, fileId);
    await tx
      .insert(eventPhotos)
      .values({ eventId: id, fileId, userId: ctx.actor.userId, name: ctx.actor.displayName })
      .onConflictDoNothing();
    await audit(tx, ctx, { action: 'event.photo', entityType: 'event', entityId: id, orgId: e.orgId, after: { fileId } });
  });
  return detailOf(ctx, ctx.db, id, false);
}

export async function moderatePhoto(ctx: ActorCtx, id: number, photoId: number, status: 'approved' | 'rejected') {
  await ctx.db.transaction(async (tx) => {
    const e = await loadFor(ctx, EVENTS, id, 'events:manage', { db: tx });
    const done = await tx
      .update(eventPhotos)
      .set({ status, updatedAt: ctx.now() })
      .where(and(eq(eventPhotos.id, photoId), eq(eventPhotos.eventId, id)))
      .returning({ id: eventPhotos.id });
    if (!done.length) throw invalid('photoId', '照片未找到');
    await audit(tx, ctx, { action: 'event.photo_moderate', entityType: 'event', entityId: id, orgId: e.orgId, after: { photoId, status } });
  });
  return detailOf(ctx, ctx.db, id, true);
}

export async function registrations(ctx: ActorCtx, id: number) {
  await loadFor(ctx, EVENTS, id, 'events:manage');
  const { rows } = await ctx.db.execute<{
    id: number;
    name: string;
    orgName: string;
    status: RegistrationStatus;
    registeredAt: string;
    promotedAt: string | null;
    checkedInAt: string | null;
  }>(sql`
    SELECT r.id, r.name, o.name AS "orgName", r.status, r.registered_at AS "registeredAt", r.promoted_at AS "promotedAt", r.checked_in_at AS "checkedInAt"
    FROM event_registrations r JOIN orgs o ON o.id = r.org_id WHERE r.event_id = ${id}
    ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, r.registered_at, r.id LIMIT 5000`);
  const d = (s: string | null) => (s ? new Date(s) : null);
  return {
    items: rows.map((r) => ({
      ...r,
      statusName: REGISTRATION_STATUSES[r.status],
      registeredAt: new Date(r.registeredAt),
      promotedAt: d(r.promotedAt),
      checkedInAt: d(r.checkedInAt),
    })),
  };
}
