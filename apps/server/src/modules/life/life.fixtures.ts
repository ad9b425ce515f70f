import { eq } from 'drizzle-orm';
import type { Caller, TestEnv, TestUser } from '../../../test/harness.js';
import { meetingAttendees, meetingOrgs, meetings } from '../../db/schema/index.js';
import { newSignKey } from './signin.token.js';

type OrgRef = { id: number; path: string };

/**
 * A caller that opens a new session at the clock's current time for every request, so tests can
 * move the clock by days without the idle timeout logging them out.
 */
export function fresh(env: TestEnv, user: TestUser): Caller {
  const c = () => env.as(user);
  return {
    inject: async (o) => (await c()).inject(o),
    get: async (u) => (await c()).get(u),
    post: async (u, b) => (await c()).post(u, b),
    put: async (u, b) => (await c()).put(u, b),
    patch: async (u, b) => (await c()).patch(u, b),
    delete: async (u) => (await c()).delete(u),
  };
}

/** A member with a login linked to the record (members.user_id), holding the member role. */
export async function buildMemberUser(env: TestEnv, org: OrgRef, o: { name?: string; category?: 'full' | 'probationary' } = {}) {
  const { memberId, user } = await env.buildMemberUser({ org, ...o });
  return { memberId, user, api: fresh(env, user) };
}

/** A planned meeting written directly (for authz tests), with the given people expected. */
export async function addMeeting(
  env: TestEnv,
  org: OrgRef,
  o: { type?: string; startsAt?: Date; memberIds?: number[]; minutes?: boolean; extraOrgs?: OrgRef[] } = {},
) {
  const [m] = await env.db
    .insert(meetings)
    .values({
      orgId: org.id,
      orgPath: org.path,
      type: o.type ?? 'committee',
      topic: '研究本月安全生产工作',
      startsAt: o.startsAt ?? new Date('2026-03-02T09:00:00+08:00'),
      place: '综采队会议室',
      invite: { kind: 'members' },
      signKey: newSignKey(),
      ...(o.minutes ? { minutes: '会议记录', minutesAt: new Date('2026-03-02T10:00:00+08:00'), status: 'held' } : {}),
    })
    .returning();
  await env.db.insert(meetingOrgs).values([org, ...(o.extraOrgs ?? [])].map((x) => ({ meetingId: m.id, orgId: x.id, orgPath: x.path })));
  const ids = o.memberIds ?? [(await env.buildMember({ org })).id];
  await env.db.insert(meetingAttendees).values(ids.map((memberId) => ({ meetingId: m.id, memberId, orgId: org.id })));
  return { meeting: m, memberIds: ids };
}

export const meetingRow = async (env: TestEnv, id: number) => (await env.db.select().from(meetings).where(eq(meetings.id, id)))[0];
