import { createHash, randomBytes } from 'node:crypto';
import type { CalendarEvent } from '@vanguard/shared/api/calendar';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { calendarFeeds, users } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { CALENDAR_SOURCES } from './calendar.sources.js';
import { buildCalendar } from './ics.js';

const DAY = 86_400_000;

/** A person's entries from every source over [from, to), ordered by time. */
export async function eventsFor(db: Db, userId: number, range: { from: Date; to: Date; now: Date }): Promise<CalendarEvent[]> {
  const lists = await Promise.all(Object.values(CALENDAR_SOURCES).map((source) => source(db, { userId }, range)));
  const at = (e: CalendarEvent) => e.startsAt?.getTime() ?? Date.parse(`${e.day}T00:00:00+08:00`);
  return lists.flat().sort((a, b) => at(a) - at(b) || a.uid.localeCompare(b.uid));
}

/** The month view: China days `from`..`to` inclusive. */
export async function myEvents(ctx: ActorCtx, q: { from: string; to: string }): Promise<{ items: CalendarEvent[] }> {
  const from = new Date(`${q.from}T00:00:00+08:00`);
  const to = new Date(Date.parse(`${q.to}T00:00:00+08:00`) + DAY);
  return { items: await eventsFor(ctx.db, ctx.actor.userId, { from, to, now: ctx.now() }) };
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function feedStatus(ctx: ActorCtx) {
  const [row] = await ctx.db
    .select({ createdAt: calendarFeeds.createdAt, lastReadAt: calendarFeeds.lastReadAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, ctx.actor.userId));
  return { active: Boolean(row), createdAt: row?.createdAt ?? null, lastReadAt: row?.lastReadAt ?? null };
}

/** A new secret URL for the person's feed; an earlier one stops working at once (one feed per person). */
export async function createFeed(ctx: ActorCtx, origin: string): Promise<{ url: string; webcalUrl: string }> {
  const token = randomBytes(32).toString('base64url');
  await ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    await tx
      .insert(calendarFeeds)
      .values({ userId: ctx.actor.userId, tokenHash: hashOf(token), createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: calendarFeeds.userId,
        set: { tokenHash: hashOf(token), lastReadAt: null, createdAt: now, updatedAt: now },
      });
    await audit(tx, ctx, { action: 'calendar.feed.create', entityType: 'user', entityId: ctx.actor.userId });
  });
  const url = `${origin}/api/v1/calendar/ics/${token}`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

/** Revokes the feed: its URL answers 404 from now on. */
export async function revokeFeed(ctx: ActorCtx): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const gone = await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, ctx.actor.userId)).returning({ id: calendarFeeds.id });
    if (gone.length === 0) throw notFound('日历订阅');
    await audit(tx, ctx, { action: 'calendar.feed.revoke', entityType: 'user', entityId: ctx.actor.userId });
  });
}

/**
 * The feed itself, read by a phone's calendar with no session: the secret token is the only key.
 * Unknown, revoked or replaced → 404; a disabled account's feed → 404. Covers 30 days back and 180 ahead.
 */
export async function feedIcs(db: Db, token: string, now: Date): Promise<string> {
  const [feed] = await db
    .select({ id: calendarFeeds.id, userId: calendarFeeds.userId, disabledAt: users.disabledAt })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, hashOf(token)));
  if (!feed || feed.disabledAt) throw notFound('日历订阅');
  await db.update(calendarFeeds).set({ lastReadAt: now }).where(eq(calendarFeeds.id, feed.id));
  const events = await eventsFor(db, feed.userId, {
    from: new Date(now.getTime() - 30 * DAY),
    to: new Date(now.getTime() + 180 * DAY),
    now,
  });
  return buildCalendar({
    name: '先锋·我的日程',
    stamp: now,
    events: events.map((e) => ({
      uid: e.uid,
      title: e.title,
      start: e.startsAt ?? (e.day as string),
      end: e.startsAt ? e.endsAt : null,
      location: e.location,
    })),
  });
}
