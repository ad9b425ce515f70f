/** The web's client for the calendar contract (@vanguard/shared/api/calendar), used by console and phone. */
import type { CalendarEventsSchema, FeedCreatedSchema, FeedStatusSchema } from '@vanguard/shared/api/calendar';
import type { z } from 'zod';
import { api } from './client';

export type CalendarEventDto = z.input<typeof CalendarEventsSchema>['items'][number];
export type FeedStatus = z.input<typeof FeedStatusSchema>;
export type FeedCreated = z.input<typeof FeedCreatedSchema>;

export const calendarApi = {
  /** China days, both inclusive (at most 62 days). */
  events: (from: string, to: string) => api<z.input<typeof CalendarEventsSchema>>('/api/v1/calendar/events', { query: { from, to } }),
  feed: () => api<FeedStatus>('/api/v1/calendar/feed'),
  createFeed: () => api<FeedCreated>('/api/v1/calendar/feed', { method: 'POST' }),
  revokeFeed: () => api<null>('/api/v1/calendar/feed', { method: 'DELETE' }),
};

/** The China day an entry falls on (`YYYY-MM-DD`). */
export const dayOf = (e: CalendarEventDto): string =>
  e.day ?? new Date(Date.parse(e.startsAt as string) + 8 * 3_600_000).toISOString().slice(0, 10);
/** `HH:MM` China time of a timed entry. */
export const timeOf = (e: CalendarEventDto): string | null =>
  e.startsAt ? new Date(Date.parse(e.startsAt) + 8 * 3_600_000).toISOString().slice(11, 16) : null;
