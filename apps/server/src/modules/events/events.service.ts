import { randomInt } from 'node:crypto';
import { EVENT_AUDIENCES, EVENT_KINDS, type EventAudience, type EventKind, inAudience } from '@vanguard/shared';
import type { EventCreateSchema, EventListQuerySchema } from '@vanguard/shared/api/events';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { eventPhotos, events } from '../../db/schema/index.js';
import { EVENTS } from '../../platform/access/gates.js';
import { loadFor, loadOwn, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import { type Me, me } from './events.common.js';
import { eventOpenTo } from './events.policy.js';

export type EventRow = typeof events.$inferSelect;

const itemSql = (userId: number) => sql`e.*, o.name AS org_name,
  (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS waitlist_count,
  my.status AS my_status,
  CASE WHEN my.status = 'waitlisted' THEN (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted'
    AND (r.registered_at, r.id) <= (my.registered_at, my.id)) END AS my_position
  FROM events e JOIN orgs o ON o.id = e.org_id
  LEFT JOIN event_registrations my ON my.event_id = e.id AND my.user_id = ${userId}`;

type ItemRaw = Record<string, unknown> & { id: number; kind: string; audience: string };

function toItem(r: ItemRaw) {
  const d = (k: string) => new Date(r[k] as string);
  return {
    id: r.id,
    orgName: r.org_name as string,
    kind: r.kind as EventKind,
    kindName: EVENT_KINDS[r.kind as EventKind] ?? r.kind,
    title: r.title as string,
    place: r.place as string,
    startsAt: d('starts_at'),
    endsAt: d('ends_at'),
    regOpensAt: d('reg_opens_at'),
    regClosesAt: d('reg_closes_at'),
    capacity: r.capacity as number,
    audience: r.audience as EventAudience,
    audienceName: EVENT_AUDIENCES[r.audience as EventAudience] ?? r.audience,
    registeredCount: r.registered_count as number,
    waitlistCount: r.waitlist_count as number,
    status: r.status as string,
    myStatus: (r.my_status as 'registered' | 'waitlisted' | 'cancelled' | null) ?? null,
    myPosition: (r.my_position as number | null) ?? null,
  };
}

async function items(ctx: ActorCtx, where: SQL, page: { page: number; pageSize: number }) {
  const [{ rows }, { rows: n }] = await Promise.all([
    ctx.db.execute<ItemRaw>(sql`SELECT ${itemSql(ctx.actor.userId)} WHERE ${where} ORDER BY e.starts_at DESC, e.id DESC
      LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`),
    ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM events e WHERE ${where}`),
  ]);
  return { items: rows.map(toItem), total: n[0]?.n ?? 0 };
}

export async function detailOf(ctx: ActorCtx, db: DbOrTx, id: number, manage: boolean) {
  const { rows } = await db.execute<ItemRaw>(sql`SELECT ${itemSql(ctx.actor.userId)} WHERE e.id = ${id}`);
  const r = rows[0];
  const photos = await db
    .select()
    .from(eventPhotos)
    .where(
      and(
        eq(eventPhotos.eventId, id),
        manage ? undefined : sql`(${eventPhotos.status} = 'approved' OR ${eventPhotos.userId} = ${ctx.actor.userId})`,
      ),
    )
    .orderBy(desc(eventPhotos.id))
    .limit(200);
  const { rows: ci } = await db.execute<{ at: Date | null }>(
    sql`SELECT checked_in_at AS at FROM event_registrations WHERE event_id = ${id} AND user_id = ${ctx.actor.userId}`,
  );
  return {
    ...toItem(r),
    description: r.description as string,
    summary: (r.summary as string | null) ?? null,
    checkinCode: manage ? (r.checkin_code as string) : null,
    checkedIn: Boolean(ci[0]?.at),
    photos: photos.map((p) => ({ id: p.id, fileId: p.fileId, name: p.name, status: p.status })),
  };
}

export async function createEvent(ctx: ActorCtx, body: z.output<typeof EventCreateSchema>) {
  const id = await ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, body.orgId, 'events:manage', { db: tx, field: 'orgId' });
    const [e] = await tx
      .insert(events)
      .values({
        ...body,
        orgId: org.id,
        orgPath: org.path,
        checkinCode: String(randomInt(0, 1_000_000)).padStart(6, '0'),
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'event.create',
      entityType: 'event',
      entityId: e.id,
      orgId: org.id,
      after: { title: e.title, capacity: e.capacity },
    });
    return e.id;
  });
  return detailOf(ctx, ctx.db, id, true);
}

export async function listEvents(ctx: ActorCtx, q: z.output<typeof EventListQuerySchema>) {
  const org = await orgFor(ctx, q.orgId, 'events:manage');
  return items(ctx, sql`e.org_path LIKE ${`${org.path}%`} AND ${inScope(sql`e.org_path`, scopeOf(ctx.actor, 'events:manage'))}`, q);
}

export async function getEvent(ctx: ActorCtx, id: number) {
  await loadFor(ctx, EVENTS, id, 'events:manage');
  return detailOf(ctx, ctx.db, id, true);
}

/** Events open to me: published to an org above my record, for my audience. */
export async function myEvents(ctx: ActorCtx, page: { page: number; pageSize: number }) {
  const m = await me(ctx);
  if (m.paths.length === 0) return { items: [], total: 0 };
  const aud = [m.member ? 'members' : null, m.worker ? 'workers' : null, 'both'].filter(Boolean) as string[];
  return items(
    ctx,
    sql`e.status = 'published' AND e.audience = ANY(${sql.param(aud)}::text[])
      AND EXISTS (SELECT 1 FROM unnest(${sql.param(m.paths)}::text[]) AS p(path) WHERE p.path LIKE e.org_path || '%')`,
    page,
  );
}

/** The event, if it is open to me (else 404), optionally locked: registrations of one event queue on this lock. */
export async function openEvent(ctx: ActorCtx, id: number, db: DbOrTx, lock = false): Promise<{ row: EventRow; me: Me }> {
  const who = await me(ctx, db);
  const { row } = await loadOwn(
    ctx,
    EVENTS,
    id,
    (e) =>
      e.status === 'published' &&
      eventOpenTo(e.orgPath, who.paths) &&
      inAudience(e.audience as EventAudience, { member: Boolean(who.member), worker: Boolean(who.worker) }),
    { db, lock },
  );
  return { row, me: who };
}

export async function getMyEvent(ctx: ActorCtx, id: number) {
  await openEvent(ctx, id, ctx.db);
  return detailOf(ctx, ctx.db, id, false);
}

export async function saveSummary(ctx: ActorCtx, id: number, summary: string) {
  await ctx.db.transaction(async (tx) => {
    const e = await loadFor(ctx, EVENTS, id, 'events:manage', { db: tx, lock: true });
    if (ctx.now() < e.startsAt) throw conflict('活动开始后才能填写总结');
    await tx.update(events).set({ summary, updatedAt: ctx.now() }).where(eq(events.id, id));
    await audit(tx, ctx, { action: 'event.summary', entityType: 'event', entityId: id, orgId: e.orgId });
  });
  return detailOf(ctx, ctx.db, id, true);
}

/** Participation per branch (the registrant's org). */
export async function eventStats(ctx: ActorCtx, id: number) {
  await loadFor(ctx, EVENTS, id, 'events:manage');
  const { rows } = await ctx.db.execute<{ orgId: number; orgName: string; registered: number; waitlisted: number; checkedIn: number }>(sql`
    SELECT r.org_id AS "orgId", o.name AS "orgName",
      count(*) FILTER (WHERE r.status = 'registered')::int AS registered,
      count(*) FILTER (WHERE r.status = 'waitlisted')::int AS waitlisted,
      count(*) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS "checkedIn"
    FROM event_registrations r JOIN orgs o ON o.id = r.org_id WHERE r.event_id = ${id}
    GROUP BY r.org_id, o.name, o.path ORDER BY o.path`);
  return { rows };
}
