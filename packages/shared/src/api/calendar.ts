import { z } from 'zod';
import { isoDate, timestamp } from './fields.js';

/** The calendar contract (issue 16): a person's meetings, deadlines and events, and their secret feed URL. */

export const CALENDAR_KINDS = ['meeting', 'deadline', 'exam', 'event'] as const;
export const CALENDAR_KIND_LABELS: Record<(typeof CALENDAR_KINDS)[number], string> = {
  meeting: '会议',
  deadline: '截止',
  exam: '考试',
  event: '活动',
};

/** One entry. Timed entries have `startsAt`; all-day entries (deadlines) have `day`. */
export const CalendarEventSchema = z.object({
  uid: z.string(),
  kind: z.enum(CALENDAR_KINDS),
  title: z.string(),
  startsAt: timestamp.nullable(),
  endsAt: timestamp.nullable(),
  day: isoDate.nullable(),
  location: z.string().nullable(),
  /** A path in the app (`/m/life/12`). */
  link: z.string().nullable(),
});
export type CalendarEvent = z.output<typeof CalendarEventSchema>;

export const CalendarQuerySchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((q) => q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { message: '一次最多查询 62 天', path: ['to'] });
export const CalendarEventsSchema = z.object({ items: z.array(CalendarEventSchema) });

export const FeedStatusSchema = z.object({ active: z.boolean(), createdAt: timestamp.nullable(), lastReadAt: timestamp.nullable() });
/** Shown once: only the token's hash is kept, so a lost URL is replaced, not recovered. */
export const FeedCreatedSchema = z.object({ url: z.string(), webcalUrl: z.string() });
export const FeedParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
