import { MEETING_TYPES, type MeetingType } from '@vanguard/shared';
import type { Tx } from '../../db/client.js';
import { meetingEvents } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import type { MeetingRow } from './life.common.js';

// Shared by the meeting services: the type's name, the meeting's history, the cancelled check.

/** The Chinese name of a meeting type (三会一课 and the others). */
export const typeName = (t: string) => MEETING_TYPES[t as MeetingType] ?? t;

/** One line of the meeting's history (planned, rescheduled, minutes, …). */
export async function addEvent(tx: Tx, ctx: ActorCtx, meetingId: number, kind: string, details: Record<string, unknown> = {}) {
  await tx.insert(meetingEvents).values({ meetingId, kind, at: ctx.now(), actorId: ctx.actor.userId, details });
}

/** A cancelled meeting takes no more changes. */
export function assertOpen(m: MeetingRow) {
  if (m.cancelledAt) throw conflict('该会议已取消');
}
