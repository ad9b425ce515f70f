/**
 * The homes' contract (apps/server/src/modules/home): GET /api/v1/home/agenda answers "what must I
 * do now" — the branch's obligations of the period for a secretary or committee member, and my
 * meetings, dues, learning and points for a member — grouped, worst first, each with its action.
 */
import { z } from 'zod';

export const AGENDA_SEVERITIES = ['danger', 'warning', 'info'] as const;
export const AGENDA_GROUPS = ['life', 'dues', 'recruitment', 'meetings', 'learning', 'points'] as const;

export const AgendaItemSchema = z.object({
  key: z.string(),
  /** The text as a code and parameters (todo-texts.ts; null for an item taken from a to-do), and rendered in Chinese. */
  code: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  title: z.string(),
  body: z.string().nullable(),
  severity: z.enum(AGENDA_SEVERITIES),
  /** Where it is done on the console, and on the phone when the phone has that page. */
  link: z.string().nullable(),
  mobileLink: z.string().nullable(),
  dueOn: z.string().nullable(),
});
export const AgendaGroupSchema = z.object({ key: z.enum(AGENDA_GROUPS), items: z.array(AgendaItemSchema) });
export const AgendaSchema = z.object({ groups: z.array(AgendaGroupSchema) });
export type AgendaItem = z.infer<typeof AgendaItemSchema>;
export type AgendaGroupKey = (typeof AGENDA_GROUPS)[number];

/** What a module contributes to the agenda (the home renders title and body from the code). */
export type AgendaEntry = Omit<AgendaItem, 'title' | 'body' | 'code' | 'params'> & {
  code: import('../todo-texts.js').TodoCode;
  params: import('../todo-texts.js').TodoTextParams;
};
