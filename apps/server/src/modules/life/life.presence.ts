import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { meetingSignins, meetings } from '../../db/schema/index.js';

/**
 * A meeting as another module cites it (三重一大's 集体讨论): its host, type and state, and who
 * signed in — the attendance of record. Undefined when there is no such meeting.
 */
export async function meetingPresence(db: DbOrTx, meetingId: number) {
  const [m] = await db
    .select({
      id: meetings.id,
      orgId: meetings.orgId,
      type: meetings.type,
      status: meetings.status,
      topic: meetings.topic,
      startsAt: meetings.startsAt,
    })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  if (!m) return undefined;
  const present = await db
    .select({ memberId: meetingSignins.memberId })
    .from(meetingSignins)
    .where(eq(meetingSignins.meetingId, meetingId));
  return { ...m, presentMemberIds: present.map((p) => p.memberId) };
}
